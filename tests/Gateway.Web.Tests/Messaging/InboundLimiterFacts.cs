using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Messaging;

/// <summary>
/// The inbound rate limits: a sender past the limit is told once, in their language, and nothing else is done with
/// their messages, except SOS, which is stored and answered with its reference; on Redis every process counts together.
/// </summary>
public sealed class InboundLimiterFacts
{
    private const string ThaiNotice = "คุณส่งข้อความจำนวนมากในเวลาสั้นๆ";
    private const string EnglishNotice = "You sent many messages in a short time";

    [Fact]
    public async Task SenderPastTheLimit_IsToldOnceInTheirLanguage_AndNotHandled_ButSosIsStoredWithItsReference()
    {
        const string phone = "+66815550311";
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Inbound:MaxPerSender"] = "3" });
        using var client = factory.CreateClient();
        await TextAsync(client, phone, "hello");
        await TextAsync(client, phone, "4");
        Assert.NotEmpty(await TextAsync(client, phone, "1"));
        var contacts = factory.Services.GetRequiredService<IContactStore>();
        var contactId = factory.Services.GetRequiredService<DataKey>().ContactId(phone);
        var before = await contacts.LoadAsync(contactId);

        var notice = Assert.Single(await TextAsync(client, phone, "2"));
        var silence = await TextAsync(client, phone, "MENU");

        Assert.StartsWith(ThaiNotice, notice, StringComparison.Ordinal);
        Assert.Contains("1300", notice, StringComparison.Ordinal);
        Assert.Empty(silence);
        var after = await contacts.LoadAsync(contactId);
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(before.Session!.State, after.Session!.State);
        Assert.Single(factory.Logs, l => l.Contains("past the inbound rate limit", StringComparison.Ordinal));

        var sos = await TextAsync(client, phone, "SOS");

        var reference = Reports.EscalationHost.ReferenceIn(sos);
        Assert.NotNull(reference);
        var report = await factory.Services.GetRequiredService<IReportStore>().FindAsync(reference!);
        Assert.NotNull(report);
        Assert.True(report!.Urgent);
        Assert.Equal(contactId, report.ContactId);
    }

    [Fact]
    public async Task OnRedis_TwoGatewayProcesses_CountOneSenderTogether()
    {
        using var redis = new PrivateRedis(durable: false);
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.Endpoint,
            ["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Inbound:MaxPerSender"] = "4",
        };
        using var first = new GatewayFactory(settings: settings);
        using var second = new GatewayFactory(settings: settings);
        using var a = first.CreateClient();
        using var b = second.CreateClient();
        const string phone = "+66815550312";

        // Four messages, two through each process: all handled.
        Assert.NotEmpty(await TextAsync(a, phone, "hello"));
        Assert.NotEmpty(await TextAsync(b, phone, "1"));
        Assert.NotEmpty(await TextAsync(a, phone, "MENU"));
        Assert.NotEmpty(await TextAsync(b, phone, "MENU"));

        // The fifth is past the limit whichever process takes it, and the sender is told once across both.
        var notice = Assert.Single(await TextAsync(a, phone, "MENU"));
        Assert.StartsWith(EnglishNotice, notice, StringComparison.Ordinal);
        Assert.Empty(await TextAsync(b, phone, "MENU"));
        Assert.Empty(await TextAsync(a, phone, "MENU"));

        // Another sender is not limited by this one.
        Assert.NotEmpty(await TextAsync(b, "+66815550313", "hello"));
    }

    private static async Task<IReadOnlyList<string>> TextAsync(HttpClient client, string phone, string body)
    {
        using var request = GatewayFactory.SignedSms(phone, body);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Message").Select(m => m.Value)];
    }
}
