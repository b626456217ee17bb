using System.Globalization;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;
using Gateway.Web.Messaging;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;
using Xunit.Abstractions;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// Redis fails over under a steady stream of SOS messages, on real redis-server processes: a Sentinel set
/// (<c>SENTINEL FAILOVER</c>) and a Cluster (<c>CLUSTER FAILOVER</c> on a replica, then a primary SIGKILLed). A
/// reference given to a person is a report on the servers that serve after the failover, listed with the open
/// reports; every sender ends with exactly one report. Each test first shows that the roles really changed and that
/// enough SOS were sent while they did, so a failover that came too late or too early fails the test. The figures
/// (sent, acknowledged, degraded, lost, seconds of degraded answers) are printed and kept in docs/benchmarks.md,
/// "Redis failover".
/// </summary>
public sealed class RedisFailoverFacts(ITestOutputHelper output)
{
    private const int PerSecond = 10;

    /// <summary>SOS sent between the failover's start and ten seconds after the roles changed, at least.</summary>
    private const int MinimumInWindow = 80;

    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SentinelFailoverUnderLoad_LosesNoAcknowledgedSos()
    {
        using var sentinel = new RedisSentinelSet();
        await sentinel.WaitReadyAsync(Settle);
        using var journal = new TempFolder();
        using var host = Host(sentinel.ConnectionString, journal.Path);
        using var client = host.CreateClient();
        var load = new SosLoad(client, host.Services, PerSecond, "+6681300");
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => load.RunAsync(stop.Token));

        await WaitAsync(() => load.Sent.Count(s => s.Outcome == SosOutcome.Acknowledged) >= 20, "20 SOS acknowledged before the failover");
        var failoverAt = load.Now;
        Assert.Equal("OK", sentinel.Failover());
        await RedisNode.WaitForAsync(
            () => sentinel.PrimaryPortByTheSentinels() == sentinel.Replica.Port && sentinel.Replica.Info("role") == "master" && sentinel.Primary.Info("role") == "slave",
            Settle,
            "the sentinels to promote the replica and demote the old primary");
        var switchedAt = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;

        // The failover happened: the old replica serves, the old primary follows it.
        Assert.Equal(sentinel.Replica.Port, sentinel.PrimaryPortByTheSentinels());
        Assert.Equal("master", sentinel.Replica.Info("role"));
        Assert.Equal("slave", sentinel.Primary.Info("role"));
        // The failover is in the log, with the client's error text and without anyone's number.
        Assert.Contains(host.Logs, l => l.Contains(typeof(Gateway.Web.Configuration.RedisConnection).FullName!, StringComparison.Ordinal) && l.Contains("changed its configuration", StringComparison.Ordinal));
        Assert.DoesNotContain(host.Logs, l => l.Contains("6681300", StringComparison.Ordinal));
        var figures = Figures("Sentinel", load.Sent, failoverAt, switchedAt + 10);
        Assert.True(figures.InWindow >= MinimumInWindow, $"Only {figures.InWindow} SOS were sent while the roles changed and in the 10 s after; the test needs {MinimumInWindow}.");

        await WaitForReplayAsync(host);
        // Read from the new primary alone, on a connection of the test's own: what a person was told is there.
        using var newPrimary = await ConnectionMultiplexer.ConnectAsync(sentinel.Replica.Endpoint + ",allowAdmin=true");
        var stored = await StoredReportsAsync(newPrimary);
        var lost = load.Sent.Where(s => s.Outcome == SosOutcome.Acknowledged && !stored.ContainsKey(s.Reference!)).ToList();
        output.WriteLine(figures.Line(lost.Count));
        var senders = PerSender(host, load.Sent, stored);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged SOS are not on the new primary: {string.Join(", ", lost.Select(l => $"{l.Reference} sent at {l.SentAt:0.0} s"))}.");
        AssertOneReportPerSender(senders);
    }

    /// <summary>As docker-compose.yml's sentinel profile: servers and sentinels require one password, given once in the connection string.</summary>
    [Fact]
    public async Task SentinelsWithAPassword_GiveTheGatewayThePrimary()
    {
        using var sentinel = new RedisSentinelSet(password: "sentinel-check-password");
        await sentinel.WaitReadyAsync(Settle);
        using var journal = new TempFolder();
        using var host = Host(sentinel.ConnectionString, journal.Path);
        using var client = host.CreateClient();
        using var request = GatewayFactory.SignedSms("+66813100001", "SOS");
        using var response = await client.SendAsync(request);
        var reference = EscalationHost.ReferenceIn(System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Message").Select(m => m.Value));

        Assert.NotNull(reference);
        Assert.Contains(reference, sentinel.Primary.Cli("KEYS", "gateway:report:*"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClusterFailoverAndKilledPrimaryUnderLoad_ListsEveryAcknowledgedReportOnce()
    {
        using var cluster = new RedisClusterSet();
        await cluster.WaitReadyAsync(Settle);
        using var journal = new TempFolder();
        using var host = Host(cluster.ConnectionString, journal.Path);
        using var client = host.CreateClient();
        var load = new SosLoad(client, host.Services, PerSecond, "+6681400");
        using var stop = new CancellationTokenSource();
        var running = Task.Run(() => load.RunAsync(stop.Token));

        await WaitAsync(() => load.Sent.Count(s => s.Outcome == SosOutcome.Acknowledged) >= 20, "20 SOS acknowledged before the failover");
        var failoverAt = load.Now;
        var primaries = cluster.Primaries();
        var (graceful, killed) = (primaries[0], primaries[1]);
        var promoted = cluster.ReplicaOf(graceful);
        var heir = cluster.ReplicaOf(killed);
        Assert.Equal("OK", promoted.Cli("CLUSTER", "FAILOVER").Trim());
        await RedisNode.WaitForAsync(() => RedisClusterSet.Role(promoted) == "master" && RedisClusterSet.Role(graceful) == "slave", Settle, "the replica to take over its primary's slots");
        await Task.Delay(TimeSpan.FromSeconds(5));
        killed.Kill();
        await RedisNode.WaitForAsync(() => RedisClusterSet.Role(heir) == "master", Settle, "the killed primary's replica to take over its slots");
        // Its supervisor starts the killed server again (restart: unless-stopped); it comes back as the heir's
        // replica. Until then the heir's shard has no replica, so no write there is acknowledged (decision 0011).
        killed.Start();
        await RedisNode.WaitForAsync(() => RedisClusterSet.Role(killed) == "slave" && killed.Info("master_link_status") == "up", Settle, "the restarted server to replicate the heir");
        await cluster.WaitReadyAsync(Settle);
        var switchedAt = load.Now;
        await Task.Delay(TimeSpan.FromSeconds(10));
        await stop.CancelAsync();
        await running;

        Assert.Equal("master", RedisClusterSet.Role(promoted));
        Assert.Equal("slave", RedisClusterSet.Role(graceful));
        Assert.Equal("master", RedisClusterSet.Role(heir));
        Assert.Equal("slave", RedisClusterSet.Role(killed));
        var figures = Figures("Cluster", load.Sent, failoverAt, switchedAt + 10);
        Assert.True(figures.InWindow >= MinimumInWindow, $"Only {figures.InWindow} SOS were sent while the roles changed and in the 10 s after; the test needs {MinimumInWindow}.");

        await WaitForReplayAsync(host);
        // One run of the watchdog: what a failover left out of the indexes is back after it.
        await host.Services.GetRequiredService<EscalationWatchdog>().RunAsync(CancellationToken.None);
        using var truth = await ConnectionMultiplexer.ConnectAsync(cluster.ConnectionString + ",allowAdmin=true");
        var stored = await StoredReportsAsync(truth);
        var listed = (await host.Services.GetRequiredService<IReportStore>().ListAsync(new ReportQuery { Limit = 100_000 })).Select(r => r.Reference).ToHashSet();
        var lost = load.Sent.Where(s => s.Outcome == SosOutcome.Acknowledged && !stored.ContainsKey(s.Reference!)).ToList();
        var unlisted = load.Sent.Where(s => s.Outcome == SosOutcome.Acknowledged && !listed.Contains(s.Reference!)).ToList();
        output.WriteLine(figures.Line(lost.Count) + $", acknowledged but not listed: {unlisted.Count}");
        var senders = PerSender(host, load.Sent, stored);
        Assert.True(lost.Count == 0, $"{lost.Count} acknowledged SOS have no report on the cluster: {string.Join(", ", lost.Select(l => $"{l.Reference} sent at {l.SentAt:0.0} s"))}.");
        Assert.True(unlisted.Count == 0, $"{unlisted.Count} acknowledged reports are stored but not in the open reports' list after a watchdog run: {string.Join(", ", unlisted.Select(l => l.Reference))}.");
        var reports = AssertOneReportPerSender(senders);
        Assert.All(reports, r => Assert.Contains(r.Reference, listed));
    }

    private static GatewayFactory Host(string connectionString, string journal) => new(settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = connectionString,
        ["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
        ["Gateway:JournalPath"] = journal,
        ["Gateway:JournalReplayInterval"] = "00:00:00.500",
        // A reference is given once the replica holds the report (decision 0011).
        ["Redis:DurableReplicas"] = "1",
        ["Redis:DurableTimeout"] = "00:00:01",
        // Many SOS from one test network: no limit on messages per channel.
        ["Inbound:MaxPerChannel"] = "0",
    });

    /// <summary>Every stored report, by reference, read from each primary the connection sees (the truth, not an index).</summary>
    private static async Task<Dictionary<string, Report>> StoredReportsAsync(ConnectionMultiplexer redis)
    {
        var store = new RedisReportStore(redis);
        var reports = new Dictionary<string, Report>(StringComparer.Ordinal);
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            await foreach (var key in server.KeysAsync(pattern: "gateway:report:{*}"))
            {
                var name = key.ToString();
                var reference = name["gateway:report:{".Length..^1];
                if (await store.FindAsync(reference) is { } report)
                {
                    reports[reference] = report;
                }
            }
        }

        return reports;
    }

    /// <summary>Each SOS with the reports its sender has (the truth: every stored report); prints how many senders have none or several.</summary>
    private List<(SosSent Sos, List<Report> Reports)> PerSender(GatewayFactory host, IReadOnlyList<SosSent> sent, Dictionary<string, Report> stored)
    {
        var key = host.Services.GetRequiredService<Infrastructure.Security.DataKey>();
        var byContact = stored.Values.ToLookup(r => r.ContactId);
        var reports = sent.Select(s => (Sos: s, Reports: byContact[key.ContactId(s.Phone)].ToList())).ToList();
        var none = reports.Where(r => r.Reports.Count == 0).ToList();
        output.WriteLine($"senders without a report: {none.Count} ({none.Count(r => r.Sos.Outcome == SosOutcome.Degraded)} of them given the degraded answer); senders with two reports or more: {reports.Count(r => r.Reports.Count > 1)}");
        return reports;
    }

    /// <summary>Every sender was answered (a reference or the hotline) and has exactly one report; an acknowledged one, the report named.</summary>
    private static IReadOnlyList<Report> AssertOneReportPerSender(List<(SosSent Sos, List<Report> Reports)> reports)
    {
        var unanswered = reports.Where(r => r.Sos.Outcome == SosOutcome.Unanswered).ToList();
        Assert.True(unanswered.Count == 0, $"{unanswered.Count} SOS got neither a reference nor the hotline: {string.Join(" / ", unanswered.Take(5).Select(u => u.Sos.Answer))}.");
        var none = reports.Where(r => r.Reports.Count == 0).ToList();
        var several = reports.Where(r => r.Reports.Count > 1).ToList();
        Assert.True(none.Count == 0, $"{none.Count} senders have no report: {string.Join(", ", none.Select(r => $"{r.Sos.Outcome} at {r.Sos.SentAt:0.0} s"))}.");
        Assert.True(several.Count == 0, $"{several.Count} senders have more than one report for their one SOS: {string.Join(", ", several.Select(r => $"{r.Sos.Outcome} at {r.Sos.SentAt:0.0} s: {string.Join('+', r.Reports.Select(x => x.Reference))}"))}.");
        Assert.All(reports.Where(r => r.Sos.Outcome == SosOutcome.Acknowledged), r => Assert.Equal(r.Sos.Reference, r.Reports[0].Reference));
        return [.. reports.Select(r => r.Reports[0])];
    }

    private static async Task WaitForReplayAsync(GatewayFactory host)
    {
        var journal = host.Services.GetRequiredService<InboundJournal>();
        await RedisNode.WaitForAsync(() => !journal.HasEntries, Settle, "the journal to be replayed");
    }

    private static async Task WaitAsync(Func<bool> condition, string what) => await RedisNode.WaitForAsync(condition, Settle, what);

    private FailoverFigures Figures(string scenario, IReadOnlyList<SosSent> sent, double from, double to)
    {
        var degraded = sent.Where(s => s.Outcome == SosOutcome.Degraded).ToList();
        var figures = new FailoverFigures(
            scenario,
            sent.Count,
            sent.Count(s => s.SentAt >= from && s.SentAt <= to),
            sent.Count(s => s.Outcome == SosOutcome.Acknowledged),
            degraded.Count,
            sent.Count(s => s.Outcome == SosOutcome.Unanswered),
            degraded.Count == 0 ? 0 : degraded.Max(d => d.SentAt) - degraded.Min(d => d.SentAt),
            to - from - 10);
        output.WriteLine(figures.Line(null));
        return figures;
    }

    private sealed record FailoverFigures(string Scenario, int Sent, int InWindow, int Acknowledged, int Degraded, int Unanswered, double DegradedSeconds, double SwitchSeconds)
    {
        public string Line(int? lost) => string.Create(CultureInfo.InvariantCulture, $"{Scenario}: {Sent} SOS sent ({InWindow} in the failover window), {Acknowledged} acknowledged, {Degraded} degraded over {DegradedSeconds:0.0} s, {Unanswered} unanswered{(lost is null ? string.Empty : $", {lost} acknowledged and lost")}; roles changed in {SwitchSeconds:0.0} s");
    }

    private sealed class TempFolder : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("gateway-failover-journal-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
