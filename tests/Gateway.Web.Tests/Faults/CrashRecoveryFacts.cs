using System.Web;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Faults;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Reports;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// A gateway process dies at each of the places where dying leaves work half done (the crash points of
/// <see cref="CrashPoint"/>), and a fresh process starts on the same Redis: every target of every level is still
/// paged, no page goes twice unless the gateway marked it a possible duplicate, and the chain runs to its end.
/// </summary>
public sealed class CrashRecoveryFacts
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(45);
    private static readonly TimeSpan CrashWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CrashAfterIntentBeforeSend_PageGoesOutOnceAfterRestart_MarkedPossibleDuplicate()
    {
        using var cluster = new FaultCluster();
        var crash = new CrashAt(CrashPoint.AfterIntentBeforeSend, s => s.EndsWith(":" + FaultCluster.Levels[0], StringComparison.Ordinal));
        var first = cluster.Start(crash);
        var reference = await first.SosAsync("+66812340401");
        await crash.WaitAsync(CrashWithin);
        first.Kill();
        Assert.Empty(cluster.Mock.LogEntries);

        var second = await RestartAsync(cluster);
        var pages = await cluster.WaitForEveryLevelAsync(second, [reference], Patience);
        Assert.Empty(await FaultCluster.AssertEveryTargetPagedAsync(second, pages, [reference]));

        // Nothing had gone out, so the NGO got one page; the gateway cannot know that, so the page says "repeat".
        var report = await FindAsync(second, reference);
        var ngo = report.Notifications.Single(n => n.Id == FaultCluster.Levels[0]);
        Assert.True(ngo.PossibleDuplicate);
        Assert.Equal(2, ngo.Attempts);
        Assert.Contains(report.Timeline, t => t.Kind == "paged" && t.Text.Contains("possible duplicate", StringComparison.Ordinal));
        Assert.Contains(second.Logs, l => l.Contains($"Report {reference}: page {FaultCluster.Levels[0]} is sent again", StringComparison.Ordinal));
    }

    [Fact]
    public async Task CrashAfterTwilioTookTheSmsPage_BeforeItsSidIsStored_SendsItAgainMarkedPossibleDuplicate()
    {
        using var cluster = new FaultCluster();
        var crash = new CrashAt(CrashPoint.AfterProviderAcceptedBeforeIdStored, s => s.StartsWith("page:", StringComparison.Ordinal) && s.EndsWith(":" + FaultCluster.Levels[0], StringComparison.Ordinal));
        var first = cluster.Start(crash);
        var reference = await first.SosAsync("+66812340402");
        await crash.WaitAsync(CrashWithin);
        first.Kill();
        var requests = cluster.Mock.LogEntries.Select(e => $"{e.RequestMessage.Path} {HttpUtility.ParseQueryString(e.RequestMessage.Body ?? string.Empty)["To"]} {e.RequestMessage.DateTime:HH:mm:ss.fff}").ToList();
        Assert.True(requests.Count == 1, string.Join(" | ", requests) + " crashed at " + DateTime.UtcNow.ToString("HH:mm:ss.fff", System.Globalization.CultureInfo.InvariantCulture));

        var second = await RestartAsync(cluster);
        var pages = await cluster.WaitForEveryLevelAsync(second, [reference], Patience);
        Assert.Equal([FaultCluster.Levels[0]], await FaultCluster.AssertEveryTargetPagedAsync(second, pages, [reference]));

        // The same outbox message twice: the second copy is the one Twilio's sid was stored for, marked.
        var sms = pages.Where(p => p.Kind == "sms").ToList();
        Assert.Equal(2, sms.Count);
        var message = (await second.Services.GetRequiredService<IOutbox>().LoadAsync(sms[0].OutboxId!))!.Message;
        Assert.True(message.PossibleDuplicate);
        Assert.Equal(OutboundState.Sent, message.State);
        Assert.Equal(2, message.Attempts);

        // The responder can tell the copy from a new report: its text opens with the mark, and the report's
        // timeline has an entry for it (marked) besides the page it repeats.
        var bodies = cluster.Mock.LogEntries
            .Where(e => e.RequestMessage.Path == EscalationHost.MessagesPath)
            .OrderBy(e => e.RequestMessage.DateTime)
            .Select(e => HttpUtility.ParseQueryString(e.RequestMessage.Body!))
            .Where(form => HttpUtility.ParseQueryString(new Uri(form["StatusCallback"]!).Query)["id"] == sms[0].OutboxId)
            .Select(form => form["Body"]!)
            .ToList();
        Assert.Equal(2, bodies.Count);
        Assert.DoesNotContain(PageSender.RepeatMark, bodies[0], StringComparison.Ordinal);
        Assert.StartsWith(PageSender.RepeatMark + " Safe Migration Gateway: ", bodies[1], StringComparison.Ordinal);
        Assert.Equal(bodies[0], bodies[1][(PageSender.RepeatMark.Length + 1)..]);

        var report = await FindAsync(second, reference);
        var repeat = Assert.Single(report.Timeline, t => t.Kind == EscalationRunner.PageRepeatKind);
        Assert.Contains(FaultCluster.Levels[0], repeat.Text, StringComparison.Ordinal);
        Assert.Contains("possible duplicate", repeat.Text, StringComparison.Ordinal);
        Assert.True(report.Notifications.Single(n => n.Id == FaultCluster.Levels[0]).PossibleDuplicate);

        // In the order things happened: a level is done after its page, and the re-send after the first copy.
        var firstPage = report.Timeline.First(t => t.Kind == "paged");
        Assert.True(report.Timeline.First(t => t.Kind == "level_done").At >= firstPage.At, "The first level is stamped done before its own page.");
        var ordered = report.TimelineInTimeOrder();
        Assert.True(ordered.ToList().IndexOf(repeat) > ordered.ToList().IndexOf(firstPage));
    }

    [Fact]
    public async Task CrashAfterTheHotlineTookThePage_BeforeItsAnswerIsStored_PagesItAgainUnderTheSameDelivery()
    {
        using var cluster = new FaultCluster();
        var crash = new CrashAt(CrashPoint.AfterProviderAcceptedBeforeIdStored, s => !s.StartsWith("page:", StringComparison.Ordinal) && s.EndsWith(":" + FaultCluster.Levels[1], StringComparison.Ordinal));
        var first = cluster.Start(crash);
        var reference = await first.SosAsync("+66812340403");
        await crash.WaitAsync(CrashWithin);
        first.Kill();

        var second = await RestartAsync(cluster);
        var pages = await cluster.WaitForEveryLevelAsync(second, [reference], Patience);
        Assert.Equal([FaultCluster.Levels[1]], await FaultCluster.AssertEveryTargetPagedAsync(second, pages, [reference]));

        // The hotline sees one delivery id twice (so it can drop the copy), the second flagged possible_duplicate.
        var hooks = pages.Where(p => p.Kind == "webhook").ToList();
        Assert.Equal([false, true], hooks.Select(p => p.MarkedDuplicate));
        var report = await FindAsync(second, reference);
        var hotline = report.Notifications.Single(n => n.Id == FaultCluster.Levels[1]);
        Assert.True(hotline.PossibleDuplicate);
        Assert.Equal("hotline-case-1", hotline.ProviderId);

        // The chain went on after the restart: the operation centre was called after the hotline's second copy.
        Assert.True(pages.Single(p => p.Kind == "voice").At > hooks[1].At);
    }

    [Fact]
    public async Task CrashAfterAStepCommitsBeforeTheNextIsScheduled_TheStepRunAgainSchedulesIt()
    {
        using var cluster = new FaultCluster();
        var crash = new CrashAt(CrashPoint.AfterStepCommittedBeforeSchedule, _ => true);
        var first = cluster.Start(crash);
        var reference = await first.SosAsync("+66812340404");
        Assert.Equal(reference, await crash.WaitAsync(CrashWithin));
        first.Kill();

        // The next level is committed and nothing is scheduled to run it: only the first step, run again, can.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.Endpoint))
        {
            var stranded = (await new RedisReportStore(redis).FindAsync(reference))!.Escalation!;
            Assert.Equal(1, stranded.Level);
            Assert.False(stranded.NextStepScheduled);
            Assert.NotNull(stranded.MovedBy);
        }

        var second = await RestartAsync(cluster);
        var pages = await cluster.WaitForEveryLevelAsync(second, [reference], Patience);
        // Only the SMS the dead process may have had in flight can have gone twice (and then marked).
        Assert.All(await FaultCluster.AssertEveryTargetPagedAsync(second, pages, [reference]), id => Assert.Equal(FaultCluster.Levels[0], id));
        Assert.Contains(second.Logs, l => l.Contains($"Report {reference}: the step that moved the chain on stopped before scheduling the next one", StringComparison.Ordinal));
    }

    /// <summary>Starts a fresh process once the dead one's Hangfire job may be taken over (it looks when it starts).</summary>
    private static async Task<GatewayProcess> RestartAsync(FaultCluster cluster)
    {
        await Task.Delay(FaultCluster.InvisibilityTimeout + TimeSpan.FromMilliseconds(500));
        return cluster.Start();
    }

    private static async Task<Report> FindAsync(GatewayProcess process, string reference) =>
        (await process.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
}
