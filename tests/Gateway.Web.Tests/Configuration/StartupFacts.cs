using System.Net;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Configuration;

public class StartupFacts
{
    private static readonly Dictionary<string, string?> RealCredentials = new()
    {
        ["Twilio:AccountSid"] = "AC" + new string('0', 32),
        ["Twilio:AuthToken"] = "a-real-looking-token",
    };

    [Fact]
    public void EmbeddedDefault_RefusesToStart_WithRealTwilioCredentials()
    {
        using var factory = new GatewayFactory(settings: RealCredentials);
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Real Twilio credentials", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void EmbeddedDefault_RefusesToStart_WithRealBotFrameworkCredentials()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["BotFramework:AppId"] = "0b9a6a84-3c52-4a3e-9f55-6d1f6a6c2e11",
            ["BotFramework:AppPassword"] = "a-real-looking-secret",
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Real Bot Framework credentials", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedDefault_StartsWithRealCredentials_WhenExplicitlyAllowed()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>(RealCredentials) { ["Gateway:AllowEmbeddedWithRealCredentials"] = "true" });
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void EmbeddedDefault_SaysLoudlyThatNothingIsDurable_AndUsesAnEphemeralKey()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        Assert.Contains(factory.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("EMBEDDED MODE", StringComparison.Ordinal) && l.Contains("Nothing is durable", StringComparison.Ordinal));
        Assert.True(factory.Services.GetRequiredService<DataKey>().IsEphemeral);
    }

    [Fact]
    public void Redis_RefusesToStart_WithoutADataKey()
    {
        using var factory = new GatewayFactory(redis: true, settings: new Dictionary<string, string?> { ["Gateway:DataKey"] = null });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Gateway:DataKey is required", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void BrokenFlows_StopTheStart_WithTheValidatorsMessage()
    {
        var dir = Directory.CreateTempSubdirectory("gateway-flows-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(dir, "flows"));
            Directory.CreateDirectory(Path.Combine(dir, "localization"));
            File.WriteAllText(Path.Combine(dir, "flows", "main.yaml"), "flow: main\nstart: [oops\n");
            using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Gateway:FlowsPath"] = Path.Combine(dir, "flows") });
            var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
            Assert.Contains("flows/main.yaml:3:1: error: this is not valid YAML", e.ToString(), StringComparison.Ordinal);
            Assert.Contains("keywords.yaml is missing", e.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Redis_KeepsContactsAndSessions_InRedis()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();
        const string number = "+66812349999";

        using var response = await client.SendAsync(GatewayFactory.SignedSms(number, "hello"));
        response.EnsureSuccessStatusCode();

        var id = factory.Services.GetRequiredService<DataKey>().ContactId(number);
        Assert.Equal("main:language", (await factory.Services.GetRequiredService<IContactStore>().LoadAsync(id)).Session!.State);
        Assert.True(await RedisTestServer.Multiplexer.GetDatabase().KeyExistsAsync($"gateway:{{{id}}}:session"));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
