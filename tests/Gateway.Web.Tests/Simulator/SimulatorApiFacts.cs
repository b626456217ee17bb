using System.Net;
using System.Net.Http.Json;
using Gateway.Core.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Simulator;

public class SimulatorApiFacts
{
    private sealed record Replies(List<string> replies);

    [Fact]
    public async Task Page_IsServed_InTheEmbeddedDefault()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        var html = await client.GetStringAsync("/simulator/");
        Assert.Contains("Simulated phone", html, StringComparison.Ordinal);
        var languages = await client.GetStringAsync("/simulator/languages");
        Assert.Contains("\"my\"", languages, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BurmeseJourney_WorksEndToEnd_AndItsReportIsMarkedAsTest()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        const string phone = "sim-test-1";

        async Task<string> Send(string text, string? language = null)
        {
            using var response = await client.PostAsJsonAsync("/simulator/messages", new { phone, text, language, country = "TH" });
            response.EnsureSuccessStatusCode();
            return string.Join("\n---\n", (await response.Content.ReadFromJsonAsync<Replies>())!.replies);
        }

        Assert.Contains("1. မသွားမီ", await Send("hello", "my"), StringComparison.Ordinal);
        Assert.Contains("ပြဿနာ", await Send("၅"), StringComparison.Ordinal);
        foreach (var answer in new[] { "1", "1", "1", "1", "1", "1", "1" }) // category, "send it" (who will be told), then the details and Phayao
        {
            await Send(answer);
        }

        var received = await Send("၂");

        var reference = System.Text.RegularExpressions.Regex.Match(received, "[0-9A-Z]{7}").Value;
        Assert.Contains("လက်ခံရရှိပါပြီ", received, StringComparison.Ordinal);
        var report = await factory.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.True(report.IsTest);
        Assert.Equal("trafficking", report.Category);
        Assert.Equal("my", report.Language);
    }

    [Fact]
    public async Task Pickers_ApplyWheneverTheyChange_NotOnlyToTheFirstMessage()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        const string phone = "sim-pickers";

        async Task<string> Send(string text, string? language, string? country)
        {
            using var response = await client.PostAsJsonAsync("/simulator/messages", new { phone, text, language, country });
            response.EnsureSuccessStatusCode();
            return string.Join("\n", (await response.Content.ReadFromJsonAsync<Replies>())!.replies);
        }

        Assert.Contains("1. မသွားမီ", await Send("hello", "my", "TH"), StringComparison.Ordinal);
        Assert.Contains("1. ก่อนออกเดินทาง", await Send("hello", "th", "KH"), StringComparison.Ordinal);

        // Nothing picked: the phone keeps what it has.
        Assert.Contains("1. ก่อนออกเดินทาง", await Send("hello", null, null), StringComparison.Ordinal);
        var contact = factory.Services.GetRequiredService<Gateway.Infrastructure.Security.DataKey>().ContactId("simulator:" + phone);
        var stored = await factory.Services.GetRequiredService<Gateway.Core.Sessions.IContactStore>().LoadAsync(contact);
        Assert.Equal(("th", "KH"), (stored.Session!.Language, stored.Session.Country));
        Assert.Equal(("th", "KH"), (stored.Profile!.Language, stored.Profile.Country));
    }

    [Fact]
    public async Task Messages_AreRefused_WithoutPhoneOrText()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        using var response = await client.PostAsJsonAsync("/simulator/messages", new { phone = "", text = "hi" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Simulator_NeedsAConsoleSignIn_WithRedis()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var response = await client.GetAsync("/simulator/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/console/sign-in", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var post = await client.PostAsJsonAsync("/simulator/messages", new { phone = "sim-x", text = "SOS" });
        Assert.Equal(HttpStatusCode.Unauthorized, post.StatusCode);
    }
}
