using Gateway.Web.Configuration;
using Gateway.Web.Reports;
using Microsoft.Extensions.Configuration;

namespace Gateway.Web.Tests.Configuration;

/// <summary>
/// What a person starting the gateway reads first: the mode, the URL and how to sign in, then at most one line about
/// escalation, and no failure for configuration that is a choice (USSD off with Redis).
/// </summary>
public class StartupBannerFacts
{
    private const string Url = "http://127.0.0.1:5123";

    /// <summary>The start-up log as a console shows it by default: Information and up, ASP.NET Core's own from Warning.</summary>
    private static List<string> Shown(GatewayFactory factory) =>
    [
        .. factory.Logs.Where(l => !l.StartsWith("Trace", StringComparison.Ordinal) && !l.StartsWith("Debug", StringComparison.Ordinal)
            && !(l.StartsWith("Information Microsoft.AspNetCore", StringComparison.Ordinal))),
    ];

    [Fact]
    public void Embedded_FirstLinesSayTheMode_TheUrl_AndTheAdminsSignIn_ThenOneWarningAboutEscalation()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["urls"] = Url });
        using var client = factory.CreateClient();
        var lines = Shown(factory);

        Assert.StartsWith("Warning Gateway.Startup: EMBEDDED MODE: no Redis is configured.", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Information Gateway.Startup: The gateway answers at {Url}: the simulated phone is {Url}/simulator/", lines[1], StringComparison.Ordinal);
        Assert.Matches($@"^Warning Gateway.Startup: EMBEDDED MODE: sign in to the console at {Url}/console as account acc_[a-z2-7]{{10}} with the password [a-z2-7]{{16}} \(this local admin", lines[2]);
        Assert.Contains("the admin API key of this run is gw_", lines[3], StringComparison.Ordinal);

        // The placeholders the embedded default ships with: one line, a warning, with the count and where to look.
        var escalation = Assert.Single(lines, l => l.Contains("escalation", StringComparison.OrdinalIgnoreCase) && l.Contains("NOBODY", StringComparison.Ordinal));
        Assert.Matches(@"^Warning Gateway.Web.Reports.EscalationHealth: ALERT escalation: \d+ country and category pairs would page NOBODY; webhooks not configured: operators, th_1300, th_1506 ", escalation);
        Assert.Contains("GET " + EscalationHealth.Path, escalation, StringComparison.Ordinal);
        Assert.DoesNotContain(lines, l => l.StartsWith("Error", StringComparison.Ordinal) || l.StartsWith("Critical", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_FirstLinesSayTheMode_TheUrl_AndHowToMakeTheFirstAdmin_AndOnlyUnreachableEscalationIsAnError()
    {
        using var factory = new GatewayFactory(redis: true, settings: new Dictionary<string, string?> { ["urls"] = Url });
        using var client = factory.CreateClient();
        var lines = Shown(factory);

        Assert.StartsWith("Information Gateway.Startup: Redis mode:", lines[0], StringComparison.Ordinal);
        Assert.StartsWith($"Information Gateway.Startup: The gateway answers at {Url}: the operator console is {Url}/console", lines[1], StringComparison.Ordinal);
        Assert.StartsWith($"Information Gateway.Startup: Sign in to the console at {Url}/console", lines[2], StringComparison.Ordinal);
        Assert.Contains("gateway accounts create-admin", lines[2], StringComparison.Ordinal);
        Assert.Contains("--operator", lines[2], StringComparison.Ordinal);

        var error = Assert.Single(lines, l => l.StartsWith("Error", StringComparison.Ordinal));
        Assert.StartsWith("Error Gateway.Web.Reports.EscalationHealth: ALERT escalation:", error, StringComparison.Ordinal);
        Assert.Contains("GET " + EscalationHealth.Path, error, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.StartsWith("Information Gateway.Startup: USSD endpoints are off", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null, null, null, StartupBanner.DefaultUrl)]
    [InlineData("http://+:8080;https://+:8443", null, null, "http://localhost:8080")]
    [InlineData("http://0.0.0.0:5000/", null, null, "http://localhost:5000")]
    [InlineData("http://192.0.2.10:8080", null, null, "http://192.0.2.10:8080")]
    [InlineData(null, "8080", null, "http://localhost:8080")]
    [InlineData("http://*:9000", "8080", "https://gateway.example.org:8443", "https://gateway.example.org:8443")]
    public void ListeningUrl_IsReadFromTheSettingsKestrelReads(string? urls, string? httpPorts, string? endpoint, string expected)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["urls"] = urls,
            ["http_ports"] = httpPorts,
            ["Kestrel:Endpoints:Main:Url"] = endpoint,
        }).Build();

        Assert.Equal(expected, StartupBanner.ListeningUrl(configuration));
    }
}
