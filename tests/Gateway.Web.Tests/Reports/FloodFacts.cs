using Gateway.Tests.Support;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Web;
using Gateway.Core.Cases;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// A flood of SOS messages on Redis, with WireMock as Twilio: every report is stored and runs its chain, the first
/// target gets at most the threshold of single pages and the rest in summary pages, and each report's timeline says
/// which page carried it. A summary links to the list of open reports and a report in it can be taken by ACK.
/// </summary>
public sealed partial class FloodFacts
{
    private const int Threshold = 5;

    private static EscalationHost NewHost(PrivateRedis redis) => new(
        database: 0,
        policy: EscalationHost.TestPolicy.Replace("acknowledge_within: 3s", "acknowledge_within: 2m", StringComparison.Ordinal),
        redisEndpoint: redis.Endpoint,
        settings: new Dictionary<string, string?>
        {
            ["Escalation:FloodThreshold"] = Threshold.ToString(CultureInfo.InvariantCulture),
            ["Escalation:FloodWindow"] = "00:10:00",
            ["Escalation:FloodSummaryInterval"] = "00:00:04",
        });

    [Fact]
    public async Task ThirtySosAtOnce_AreAllStored_AndTheFirstTargetGetsAtMostTheThresholdPlusSummaries()
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = NewHost(redis);
        var phones = Enumerable.Range(0, 30).Select(i => "+668123405" + i.ToString("00", CultureInfo.InvariantCulture)).ToList();

        var replies = await Task.WhenAll(phones.Select(phone => host.TextAsync(phone, "SOS")));
        var references = replies.Select(EscalationHost.ReferenceIn).ToList();
        Assert.All(references, Assert.NotNull);
        Assert.Equal(30, references.Distinct().Count());

        // Every report is stored with its chain, each one's first level is paged on its own or in a summary, and
        // then the chain waits for an acknowledgement.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        IReadOnlyList<Report> stored = [];
        while (DateTime.UtcNow < deadline)
        {
            stored = [.. (await Task.WhenAll(references.Select(r => host.Reports.FindAsync(r!)))).Select(r => r!)];
            if (stored.All(r => r.Escalation is { Level: 1 } && r.Notifications.Any(n => n.Level == 0 && n.Status == NotificationStatus.Sent)))
            {
                break;
            }

            await Task.Delay(200);
        }

        Assert.All(stored, r => Assert.Equal("test-th", r.Escalation?.PolicyId));
        Assert.All(stored, r => Assert.Contains(r.Notifications, n => n.Level == 0 && n.Status == NotificationStatus.Sent));

        var sms = host.Pages.Where(p => p.Kind == "sms").Select(p => HttpUtility.ParseQueryString(p.Request.Body!)).Where(f => f["To"] == EscalationHost.NgoNumber).ToList();
        var single = sms.Where(f => !f["Body"]!.Contains("during a flood", StringComparison.Ordinal)).ToList();
        var summaries = sms.Where(f => f["Body"]!.Contains("during a flood", StringComparison.Ordinal)).ToList();
        Assert.True(single.Count <= Threshold, $"{single.Count} single pages to the first target; at most {Threshold} expected: " + string.Join(" // ", sms.Select(f => f["Body"])));
        Assert.NotEmpty(summaries);
        Assert.Equal(30, single.Count + summaries.Sum(f => int.Parse(CountPattern().Match(f["Body"]!).Groups[1].Value, CultureInfo.InvariantCulture)));

        // A summary names references and sends the responder to the list of open reports, never to an acknowledgement.
        Assert.All(summaries, f => Assert.Contains("https://gw.example.org/api/reports?status=open", f["Body"], StringComparison.Ordinal));
        Assert.All(summaries, f => Assert.DoesNotContain("/a/", f["Body"], StringComparison.Ordinal));
        Assert.All(summaries, f => Assert.Equal(EscalationHost.PagingNumber, f["From"]));

        // Each report's timeline says how its first level was paged: on its own, or included in a summary page.
        var inSummary = stored.Where(r => r.Timeline.Any(t => t.Kind == "paged" && t.Text.StartsWith("Included in summary page th-ngo-burmese/sms.", StringComparison.Ordinal))).ToList();
        var onItsOwn = stored.Where(r => r.Timeline.Any(t => t.Kind == "paged" && t.Text.StartsWith("Paged ", StringComparison.Ordinal))).ToList();
        Assert.Equal(30, inSummary.Count + onItsOwn.Count);
        Assert.Equal(single.Count, onItsOwn.Count);
        Assert.All(inSummary, r => Assert.Contains(r.Timeline, t => t.Kind == "page_held"));
        Assert.All(inSummary, r => Assert.Equal(NotificationStatus.Sent, r.Notifications.Single(n => n.Level == 0).Status));

        // Nothing moved past the first level: its acknowledgement time starts when the summary went out.
        Assert.All(stored, r => Assert.Equal(1, r.Escalation!.Level));
        Assert.All(inSummary, r => Assert.True(r.Escalation!.NextStepAt >= r.Timeline.Last(t => t.Kind == "paged").At.AddMinutes(2).AddSeconds(-1)));
        Assert.DoesNotContain(host.Pages, p => p.Kind is "webhook" or "voice");

        // The number a summary reached may take a report in it by ACK.
        var taken = inSummary[0].Reference;
        var answer = await host.TextAsync(EscalationHost.NgoNumber, "ACK " + taken);
        Assert.Contains(answer, a => a.Contains(taken, StringComparison.Ordinal));
        Assert.Equal(ReportStatus.Acknowledged, (await host.Reports.FindAsync(taken))!.Status);
    }

    [Fact]
    public async Task SummaryPageText_CountsByLevel_ListsTenReferences_AndLinksToTheList()
    {
        var held = Enumerable.Range(0, 12).Select(i => new HeldPage($"REF{i:00}XX", $"0.{i % 2}.t", i % 2 == 0 ? "ngo_partner" : "operation_centre")).ToList();
        var (text, spoken) = PageFlood.Texts(held, new Uri("https://gw.example.org/api/reports?status=open"), possibleDuplicate: false);
        Assert.Contains("12 more report(s) during a flood, 6 at level ngo_partner, 6 at level operation_centre", text, StringComparison.Ordinal);
        Assert.Contains("REF09XX and 2 more", text, StringComparison.Ordinal);
        Assert.DoesNotContain("REF10XX", text, StringComparison.Ordinal);
        Assert.EndsWith("open the list: https://gw.example.org/api/reports?status=open", text, StringComparison.Ordinal);
        Assert.Contains("12 more reports", spoken, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASummaryWhoseSenderDied_IsLookedAtAgainWhenItsLeaseLapses_WhileAReportWaitsForIt()
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = NewHost(redis);
        var reference = EscalationHost.ReferenceIn(await host.TextAsync("+66812340599", "SOS"))!;
        Assert.NotNull(reference);
        const string id = "0.0.th-ngo-burmese/sms";
        const string summaryId = "th-ngo-burmese/sms.1";
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        while ((await host.Reports.FindAsync(reference))!.Notifications.All(n => n.Id != id) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // The report's first page waits for a summary, and a run that took the summary's lease died before sending it.
        await host.Reports.UpdateAsync(reference, r => r with { Notifications = [.. r.Notifications.Select(n => n.Id == id ? n with { Status = NotificationStatus.Held, DeliveryId = PageFlood.Correlation(summaryId) } : n)] });
        var store = host.Factory.Services.GetRequiredService<IPageFloodStore>();
        Assert.True(await store.HoldAsync(summaryId, new HeldPage(reference, id, "ngo_partner"), TimeSpan.FromMinutes(10)));
        Assert.NotNull(await store.TakeAsync(summaryId, DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddSeconds(30)));

        // Another run of the summary's job finds the lease held: it comes back once the lease can have lapsed.
        var flood = host.Factory.Services.GetRequiredService<PageFlood>();
        await flood.SendSummaryAsync(summaryId, CancellationToken.None);
        Assert.Equal(1, ScheduledSummaries(host, summaryId));

        // Once the summary went out (the report's page is sent), a run that finds it taken does not come back.
        await host.Reports.UpdateAsync(reference, r => r with { Notifications = [.. r.Notifications.Select(n => n.Id == id ? n with { Status = NotificationStatus.Sent } : n)] });
        await flood.SendSummaryAsync(summaryId, CancellationToken.None);
        Assert.Equal(1, ScheduledSummaries(host, summaryId));
    }

    private static int ScheduledSummaries(EscalationHost host, string summaryId) =>
        host.Factory.Services.GetRequiredService<Hangfire.JobStorage>().GetMonitoringApi().ScheduledJobs(0, 1000)
            .Count(j => j.Value.Job?.Method.Name == nameof(FloodJobs.SendSummaryAsync) && (string?)j.Value.Job.Args[0] == summaryId);

    [GeneratedRegex(@"(\d+) more report\(s\) during a flood")]
    private static partial Regex CountPattern();
}
