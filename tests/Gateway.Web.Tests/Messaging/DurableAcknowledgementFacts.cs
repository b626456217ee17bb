using System.Diagnostics;
using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Messaging;

/// <summary>
/// With <c>Redis:DurableReplicas</c> set, a reference is given only once a replica holds the report (decision
/// 0011). On a real primary and replica: with the replica running the SOS gets its reference and the replica has
/// the report; with the replica stopped the SOS gets the hotline and is journaled, and once the replica is back the
/// replay finds the report the first attempt wrote, by the message, and opens no second one.
/// </summary>
public sealed class DurableAcknowledgementFacts : IDisposable
{
    private const string Number = "+66812348801";
    private readonly RedisReplicaPair _pair = new();
    private readonly string _journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;

    public void Dispose()
    {
        _pair.Dispose();
        Directory.Delete(_journal, recursive: true);
    }

    private GatewayFactory NewFactory() => new(settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = _pair.Primary.Endpoint,
        ["Gateway:DataKey"] = Convert.ToBase64String(new byte[32]),
        ["Gateway:JournalPath"] = _journal,
        ["Gateway:JournalReplayInterval"] = "00:00:00.200",
        ["Redis:DurableReplicas"] = "1",
        ["Redis:DurableTimeout"] = "00:00:00.300",
        ["Escalation:WatchdogSchedule"] = string.Empty,
    });

    private static async Task<string> SmsAsync(HttpClient client, string text, string sid)
    {
        using var response = await client.SendAsync(GatewayFactory.SignedSms(Number, text, sid));
        response.EnsureSuccessStatusCode();
        return XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
    }

    [Fact]
    public async Task Sos_IsGivenItsReference_OnceTheReplicaHoldsTheReport()
    {
        using var factory = NewFactory();
        using var client = factory.CreateClient();

        var reply = await SmsAsync(client, "SOS", "SM" + Guid.NewGuid().ToString("N"));

        Assert.StartsWith("SOS received (", reply, StringComparison.Ordinal);
        var reference = reply["SOS received (".Length..reply.IndexOf(')', StringComparison.Ordinal)];
        using var replica = await ConnectionMultiplexer.ConnectAsync($"{_pair.Replica.Endpoint},abortConnect=true");
        Assert.True(await replica.GetDatabase().KeyExistsAsync($"gateway:report:{{{reference}}}", CommandFlags.PreferReplica));
    }

    [Fact]
    public async Task Sos_WhileTheReplicaIsStopped_GetsTheHotlineAndIsJournaled_AndItsReplayOpensOneReport()
    {
        using var factory = NewFactory();
        using var client = factory.CreateClient();
        await SmsAsync(client, "hello", "SM" + Guid.NewGuid().ToString("N"));

        _pair.Replica.Suspend();
        string reply;
        try
        {
            reply = await SmsAsync(client, "SOS", "SM" + Guid.NewGuid().ToString("N"));
            Assert.StartsWith("We got your message", reply, StringComparison.Ordinal);
            Assert.Contains("1300", reply, StringComparison.Ordinal);
            Assert.True(factory.Services.GetRequiredService<InboundJournal>().HasEntries);
            Assert.Contains(factory.Logs, l => l.Contains("journaled", StringComparison.Ordinal) && l.Contains("(ReplicaWaitException)", StringComparison.Ordinal));
        }
        finally
        {
            _pair.Replica.Resume();
        }

        var journal = factory.Services.GetRequiredService<InboundJournal>();
        var clock = Stopwatch.StartNew();
        while (journal.HasEntries && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        Assert.False(journal.HasEntries, "The journal was not replayed within 15 s of the replica's return.");
        var id = factory.Services.GetRequiredService<DataKey>().ContactId(Number);
        var reports = await ReportsOfAsync(factory, id);
        var report = Assert.Single(reports);
        Assert.Equal(1, report.SosCount);
    }

    /// <summary>Every stored report of a contact, read from the records themselves (not from an index).</summary>
    internal static async Task<IReadOnlyList<Report>> ReportsOfAsync(GatewayFactory factory, string contactId)
    {
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>();
        var store = factory.Services.GetRequiredService<IReportStore>();
        var found = new List<Report>();
        foreach (var server in redis.GetServers().Where(s => !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: "gateway:report:{*}"))
            {
                var text = (string)key!;
                if (await store.FindAsync(text[(text.IndexOf('{', StringComparison.Ordinal) + 1)..^1]) is { } report && report.ContactId == contactId)
                {
                    found.Add(report);
                }
            }
        }

        return found;
    }
}
