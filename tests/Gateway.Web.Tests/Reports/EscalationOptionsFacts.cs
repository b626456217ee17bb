using System.Net;
using System.Text.Json;
using Gateway.Web.Reports;

namespace Gateway.Web.Tests.Reports;

/// <summary>Webhook settings are found under the name a shell can export (th_1300) and under the older spelling (th-1300).</summary>
public class EscalationOptionsFacts
{
    private static EscalationOptions.WebhookSettings Hook(string url) => new() { Url = new Uri(url), Secrets = "s" };

    [Theory]
    [InlineData("th_1300", "th_1300")]
    [InlineData("th_1300", "th-1300")]
    [InlineData("th-1300", "th_1300")]
    [InlineData("th_1300", "TH_1300")]
    public void FindWebhook_FindsTheSettings_UnderEitherSpelling(string inFlows, string inSettings)
    {
        var options = new EscalationOptions { Webhooks = { [inSettings] = Hook("https://hotline.example.org/1300") } };
        Assert.Equal(new Uri("https://hotline.example.org/1300"), options.FindWebhook(inFlows)?.Url);
        Assert.Null(options.FindWebhook("th_1506"));
    }

    [Fact]
    public void FindWebhook_PrefersTheExactName()
    {
        var options = new EscalationOptions
        {
            Webhooks = { ["th-1300"] = Hook("https://old.example.org/"), ["th_1300"] = Hook("https://new.example.org/") },
        };
        Assert.Equal("new.example.org", options.FindWebhook("th_1300")!.Url!.Host);
        Assert.Equal("old.example.org", options.FindWebhook("th-1300")!.Url!.Host);
    }

    [Fact]
    public async Task ShippedFlows_CountAWebhookConfiguredUnderTheOlderSpelling_AsConfigured()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            // As a deployment made before the shipped names used "_" may have it (appsettings.json or a container's environment).
            ["Escalation:Webhooks:th-1300:Url"] = "https://hotline.example.org/1300",
            ["Escalation:Webhooks:th-1300:Secrets"] = "old-spelling-secret-0123456789",
            ["Escalation:Webhooks:th_1506:Url"] = "https://hotline.example.org/1506",
            ["Escalation:Webhooks:th_1506:Secrets"] = "new-spelling-secret-0123456789",
        });
        using var client = factory.CreateClient();

        using var health = await client.GetAsync(EscalationHealth.Path);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        using var body = JsonDocument.Parse(await health.Content.ReadAsStringAsync());
        Assert.Equal(["operators"], body.RootElement.GetProperty("webhooksNotConfigured").EnumerateArray().Select(w => w.GetString()));
    }
}
