using Gateway.Core.Outbound;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using WireMock.Server;

namespace Gateway.Web.Tests.Outbound;

/// <summary>
/// Outbound messages in Redis, across gateway processes: recorded by one and sent by another started later, taken
/// over from one that died mid-send, and never sent twice by two processes sending at once. Each test has a Redis
/// database of its own, so no other test's process sends its messages.
/// </summary>
public sealed class OutboundRestartFacts : IDisposable
{
    private const string Number = "+66812340001";
    private readonly WireMockServer _twilio = WireMockServer.Start();

    public void Dispose() => _twilio.Dispose();

    private static Dictionary<string, string?> Settings(params (string Key, string Value)[] settings) =>
        settings.ToDictionary(s => s.Key, s => (string?)s.Value);

    /// <summary>An empty Redis database for one test.</summary>
    private static int FreshDatabase(int database)
    {
        var server = RedisTestServer.Multiplexer.GetServers()[0];
        var db = RedisTestServer.Multiplexer.GetDatabase(database);
        foreach (var key in server.Keys(database, pattern: "gateway:*"))
        {
            db.KeyDelete(key);
        }

        return database;
    }

    [Fact]
    public async Task AMessageRecordedByOneProcess_IsSentByAnotherStartedLater()
    {
        var database = FreshDatabase(11);
        var sid = OutboundHost.NewSid();
        OutboundHost.Answer(_twilio, 201, OutboundHost.Created(sid));
        OutboundMessage queued;
        using (var first = new OutboundHost(Settings(("Outbound:WorkerEnabled", "false")), database, _twilio))
        {
            queued = await first.Sender.EnqueueAsync(await first.ContactAsync(Number), "Your report 7KQ2M4X was received.", "report_followup");
            await Task.Delay(300);
            Assert.Equal(OutboundState.Pending, (await first.Outbox.LoadAsync(queued.Id))!.Message.State);
        }

        Assert.Empty(_twilio.LogEntries);

        using var second = new OutboundHost(redisDatabase: database, twilio: _twilio);
        var sent = await second.WaitUntilSettledAsync(queued.Id);

        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.Equal(sid, sent.ProviderSid);
        Assert.False(sent.PossibleDuplicate);
        var request = Assert.Single(second.Requests);
        Assert.Equal(Number, OutboundHost.Form(request)["To"]);
        Assert.Equal("Your report 7KQ2M4X was received.", OutboundHost.Form(request)["Body"]);
    }

    [Fact]
    public async Task AMessageLeftMidSendByAProcessThatDied_IsSentAgainByAnother_AsAPossibleDuplicate()
    {
        var database = FreshDatabase(12);
        OutboundHost.Answer(_twilio, 201, OutboundHost.Created());
        using var survivor = new OutboundHost(Settings(("Outbound:WorkerEnabled", "false")), database, _twilio);
        var contact = await survivor.ContactAsync(Number);
        var key = survivor.Factory.Services.GetRequiredService<DataKey>();
        var now = DateTimeOffset.UtcNow;
        var orphan = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = contact,
            Purpose = "test",
            SealedBody = key.Seal("Are you safe? Reply 1 for yes."),
            State = OutboundState.Sending,
            Attempts = 1,
            LeaseToken = "the-dead-process",
            LeaseUntil = now.AddSeconds(2),
            CreatedAt = now,
            UpdatedAt = now,
        };
        await survivor.Outbox.TryAddAsync(orphan);

        using var next = new OutboundHost(redisDatabase: database, twilio: _twilio);
        var sent = await next.WaitUntilSettledAsync(orphan.Id);

        Assert.Equal(OutboundState.Sent, sent.State);
        Assert.True(sent.PossibleDuplicate);
        Assert.Equal(2, sent.Attempts);
        Assert.Single(next.Requests);
        // Not taken over while the dead process's lease still ran (timed by WireMock, whatever the host's start-up took).
        Assert.True(_twilio.LogEntries.Single().RequestMessage.DateTime >= orphan.LeaseUntil.Value.UtcDateTime.AddMilliseconds(-50));
    }

    [Fact]
    public async Task TwoProcessesSendingFromOneOutbox_SendEachMessageOnce()
    {
        var database = FreshDatabase(13);
        OutboundHost.Answer(_twilio, 201, OutboundHost.Created());
        using var one = new OutboundHost(Settings(("Outbound:WorkerEnabled", "false")), database, _twilio);
        var contacts = new List<string>();
        for (var i = 0; i < 10; i++)
        {
            contacts.Add(await one.ContactAsync($"+668123401{i:00}"));
        }

        var ids = new List<string>();
        foreach (var contact in contacts)
        {
            ids.Add((await one.Sender.EnqueueAsync(contact, "first " + contact, "test")).Id);
            ids.Add((await one.Sender.EnqueueAsync(contact, "second " + contact, "test")).Id);
        }

        using var a = new OutboundHost(Settings(("Outbound:Concurrency", "8")), database, _twilio);
        using var b = new OutboundHost(Settings(("Outbound:Concurrency", "8")), database, _twilio);
        foreach (var id in ids)
        {
            Assert.Equal(OutboundState.Sent, (await a.WaitUntilSettledAsync(id)).State);
        }

        await Task.Delay(300);
        var bodies = _twilio.LogEntries.Select(e => OutboundHost.Form(e.RequestMessage)["Body"]).ToList();
        Assert.Equal(20, bodies.Count);
        Assert.Equal(20, bodies.Distinct().Count());
    }

    [Fact]
    public async Task AllowedCountries_AreCheckedAgainBeforeSending_ByTheProcessThatSends()
    {
        var database = FreshDatabase(14);
        OutboundHost.Answer(_twilio, 201, OutboundHost.Created());
        OutboundMessage queued;
        using (var thai = new OutboundHost(Settings(("Outbound:WorkerEnabled", "false"), ("Outbound:AllowedCountries", "TH")), database, _twilio))
        {
            queued = await thai.Sender.EnqueueAsync(await thai.ContactAsync(Number), "Hello", "test");
            Assert.Equal(OutboundState.Pending, queued.State);
        }

        using var cambodian = new OutboundHost(Settings(("Outbound:AllowedCountries", "KH")), database, _twilio);
        var refused = await cambodian.WaitUntilSettledAsync(queued.Id);

        Assert.Equal(OutboundState.Refused, refused.State);
        Assert.Equal("Not sent: Outbound SMS to TH is not allowed (Outbound__AllowedCountries is KH).", refused.Error);
        Assert.Empty(_twilio.LogEntries);
        Assert.Contains(queued.Id, (await cambodian.Outbox.ListFailedAsync(10)).Select(m => m.Id));
    }

    [Fact]
    public async Task DailyCaps_AreSharedByEveryProcess()
    {
        var database = FreshDatabase(15);
        OutboundHost.Answer(_twilio, 201, OutboundHost.Created());
        var settings = Settings(("Outbound:MaxPerContactPerDay", "3"), ("Outbound:WorkerEnabled", "false"));
        using var a = new OutboundHost(settings, database, _twilio);
        using var b = new OutboundHost(settings, database, _twilio);
        var contact = await a.ContactAsync(Number);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => (i % 2 == 0 ? a : b).Sender.EnqueueAsync(contact, $"Message {i}", "test")));

        Assert.Equal(3, outcomes.Count(m => m.State == OutboundState.Pending));
        Assert.Equal(5, outcomes.Count(m => m.State == OutboundState.Refused));
        Assert.Equal(3, (int)await RedisTestServer.Multiplexer.GetDatabase(database).StringGetAsync($"gateway:{{outbound}}:count:{DateTime.UtcNow:yyyy-MM-dd}:{contact}"));
    }
}
