using Gateway.Core.Outbound;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// The 1300 hotline's system answers 500 for two minutes, then recovers. The gateway keeps trying under one
/// delivery id, with the shipped backoff, and pages it once it answers; the chain waits for that page before the
/// level's acknowledgement time starts. Time runs 40 times faster here: the outage and every retry delay are the
/// real ones divided by 40 (Hangfire's one-second schedule polling only stretches the delays).
/// </summary>
public sealed class HotlineOutageFacts
{
    private const int Speed = 40;
    private static readonly TimeSpan Outage = TimeSpan.FromMinutes(2);

    [Fact]
    public void ShippedBackoff_OutlastsATwoMinuteOutage_BeforeThePageCountsAsFailed()
    {
        var shipped = new EscalationOptions();
        var shortest = Enumerable.Range(1, shipped.MaxWebhookAttempts - 1)
            .Sum(attempt => RetryBackoff.Delay(attempt, shipped.WebhookRetryBaseDelay, shipped.WebhookRetryMaxDelay, random: 0).TotalSeconds);
        Assert.True(shortest > Outage.TotalSeconds, $"with the shipped settings the last attempt can come {shortest} s after the first, within a two-minute outage");
    }

    [Fact]
    public async Task HotlineAnswering500ForTwoMinutes_IsPagedOnceWhenItRecovers_AndTheTimelineShowsTheFailures()
    {
        var outage = Outage / Speed;
        var gate = new object();
        DateTime? down = null;
        IResponseMessage Hotline(IRequestMessage request)
        {
            lock (gate)
            {
                down ??= DateTime.UtcNow;
            }

            return DateTime.UtcNow - down < outage
                ? new ResponseMessage { StatusCode = 500 }
                : new ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new BodyData { BodyAsString = """{"id": "hotline-case-1"}""", DetectedBodyType = BodyType.String },
                };
        }

        var shipped = new EscalationOptions();
        using var cluster = new FaultCluster(Hotline, new Dictionary<string, string?>
        {
            ["Escalation:WebhookRetryBaseDelay"] = (shipped.WebhookRetryBaseDelay / Speed).ToString(),
            ["Escalation:WebhookRetryMaxDelay"] = (shipped.WebhookRetryMaxDelay / Speed).ToString(),
            ["Escalation:MaxWebhookAttempts"] = shipped.MaxWebhookAttempts.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var process = cluster.Start();
        var reference = await process.SosAsync("+66812340501");
        var pages = await cluster.WaitForEveryLevelAsync(process, [reference], TimeSpan.FromSeconds(60));
        Assert.Empty(await FaultCluster.AssertEveryTargetPagedAsync(process, pages, [reference]));

        // 500s for the whole outage, then the one page that arrived, and nothing after it.
        var hooks = pages.Where(p => p.Kind == "webhook").ToList();
        Assert.True(hooks.Count >= 2, "the hotline was never tried again");
        Assert.All(hooks[..^1], p => Assert.Equal(500, p.Status));
        Assert.Equal(200, hooks[^1].Status);
        Assert.True(hooks[^1].At - hooks[0].At >= outage - TimeSpan.FromMilliseconds(100));

        // The level waited for it: the operation centre is called only after the hotline had the page.
        Assert.True(pages.Single(p => p.Kind == "voice").At > hooks[^1].At);

        var report = (await process.Services.GetRequiredService<Gateway.Core.Cases.IReportStore>().FindAsync(reference))!;
        var hotline = report.Notifications.Single(n => n.Id == FaultCluster.Levels[1]);
        Assert.Equal(hooks.Count, hotline.Attempts);
        Assert.Equal("hotline-case-1", hotline.ProviderId);
        var retries = report.Timeline.Where(t => t.Kind == "page_retry").ToList();
        Assert.Equal(hooks.Count - 1, retries.Count);
        Assert.All(retries, t => Assert.Contains("500", t.Text, StringComparison.Ordinal));
        Assert.Single(report.Timeline, t => t.Kind == "paged" && t.Text.Contains("th-1300", StringComparison.Ordinal));
    }
}
