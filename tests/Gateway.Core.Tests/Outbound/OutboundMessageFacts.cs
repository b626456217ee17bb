using Gateway.Core.Outbound;

namespace Gateway.Core.Tests.Outbound;

public class OutboundMessageFacts
{
    private static readonly DateTimeOffset Now = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static OutboundMessage New() => new() { Id = OutboundMessage.NewId(), ContactId = "c", Purpose = "test", SealedBody = "sealed", CreatedAt = Now };

    [Fact]
    public void DueAt_IsTheNextAttempt_ForPending_AndTheLeaseEnd_ForSending_AndNoneOtherwise()
    {
        Assert.Equal(Now, New().DueAt);
        Assert.Equal(Now.AddSeconds(5), (New() with { NextAttemptAt = Now.AddSeconds(5) }).DueAt);
        Assert.Equal(Now.AddMinutes(2), (New() with { State = OutboundState.Sending, LeaseUntil = Now.AddMinutes(2) }).DueAt);
        Assert.Null((New() with { State = OutboundState.Sent, ProviderSid = "SM1" }).DueAt);
        Assert.Null((New() with { State = OutboundState.Failed }).DueAt);
        Assert.Null((New() with { State = OutboundState.Refused }).DueAt);
    }

    [Fact]
    public void IsSettled_OnceTheProviderGaveAnId_OrTheMessageIsFinal()
    {
        Assert.False(New().IsSettled);
        Assert.False((New() with { State = OutboundState.Sending }).IsSettled);
        Assert.True((New() with { State = OutboundState.Sending, ProviderSid = "SM1" }).IsSettled);
        Assert.True((New() with { State = OutboundState.Refused }).IsSettled);
    }

    [Fact]
    public void NewId_IsUnique_AndMarkedAsOurs()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => OutboundMessage.NewId()).ToList();
        Assert.Equal(100, ids.Distinct().Count());
        Assert.All(ids, id => Assert.StartsWith("ob-", id, StringComparison.Ordinal));
    }
}
