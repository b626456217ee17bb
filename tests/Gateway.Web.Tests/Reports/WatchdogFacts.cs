using Gateway.Tests.Support;
using System.Net;
using System.Text.Json;
using Gateway.Core.Cases;
using Gateway.Web.Reports;
using Hangfire;
using Hangfire.Storage;
using Hangfire.Storage.Monitoring;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// The escalation watchdog on Redis, with WireMock as Twilio and the hotline: a report whose step job was lost is
/// found overdue and its chain continues; a report whose chain never started is started; one that no policy covers
/// makes <c>/health/escalations</c> answer 503 while <c>/health/ready</c> stays 200. The watchdog is run directly;
/// one test checks that the host registers it as a recurring job.
/// </summary>
public sealed class WatchdogFacts
{
    // Every country is covered (so /health/escalations starts at 200): Thailand by the test chain, others by its first level.
    private const string AnyCountry = """

          - id: test-any
            countries: ["*"]
            categories: [trafficking, labour, child_at_risk, other]
            levels:
              - name: ngo_partner
                targets: [ { contact: th-ngo-burmese, by: sms } ]
        """;

    private static EscalationHost NewHost(PrivateRedis redis, string acknowledgeWithin = "6s") => new(
        database: 0,
        policy: EscalationHost.TestPolicy.Replace("acknowledge_within: 3s", "acknowledge_within: " + acknowledgeWithin, StringComparison.Ordinal).TrimEnd() + AnyCountry,
        redisEndpoint: redis.Endpoint,
        settings: new Dictionary<string, string?>
        {
            // Run by the tests, not by the schedule.
            ["Escalation:WatchdogSchedule"] = string.Empty,
            ["Escalation:WatchdogGrace"] = "00:00:01",
        });

    private static EscalationWatchdog Watchdog(EscalationHost host) => host.Factory.Services.GetRequiredService<EscalationWatchdog>();

    private static Report Orphan(string country, DateTimeOffset opened) => new()
    {
        Reference = ReportReference.New(),
        ContactId = "watchdog-test-contact",
        Category = "labour",
        Channel = "sms",
        Country = country,
        Urgent = true,
        OpenedAt = opened,
        UpdatedAt = opened,
        Timeline = [new TimelineEntry(opened, "opened", "reporter", "Report opened by SMS.")],
    };

    [Fact]
    public async Task StepWhoseJobWasDeleted_IsScheduledAgainByTheWatchdog_AndTheChainContinues()
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = NewHost(redis);
        var reference = EscalationHost.ReferenceIn(await host.TextAsync("+66812340601", "SOS"))!;
        Assert.NotNull(reference);

        // The first level is paged and the chain waits for its acknowledgement, with the next step scheduled: the
        // report says so only once the job is in the storage (a busy machine may page before it gets there).
        var waiting = await WaitForAsync(host, reference, r => r.Escalation is { Level: 1, NextStepScheduled: true }, TimeSpan.FromSeconds(20));
        Assert.Single(await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(10)));

        // The scheduled step is lost (as if its job vanished from the storage).
        var storage = host.Factory.Services.GetRequiredService<JobStorage>();
        var client = host.Factory.Services.GetRequiredService<IBackgroundJobClient>();
        var scheduled = await WaitForScheduledStepsAsync(storage, TimeSpan.FromSeconds(10));
        Assert.All(scheduled, j => Assert.True(client.Delete(j.Key)));

        // Its due time and the grace pass: nobody pages the next level.
        var due = waiting.Escalation!.NextStepAt!.Value;
        await Task.Delay(due - DateTimeOffset.UtcNow + TimeSpan.FromSeconds(2.5));
        Assert.Single(host.Pages, p => p.Kind != "other");

        var status = await Watchdog(host).RunAsync(CancellationToken.None);
        Assert.Equal(1, status.Checked);
        Assert.Equal(1, status.Repaired);
        Assert.Empty(status.Alerts);

        // The chain continues: the hotline's webhook is paged and the chain moves to the next level.
        var pages = await host.WaitForPagesAsync(2, TimeSpan.FromSeconds(15));
        Assert.Equal(["sms", "webhook"], pages.Select(p => p.Kind));
        var moved = await WaitForAsync(host, reference, r => r.Escalation is { Level: 2 }, TimeSpan.FromSeconds(10));
        Assert.Contains(moved.Timeline, t => t.Kind == "watchdog_repaired" && t.Text.Contains("hotline_1300", StringComparison.Ordinal));

        // A second run finds nothing overdue.
        var again = await Watchdog(host).RunAsync(CancellationToken.None);
        Assert.Equal(0, again.Checked);
        Assert.Equal(0, again.Repaired);
    }

    [Fact]
    public async Task ChainThatNeverStarted_IsStarted_AndAnUnreadableReport_Makes503_WhileReadyStays200()
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = NewHost(redis, acknowledgeWithin: "1m");
        using (var before = await host.Client.GetAsync(EscalationHealth.Path))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        // Stored ten minutes ago and never escalated (a crash between storing it and starting its chain).
        var opened = DateTimeOffset.UtcNow.AddMinutes(-10);
        var startable = Orphan("TH", opened);
        await host.Reports.CreateAsync(startable);

        // A report whose stored state cannot be read any more, due since then (written as RedisReportStore lays it out).
        var broken = ReportReference.New();
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint))
        {
            var db = connection.GetDatabase();
            await db.HashSetAsync($"gateway:report:{{{broken}}}", [new HashEntry("v", 1), new HashEntry("json", "{\"reference\":\"" + broken + "\",\"escalation\":{\"level\":1}}")]);
            await db.SortedSetAddAsync("gateway:reports:due", broken, opened.ToUnixTimeMilliseconds());
        }

        var status = await Watchdog(host).RunAsync(CancellationToken.None);
        Assert.Equal(1, status.Checked);
        Assert.Equal(1, status.Repaired);
        var alert = Assert.Single(status.Alerts);
        Assert.Equal(broken, alert.Reference);

        // The startable one runs its chain: the first level is paged.
        var page = Assert.Single(await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(15)));
        Assert.Equal("sms", page.Kind);
        Assert.Contains(startable.Reference, page.Request.Body, StringComparison.Ordinal);
        var started = await host.Reports.FindAsync(startable.Reference);
        Assert.Contains(started!.Timeline, t => t.Kind == "watchdog_repaired");
        Assert.Equal("test-th", started.Escalation?.PolicyId);

        // The other is an alert on /health/escalations (503, naming it) and in the log; /health/ready stays 200.
        using var health = await host.Client.GetAsync(EscalationHealth.Path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        var watchdog = body.RootElement.GetProperty("watchdog");
        Assert.False(watchdog.GetProperty("ok").GetBoolean());
        Assert.Equal(1, watchdog.GetProperty("overdue").GetInt32());
        Assert.Equal([broken], watchdog.GetProperty("references").EnumerateArray().Select(r => r.GetString()));
        Assert.Empty(body.RootElement.GetProperty("unreachable").EnumerateArray());

        using var ready = await host.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Contains(host.Factory.Logs, l => l.Contains("ALERT escalation watchdog", StringComparison.Ordinal) && l.Contains(broken, StringComparison.Ordinal));

        // It stays an alert on every run until someone acts on it; once it is gone, the alert clears.
        Assert.Single((await Watchdog(host).RunAsync(CancellationToken.None)).Alerts);
        using (var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint))
        {
            await connection.GetDatabase().KeyDeleteAsync($"gateway:report:{{{broken}}}");
        }

        Assert.Empty((await Watchdog(host).RunAsync(CancellationToken.None)).Alerts);
        using var after = await host.Client.GetAsync(EscalationHealth.Path);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task Host_RegistersTheWatchdogAsARecurringJob_AndHealthSaysWhenItHasNotRun()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Escalation:WatchdogSchedule"] = "*/2 * * * *",
            ["Escalation:WatchdogStaleAfter"] = "00:00:01",
        });
        using var client = factory.CreateClient();

        using (var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection())
        {
            var job = Assert.Single(connection.GetRecurringJobs(), j => j.Id == EscalationWatchdog.RecurringJobId);
            Assert.Equal("*/2 * * * *", job.Cron);
            Assert.Equal(nameof(EscalationWatchdogJobs.RunAsync), job.Job.Method.Name);
        }

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using (var stale = await HealthAsync(client))
        {
            Assert.Contains("has not run since", stale.RootElement.GetProperty("watchdog").GetProperty("stale").GetString(), StringComparison.Ordinal);
        }

        await factory.Services.GetRequiredService<EscalationWatchdog>().RunAsync(CancellationToken.None);
        using var fresh = await HealthAsync(client);
        var watchdog = fresh.RootElement.GetProperty("watchdog");
        Assert.True(watchdog.GetProperty("ok").GetBoolean());
        Assert.False(watchdog.TryGetProperty("stale", out var text) && text.ValueKind == JsonValueKind.String);
    }

    [Fact]
    public async Task RecurringJobDeleted_IsRegisteredAgainByTheSelfCheck_WithAnAlert()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Escalation:WatchdogSchedule"] = "*/3 * * * *",
            ["Escalation:WatchdogSelfCheck"] = "00:00:00.200",
        });
        using var client = factory.CreateClient();
        var storage = factory.Services.GetRequiredService<JobStorage>();
        Assert.NotNull(Watched(storage));

        // Deleted, as the jobs dashboard or a lost storage would.
        factory.Services.GetRequiredService<IRecurringJobManager>().RemoveIfExists(EscalationWatchdog.RecurringJobId);
        Assert.Null(Watched(storage));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Watched(storage) is null)
        {
            Assert.True(DateTime.UtcNow < deadline, "The watchdog's recurring job was not registered again within 10 seconds.");
            await Task.Delay(50);
        }

        var job = Watched(storage)!;
        Assert.Equal("*/3 * * * *", job.Cron);
        Assert.Equal(typeof(EscalationWatchdogJobs), job.Job.Type);
        Assert.Contains(factory.Logs, l => l.Contains($"ALERT escalation watchdog: its recurring job {EscalationWatchdog.RecurringJobId} was missing", StringComparison.Ordinal));
    }

    private static RecurringJobDto? Watched(JobStorage storage)
    {
        using var connection = storage.GetConnection();
        return connection.GetRecurringJobs([EscalationWatchdog.RecurringJobId]).SingleOrDefault(j => !j.Removed);
    }

    /// <summary>The body of /health/escalations, whatever its status (the shipped flows have placeholders).</summary>
    private static async Task<JsonDocument> HealthAsync(HttpClient client)
    {
        using var response = await client.GetAsync(new Uri(EscalationHealth.Path, UriKind.Relative));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<List<KeyValuePair<string, ScheduledJobDto>>> WaitForScheduledStepsAsync(JobStorage storage, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var scheduled = storage.GetMonitoringApi().ScheduledJobs(0, 100).Where(j => j.Value.Job?.Method.Name == nameof(EscalationJobs.StepAsync)).ToList();
            if (scheduled.Count > 0)
            {
                return scheduled;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no escalation step was scheduled in {timeout}");
            await Task.Delay(50);
        }
    }

    private static async Task<Report> WaitForAsync(EscalationHost host, string reference, Func<Report, bool> condition, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var report = await host.Reports.FindAsync(reference);
            if (report is not null && condition(report))
            {
                return report;
            }

            Assert.True(DateTime.UtcNow < deadline, $"report {reference} did not get there in {timeout}");
            await Task.Delay(100);
        }
    }
}
