using System.Text.Json;
using Gateway.Core.Cases;
using Gateway.Web.Reports;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// Who receives a report, as the person chose it: after an SOS in Burmese the person keeps the report away from the
/// hotline and the government centre; the choice is on the report, the chain passes over those levels (each written
/// in the timeline) and pages only the NGO. <c>/health/escalations</c> lists the promise texts that would be false
/// with the webhooks configured where the gateway runs.
/// </summary>
public sealed class RecipientsFacts
{
    [Fact]
    public async Task SosThenOnlyAnNgo_IsRecorded_AndTheChainPassesOverTheRefusedLevels()
    {
        using var redis = new PrivateRedis();
        using var host = new EscalationHost(database: 0, redisEndpoint: redis.Endpoint);
        const string phone = "+66812340311";
        await host.TextAsync(phone, "hello");
        await host.TextAsync(phone, "2");                 // Burmese
        var sos = await host.TextAsync(phone, "ကယ်ပါ");
        var reference = EscalationHost.ReferenceIn(sos);
        Assert.NotNull(reference);

        // Stored and escalating before the person hears who will be told: the NGO, the 1300 hotline, the centre.
        Assert.NotNull((await host.Reports.FindAsync(reference!))!.Escalation);
        var reply = string.Join("\n", sos);
        Assert.Contains("1300 ဟော့လိုင်း", reply, StringComparison.Ordinal);
        Assert.Contains("ရဲများ ပါဝင်သော အစိုးရ စင်တာ", reply, StringComparison.Ordinal);
        Assert.Contains("2. ", reply, StringComparison.Ordinal);

        await host.TextAsync(phone, "2");                 // only an NGO
        var limited = (await host.Reports.FindAsync(reference!))!;
        Assert.Equal(RecipientKinds.NgoOnly, limited.Recipients);
        var entry = Assert.Single(limited.Timeline, t => t.Kind == Report.RecipientsLimited);
        Assert.Contains("hotline_1300 (hotline), operation_centre (operation_centre) will be passed over", entry.Text, StringComparison.Ordinal);

        // The NGO is paged; three seconds later, the next two levels are passed over instead of paged.
        var stored = await WaitAsync(host, reference!, r => r.Timeline.Count(t => t.Kind == Report.LevelRefused) == 2, TimeSpan.FromSeconds(30));
        Assert.Equal(
            ["Level hotline_1300 (hotline) passed over: the person asked that the report go only to NGOs.",
             "Level operation_centre (operation_centre) passed over: the person asked that the report go only to NGOs."],
            stored.Timeline.Where(t => t.Kind == Report.LevelRefused).Select(t => t.Text));
        Assert.Equal(["ngo_partner"], stored.Notifications.Select(n => n.LevelName));
        Assert.DoesNotContain(host.Pages, p => p.Kind is "webhook" or "voice");
    }

    [Fact]
    public async Task HealthEscalations_ListsFalsePromises_KnowingWhichWebhooksAreConfigured()
    {
        using var redis = new PrivateRedis();
        using var host = new EscalationHost(database: 0, redisEndpoint: redis.Endpoint, policy: ShippedPolicy());
        using var response = await host.Client.GetAsync(new Uri(EscalationHealth.Path, UriKind.Relative));
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var promises = health.RootElement.GetProperty("falsePromises").EnumerateArray()
            .Select(p => (Key: p.GetProperty("key").GetString(), Country: p.GetProperty("country").GetString(),
                Languages: p.GetProperty("languages").EnumerateArray().Select(l => l.GetString()).ToList(), Why: p.GetProperty("why").GetString()))
            .ToList();

        // The Burmese-speaking partner has a page number here: the promise holds in Burmese, not in Khmer.
        var ngo = promises.Where(p => p.Key == "help.intro@TH").ToList();
        Assert.DoesNotContain(ngo, p => p.Languages.Contains("my"));
        Assert.Contains(ngo, p => p.Languages.Contains("km") && p.Why!.Contains("th-ngo-khmer/sms", StringComparison.Ordinal));

        // The operators' webhook is not configured here, which the validator cannot know: nobody can be paged in Lao PDR.
        Assert.Contains(promises, p => p.Key == "contacts.none" && p.Country == "LA" && p.Why!.Contains("operators is a webhook that is not configured", StringComparison.Ordinal));
    }

    private static string ShippedPolicy() =>
        File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "flows", "escalation.yaml")).Replace("webhook: th_1300", "webhook: th-1300", StringComparison.Ordinal);

    private static async Task<Report> WaitAsync(EscalationHost host, string reference, Func<Report, bool> done, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var report = (await host.Reports.FindAsync(reference))!;
            if (done(report) || DateTime.UtcNow > deadline)
            {
                Assert.True(done(report), "the chain did not get there in time: " + string.Join(" | ", report.Timeline.Select(t => t.Text)));
                return report;
            }

            await Task.Delay(100);
        }
    }
}
