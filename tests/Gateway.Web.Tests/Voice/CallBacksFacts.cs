using System.Xml.Linq;
using Gateway.Core.Cases;

namespace Gateway.Web.Tests.Voice;

/// <summary>CALL by SMS: a free call back through the Calls API (WireMock), within the allowed countries and the caps.</summary>
public sealed class CallBacksFacts
{
    private const string Thai = "+66815550151";

    [Fact]
    public async Task Call_PlacesACall_WithTheConsentPrompt_AndConfirmsBySms()
    {
        using var host = new VoiceHost();

        var replies = await TextAsync(host, Thai, "CALL");

        Assert.Equal(["We are calling you now. The call is free for you."], replies);
        var request = Assert.Single(host.Mock.LogEntries).RequestMessage;
        Assert.Equal(VoiceHost.CallsPath, request.Path);
        var form = System.Web.HttpUtility.ParseQueryString(request.Body!);
        Assert.Equal(Thai, form["To"]);
        Assert.Equal(VoiceHost.CallerId, form["From"]);
        var twiml = XDocument.Parse(form["Twiml"]!);
        var gather = twiml.Descendants("Gather").First();
        Assert.Equal("https://gw.example.org/voice/twilio/callback?lang=en&country=TH", gather.Attribute("action")?.Value);
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Contains("This is the free call you asked for. Press 1 to talk to someone now.", VoiceHost.Spoken(twiml));
        Assert.Equal("Hangup", twiml.Root!.Elements().Last().Name.LocalName);
    }

    [Fact]
    public async Task Call_IsRefused_OverTheDailyCapOfCallBacks()
    {
        using var host = new VoiceHost(new Dictionary<string, string?> { ["Voice:MaxCallBacksPerDay"] = "1" });

        await TextAsync(host, Thai, "CALL");
        var second = await TextAsync(host, Thai, "CALL ME");

        Assert.Equal(["You have had today's free calls. If you are in danger, call 1300."], second);
        Assert.Single(host.Mock.LogEntries);
    }

    [Fact]
    public async Task Call_IsRefused_ForACountryNotAllowed()
    {
        using var host = new VoiceHost(new Dictionary<string, string?> { ["Outbound:AllowedCountries"] = "KH,LA" });

        var replies = await TextAsync(host, Thai, "CALL");

        Assert.Single(replies);
        Assert.StartsWith("Sorry, we cannot call this number.", replies[0], StringComparison.Ordinal);
        Assert.Empty(host.Mock.LogEntries);
    }

    [Fact]
    public async Task Call_SaysItFailed_WhenTwilioRefusesTheCall()
    {
        using var host = new VoiceHost();
        host.Mock.Reset();
        host.Mock.Given(WireMock.RequestBuilders.Request.Create().WithPath(VoiceHost.CallsPath).UsingPost())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json")
                .WithBody("""{"code": 21215, "message": "Account not authorized to call this number", "more_info": "https://www.twilio.com/docs/errors/21215", "status": 400}"""));

        var replies = await TextAsync(host, Thai, "CALL");

        Assert.StartsWith("Sorry, we cannot call this number.", Assert.Single(replies), StringComparison.Ordinal);
        Assert.Single(host.Mock.LogEntries);
        Assert.DoesNotContain(host.Factory.Logs, line => line.Contains(Thai, StringComparison.Ordinal) || line.Contains("815550151", StringComparison.Ordinal));
    }

    private static async Task<IReadOnlyList<string>> TextAsync(VoiceHost host, string phone, string body)
    {
        using var request = GatewayFactory.SignedSms(phone, body);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants("Message").Select(m => m.Value)];
    }
}
