using Gateway.Infrastructure.Jobs;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// Three gateway processes, each with its own Hangfire server and outbound worker, on one Redis: reports that come
/// in through any of them are escalated by whichever takes the job, and no target is ever paged twice.
/// </summary>
public sealed class ScaleOutFacts
{
    [Fact]
    public async Task ThreeProcessesOnOneRedis_PageEveryTargetOfEveryReportExactlyOnce()
    {
        // Nothing dies here, so no send may time out and be tried again: a slow machine gets long timeouts.
        using var cluster = new FaultCluster(settings: new Dictionary<string, string?>
        {
            ["Outbound:SendTimeout"] = "00:00:20",
            ["Outbound:LeaseDuration"] = "00:00:30",
            ["Escalation:Webhooks:th-1300:Timeout"] = "00:00:20",
            ["Escalation:NotificationLease"] = "00:00:30",
        });
        // Production's invisibility timeout: no job is taken over from a live process here.
        GatewayProcess[] processes = [.. Enumerable.Range(0, 3).Select(_ => cluster.Start(invisibilityTimeout: JobStorageFactory.InvisibilityTimeout))];

        var references = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => processes[i % 3].SosAsync($"+6681234050{i}")));
        Assert.Equal(6, references.Distinct().Count());
        var pages = await cluster.WaitForEveryLevelAsync(processes[0], references, TimeSpan.FromSeconds(60));

        // A late duplicate would come within a poll or two of the last page.
        await Task.Delay(TimeSpan.FromSeconds(2));
        pages = await cluster.PagesAsync(processes[0]);
        Assert.Empty(await FaultCluster.AssertEveryTargetPagedAsync(processes[0], pages, references));
        Assert.Equal(references.Length * FaultCluster.Levels.Length, pages.Count);

        // The steps were shared out: more than one process paged.
        var paging = processes.Count(p => p.Logs.Any(l => l.Contains("Reports.EscalationRunner: Report ", StringComparison.Ordinal) && l.Contains(" sent ", StringComparison.Ordinal)));
        Assert.True(paging >= 2, $"only {paging} of 3 processes ran escalation steps");
    }
}
