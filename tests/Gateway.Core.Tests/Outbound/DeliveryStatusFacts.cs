using Gateway.Core.Outbound;

namespace Gateway.Core.Tests.Outbound;

public class DeliveryStatusFacts
{
    [Fact]
    public void All_AreTheStatusesTwilioReports() =>
        Assert.Equal(
            ["accepted", "canceled", "delivered", "failed", "partially_delivered", "queued", "read", "received", "receiving", "scheduled", "sending", "sent", "undelivered"],
            DeliveryStatus.All.Order(StringComparer.Ordinal));

    [Theory]
    [InlineData(null, "queued", "queued")]
    [InlineData("queued", "sent", "sent")]
    [InlineData("accepted", "queued", "queued")]
    [InlineData("sent", "delivered", "delivered")]
    [InlineData("delivered", "sent", "delivered")]
    [InlineData("delivered", "queued", "delivered")]
    [InlineData("delivered", "read", "read")]
    [InlineData("read", "delivered", "read")]
    [InlineData("sent", "undelivered", "undelivered")]
    [InlineData("undelivered", "delivered", "undelivered")]
    [InlineData("failed", "sent", "failed")]
    [InlineData("failed", "undelivered", "failed")]
    [InlineData("delivered", "undelivered", "delivered")]
    [InlineData("partially_delivered", "delivered", "delivered")]
    [InlineData("sent", "sent", "sent")]
    [InlineData("sent", "no-such-status", "sent")]
    public void Advance_OnlyMovesForward_AndFailuresAreFinal(string? current, string incoming, string expected) =>
        Assert.Equal(expected, DeliveryStatus.Advance(current, incoming));

    [Fact]
    public void Advance_EndsInTheSameStatus_WhateverTheOrderOfArrival()
    {
        string[] statuses = ["queued", "sending", "sent", "delivered"];
        foreach (var order in Permutations(statuses))
        {
            Assert.Equal("delivered", order.Aggregate((string?)null, DeliveryStatus.Advance));
        }
    }

    [Theory]
    [InlineData("failed", true)]
    [InlineData("undelivered", true)]
    [InlineData("canceled", true)]
    [InlineData("delivered", false)]
    [InlineData("sent", false)]
    public void IsFailure_NamesTheStatusesThatNeverReachThePerson(string status, bool failure) =>
        Assert.Equal(failure, DeliveryStatus.IsFailure(status));

    private static IEnumerable<string[]> Permutations(string[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany((item, i) => Permutations([.. items[..i], .. items[(i + 1)..]]).Select(rest => (string[])[item, .. rest]));
}
