using System.Web;
using Gateway.Channels.Webhooks;
using Gateway.Core.Cases;
using Gateway.Core.Localization;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// Distress reports end to end on Redis, with WireMock as Twilio and as the hotline: an SOS in Burmese from deep in
/// a menu is stored, confirmed discreetly in Burmese, and its chain pages each level in order until someone
/// acknowledges; only a paged number may ACK; STATUS answers the reporter; a policy edit leaves a running chain be.
/// </summary>
public sealed class EscalationFacts
{
    private const string Reporter = "+66812340301";

    private static async Task<string> BurmeseSosFromDeepInAMenuAsync(EscalationHost host, string phone)
    {
        await host.TextAsync(phone, "hello");      // the language menu
        await host.TextAsync(phone, "2");          // Burmese
        await host.TextAsync(phone, "3");          // at work
        await host.TextAsync(phone, "1");          // a section inside it
        var confirmation = await host.TextAsync(phone, "ကယ်ပါ");
        var reference = EscalationHost.ReferenceIn(confirmation);
        Assert.NotNull(reference);

        // Discreet: one message in Burmese script that opens with a short confirmation and the number to call now;
        // who will be told, and the choice to keep it to NGOs, follow it.
        var text = Assert.Single(confirmation);
        var confirmed = text.Split('\n')[0];
        Assert.Contains(text, c => c is >= '\u1000' and <= '\u109F');
        Assert.Contains("1300", confirmed, StringComparison.Ordinal);
        Assert.True(SmsSegmentCalculator.Measure(confirmed).Segments <= 2, $"the confirmation takes more than two SMS: {confirmed}");
        Assert.DoesNotContain("NGO", text, StringComparison.Ordinal);
        return reference!;
    }

    [Fact]
    public async Task BurmeseSos_IsStoredConfirmed_AndPagesEveryLevelInOrder()
    {
        using var host = new EscalationHost(database: 6);
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, Reporter);

        var report = await host.Reports.FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal("my", report!.Language);
        Assert.Equal("TH", report.Country);
        Assert.True(report.Urgent);
        Assert.Equal("test-th", report.Escalation!.PolicyId);

        var pages = await host.WaitForPagesAsync(3, TimeSpan.FromSeconds(40));
        Assert.Equal(["sms", "webhook", "voice"], pages.Select(p => p.Kind));

        var sms = HttpUtility.ParseQueryString(pages[0].Request.Body!);
        Assert.Equal(EscalationHost.NgoNumber, sms["To"]);
        Assert.Equal(EscalationHost.PagingNumber, sms["From"]);
        Assert.Contains("ACK " + reference, sms["Body"], StringComparison.Ordinal);
        Assert.DoesNotContain(Reporter, sms["Body"], StringComparison.Ordinal);

        var hook = pages[1].Request;
        var body = hook.Body!;
        Assert.True(WebhookSigner.Verify(hook.Headers!["X-Gateway-Timestamp"][0], hook.Headers["X-Gateway-Delivery"][0], hook.Headers["X-Gateway-Signature"][0], body, [EscalationHost.WebhookSecret], DateTimeOffset.UtcNow));
        Assert.Contains($"\"reference\":\"{reference}\"", body, StringComparison.Ordinal);
        Assert.Contains("\"language\":\"my\"", body, StringComparison.Ordinal);
        Assert.DoesNotContain("6681234", body, StringComparison.Ordinal);

        var call = HttpUtility.ParseQueryString(pages[2].Request.Body!);
        Assert.Equal(EscalationHost.CentreNumber, call["To"]);
        Assert.Contains("Press 1", call["Twiml"], StringComparison.Ordinal);

        var stored = (await host.Reports.FindAsync(reference))!;
        Assert.Equal(["ngo_partner", "hotline_1300", "operation_centre"], stored.Notifications.OrderBy(n => n.IntentAt).Select(n => n.LevelName));
        Assert.All(stored.Notifications, n => Assert.Equal(NotificationStatus.Sent, n.Status));
        Assert.Equal(3, stored.Timeline.Count(t => t.Kind == "paged"));
    }

    [Fact]
    public async Task AckFromThePagedNumber_StopsTheChain_OthersAreRefused_AndStatusShowsIt()
    {
        using var host = new EscalationHost(database: 7, policy: EscalationHost.TestPolicy.Replace("acknowledge_within: 3s", "acknowledge_within: 10s", StringComparison.Ordinal));
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, "+66812340302");
        var first = await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(20));
        Assert.Equal("sms", Assert.Single(first).Kind);

        var refused = await host.TextAsync("+66812340399", "ACK " + reference);
        Assert.Contains(refused, m => m.Contains("was not paged", StringComparison.Ordinal));
        Assert.Equal(ReportStatus.Open, (await host.Reports.FindAsync(reference))!.Status);

        var taken = await host.TextAsync(EscalationHost.NgoNumber, "ACK " + reference);
        Assert.Contains(taken, m => m.Contains(reference, StringComparison.Ordinal) && m.Contains("is yours now", StringComparison.Ordinal));

        var stored = (await host.Reports.FindAsync(reference))!;
        Assert.Equal(ReportStatus.Acknowledged, stored.Status);
        Assert.Equal("th-ngo-burmese/sms", stored.AcknowledgedBy);

        // The next level was due ten seconds after the first page: it drops itself, and nothing more is paged.
        var paged = stored.Timeline.First(t => t.Kind == "paged").At;
        Assert.True(stored.AcknowledgedAt < paged.AddSeconds(10), "the ACK came after the next level was due; the machine is too slow for this test's timing");
        Assert.Null(stored.Escalation!.NextStepAt);
        var wait = paged.AddSeconds(13) - DateTimeOffset.UtcNow;
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait);
        }

        Assert.DoesNotContain(host.Pages, p => p.Kind is "webhook" or "voice");

        // STATUS answers the reporter in Burmese, the language of the conversation: someone has taken the report.
        var status = await host.TextAsync("+66812340302", "STATUS " + reference);
        var takenInBurmese = host.Flows.Engine.Bundle.Texts.Resolve(ReportTexts.StatusTaken, "my", Channel.Sms);
        Assert.Equal("my", takenInBurmese.Language);
        Assert.Contains(takenInBurmese.Text.Replace("{ref}", reference, StringComparison.Ordinal), status);
    }

    [Fact]
    public async Task PolicyEdit_DoesNotChangeARunningChain()
    {
        using var host = new EscalationHost(database: 8);
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, "+66812340303");
        await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(20));

        // An editor drops the webhook level; the report keeps the chain it opened with.
        var old = host.Flows.Revision;
        File.WriteAllText(Path.Combine(host.FlowsFolder, "escalation.yaml"), EscalationHost.TestPolicy.Replace(
            "      - name: hotline_1300\n        targets: [ { contact: th-1300, by: webhook, webhook: th-1300 } ]\n", string.Empty, StringComparison.Ordinal));
        for (var i = 0; i < 100 && host.Flows.Revision == old; i++)
        {
            await Task.Delay(100);
        }

        Assert.NotEqual(old, host.Flows.Revision);
        Assert.Equal(2, host.Flows.Engine.Bundle.Escalation.For("TH", "other")!.Levels.Count);

        var pages = await host.WaitForPagesAsync(3, TimeSpan.FromSeconds(40));
        Assert.Equal(["sms", "webhook", "voice"], pages.Select(p => p.Kind));
        Assert.Equal(3, (await host.Reports.FindAsync(reference))!.Escalation!.Policy.Levels.Count);
    }

    // Every level waits ten minutes for an acknowledgement: only a failed page can move the chain on sooner.
    private static readonly string SlowFirstLevel = EscalationHost.TestPolicy.Replace("acknowledge_within: 3s", "acknowledge_within: 10m", StringComparison.Ordinal);

    [Fact]
    public async Task UndeliveredPage_MovesTheChainOnAtOnce()
    {
        using var host = new EscalationHost(database: 9, policy: SlowFirstLevel);
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, "+66812340304");
        Assert.Equal("sms", Assert.Single(await host.WaitForPagesAsync(1, TimeSpan.FromSeconds(20))).Kind);

        // Twilio reports the page undelivered: the next level does not wait its ten minutes.
        var page = (await host.Reports.FindAsync(reference))!.Notifications.Single();
        var outbox = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Gateway.Core.Outbound.IOutbox>(host.Factory.Services);
        Gateway.Core.Outbound.OutboundMessage? sent = null;
        for (var i = 0; i < 50 && sent?.ProviderSid is null; i++)
        {
            await Task.Delay(100);
            sent = (await outbox.LoadAsync(page.DeliveryId!))?.Message;
        }

        using var callback = GatewayFactory.SignedPost($"/sms/twilio/status?id={page.DeliveryId}",
        [
            new("MessageSid", sent!.ProviderSid!), new("MessageStatus", "undelivered"), new("AccountSid", "ACtest"),
            new("From", EscalationHost.PagingNumber), new("To", EscalationHost.NgoNumber), new("ErrorCode", "30003"),
        ]);
        (await host.Client.SendAsync(callback)).EnsureSuccessStatusCode();

        var pages = await host.WaitForPagesAsync(2, TimeSpan.FromSeconds(20));
        Assert.Equal(["sms", "webhook"], pages.Select(p => p.Kind));
        var stored = (await host.Reports.FindAsync(reference))!;
        Assert.Equal(NotificationStatus.Failed, stored.Notifications.Single(n => n.LevelName == "ngo_partner").Status);
        Assert.Contains(stored.Timeline, t => t.Kind == "page_failed");
    }

    [Fact]
    public async Task PageRefusedWith21610_MovesOn_AndAlertsOperators()
    {
        const string stopped = """{"code": 21610, "message": "Attempt to send to unsubscribed recipient", "more_info": "https://www.twilio.com/docs/errors/21610", "status": 400}""";
        using var host = new EscalationHost(database: 10, policy: SlowFirstLevel, messagesError: stopped);
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, "+66812340305");

        var pages = await host.WaitForPagesAsync(2, TimeSpan.FromSeconds(30));
        Assert.Equal(["sms", "webhook"], pages.Select(p => p.Kind));
        Assert.Contains(host.Factory.Logs, l => l.Contains("ALERT report " + reference, StringComparison.Ordinal) && l.Contains("21610", StringComparison.Ordinal));
    }

    [Fact]
    public async Task HotlineWebhookAnswering500_IsTriedAgainWithBackoff_AndPagedOnceItRecovers()
    {
        using var host = new EscalationHost(database: 5, webhookFailures: 2);
        var reference = await BurmeseSosFromDeepInAMenuAsync(host, "+66812340306");

        var pages = await host.WaitForPagesAsync(5, TimeSpan.FromSeconds(60));
        Assert.Equal(["sms", "webhook", "webhook", "webhook", "voice"], pages.Select(p => p.Kind));

        // The same delivery each time, so the hotline can tell a retry from a new page.
        var deliveries = pages.Where(p => p.Kind == "webhook").Select(p => p.Request.Headers!["X-Gateway-Delivery"][0]).Distinct();
        Assert.Single(deliveries);
        var hook = (await host.Reports.FindAsync(reference))!.Notifications.Single(n => n.By == "webhook");
        Assert.Equal(NotificationStatus.Sent, hook.Status);
        Assert.Equal(3, hook.Attempts);
        Assert.Equal("hotline-case-1", hook.ProviderId);
    }
}
