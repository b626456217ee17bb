using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Chat;

public sealed class ChatApiFacts : IDisposable
{
    private const string AppId = "gateway-app-id";
    private const string AppPassword = "gateway-app-secret";
    private const string TokenPath = "/botframework.com/oauth2/v2.0/token";
    private const string ConversationId = "19:abc@thread.v2;messageid=17 x";

    private readonly FakeBotFramework _botFramework = new();
    private readonly WireMockServer _connector = WireMockServer.Start();
    private readonly GatewayFactory _factory;
    private int _activityIds;

    public ChatApiFacts()
    {
        _connector.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"outbound-token-1"}"""));
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"reply"}"""));
        _factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["BotFramework:AppId"] = AppId,
            ["BotFramework:AppPassword"] = AppPassword,
            ["BotFramework:OpenIdMetadataUrl"] = _botFramework.MetadataUrl,
            ["BotFramework:TokenEndpoint"] = _connector.Url + TokenPath,
            ["BotFramework:RetryBaseDelay"] = "00:00:00.050",
        });
    }

    private string ServiceUrl => _connector.Url + "/";

    public void Dispose()
    {
        _factory.Dispose();
        _connector.Stop();
        _connector.Dispose();
        _botFramework.Dispose();
    }

    [Fact]
    public async Task Message_InBurmeseLocale_IsAnsweredInBurmese_WithTheMenuAsButtonsAndSos()
    {
        var activity = Message("hello", locale: "my-MM");

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        var replies = Replies();
        Assert.NotEmpty(replies);
        foreach (var reply in replies)
        {
            Assert.Equal("message", (string?)reply["type"]);
            Assert.Equal((string?)activity["id"], (string?)reply["replyToId"]);
            Assert.Equal("bot-1", (string?)reply["from"]!["id"]);
            Assert.Equal("user-1", (string?)reply["recipient"]!["id"]);
            Assert.Equal(ConversationId, (string?)reply["conversation"]!["id"]);
            Assert.Equal("my-MM", (string?)reply["locale"]);
            Assert.Matches("[\u1000-\u109F]", (string?)reply["text"]);
        }

        var actions = replies[^1]["suggestedActions"]!["actions"]!.AsArray();
        Assert.All(replies.SkipLast(1), r => Assert.Null(r["suggestedActions"]));
        Assert.Equal(["user-1"], replies[^1]["suggestedActions"]!["to"]!.AsArray().Select(t => (string?)t));
        Assert.True(actions.Count >= 3);
        var numbered = actions.SkipLast(1).ToList();
        for (var i = 0; i < numbered.Count; i++)
        {
            Assert.Equal("imBack", (string?)numbered[i]!["type"]);
            Assert.Equal($"{i + 1}", (string?)numbered[i]!["value"]);
            Assert.StartsWith($"{i + 1}. ", (string?)numbered[i]!["title"], StringComparison.Ordinal);
            Assert.Matches("[\u1000-\u109F]", (string?)numbered[i]!["title"]);
        }

        // The SOS button sends the keyword, labelled in Burmese (menu.sos).
        Assert.Equal("SOS", (string?)actions[^1]!["value"]);
        Assert.Matches("[\u1000-\u109F]", (string?)actions[^1]!["title"]);
    }

    [Fact]
    public async Task Replies_GoToTheConnectorWithTheAppsToken_AskedForOnce()
    {
        await PostAsync(Message("hello"));
        await PostAsync(Message("1"));
        await PostAsync(Message("MENU"));

        var tokenRequests = _connector.LogEntries.Where(e => e.RequestMessage.Path == TokenPath).ToList();
        var tokenRequest = Assert.Single(tokenRequests).RequestMessage;
        Assert.Contains("grant_type=client_credentials", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains($"client_id={AppId}", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains($"client_secret={AppPassword}", tokenRequest.Body, StringComparison.Ordinal);
        Assert.Contains("scope=https%3A%2F%2Fapi.botframework.com%2F.default", tokenRequest.Body, StringComparison.Ordinal);
        var replies = ConnectorPosts();
        Assert.True(replies.Count >= 3);
        Assert.All(replies, r => Assert.Equal("Bearer outbound-token-1", r.Headers!["Authorization"].Single()));
    }

    [Fact]
    public async Task Sos_OpensAReport_AndTheReplyGivesItsReference()
    {
        await PostAsync(Message("hello", locale: "en-US"));

        var (status, _) = await PostAsync(Message("SOS", locale: "en-US"));

        Assert.Equal(HttpStatusCode.OK, status);
        var report = await ReportInRepliesAsync();
        Assert.Equal("chat", report.Channel);
        Assert.True(report.Urgent);
        Assert.Equal(ContactId("user-1"), report.ContactId);
    }

    [Fact]
    public async Task SosButton_SendsTheSosKeyword()
    {
        await PostAsync(Message("hello", locale: "en-US"));
        var button = Replies()[^1]["suggestedActions"]!["actions"]!.AsArray()[^1]!;
        _connector.ResetLogEntries();

        await PostAsync(Message((string)button["value"]!, locale: "en-US"));

        var report = await ReportInRepliesAsync();
        Assert.True(report.Urgent);
    }

    [Fact]
    public async Task ConversationUpdate_AddingThePerson_GreetsThem_WithTheLanguageMenu()
    {
        var update = Activity("conversationUpdate");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" }, new JsonObject { ["id"] = "user-1" });

        var (status, _) = await PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, status);
        var reply = Assert.Single(Replies());
        Assert.Contains("1. English", (string?)reply["text"], StringComparison.Ordinal);
        var actions = reply["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal("1. English", (string?)actions[0]!["title"]);
        Assert.Equal("SOS", (string?)actions[^1]!["value"]);
        var snapshot = await _factory.Services.GetRequiredService<IContactStore>().LoadAsync(ContactId("user-1"));
        Assert.Equal("main:language", snapshot.Session!.State);
    }

    [Fact]
    public async Task ConversationUpdate_AddingOnlyTheBot_SendsNothing()
    {
        var update = Activity("conversationUpdate");
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "bot-1" });

        var (status, _) = await PostAsync(update);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(ConnectorPosts());
    }

    [Theory]
    [InlineData("typing")]
    [InlineData("endOfConversation")]
    [InlineData("event")]
    public async Task OtherActivityTypes_AreAcknowledged_AndNothingIsSent(string type)
    {
        var (status, _) = await PostAsync(Activity(type));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(_connector.LogEntries);
    }

    [Fact]
    public async Task SameActivityTwice_RunsTheFlowOnce()
    {
        var activity = Message("hello");
        await PostAsync(activity);
        var first = ConnectorPosts().Count;

        var (status, _) = await PostAsync(activity);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(first, ConnectorPosts().Count);
        var snapshot = await _factory.Services.GetRequiredService<IContactStore>().LoadAsync(ContactId("user-1"));
        Assert.Equal(1, snapshot.Version);
    }

    [Fact]
    public async Task NoToken_Gets401_AndNothingIsProcessed()
    {
        var (status, body) = await PostAsync(Message("SOS"), token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("bearer token", body, StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task ForgedToken_Gets401_AndNothingIsProcessed()
    {
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        var activity = Message("SOS");
        var forged = _botFramework.Mint(AppId, ServiceUrl, DateTimeOffset.UtcNow, key: new FakeBotFramework.SigningKey(_botFramework.Key.KeyId, forger, []));

        var (status, body) = await PostAsync(activity, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("signature", body, StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task TokenForAnotherServiceUrl_Gets401()
    {
        var token = _botFramework.Mint(AppId, "https://attacker.example/", DateTimeOffset.UtcNow);

        var (status, body) = await PostAsync(Message("SOS"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("serviceurl", body, StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Fact]
    public async Task ExpiredToken_Gets401()
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, DateTimeOffset.UtcNow, expiresIn: TimeSpan.FromMinutes(-10));

        var (status, body) = await PostAsync(Message("SOS"), token);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("expired", body, StringComparison.Ordinal);
        await AssertNothingHappenedAsync();
    }

    [Theory]
    [InlineData("{\"type\":\"message\",", "not a valid activity")]
    [InlineData("{\"text\":\"hi\"}", "no type")]
    [InlineData("{\"type\":\"message\",\"text\":\"hi\",\"channelId\":\"webchat\"}", "serviceUrl, conversation.id, from.id")]
    public async Task MalformedActivity_Gets400_WithTheReason(string json, string reason)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _botFramework.Mint(AppId, ServiceUrl, DateTimeOffset.UtcNow));

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConnectorBusy_TheReplyIsRetried_UntilItIsTaken()
    {
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).InScenario("busy").WillSetStateTo("once")
            .RespondWith(Response.Create().WithStatusCode(503));
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).InScenario("busy").WhenStateIs("once").WillSetStateTo("twice")
            .RespondWith(Response.Create().WithStatusCode(429));
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).InScenario("busy").WhenStateIs("twice")
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"r"}"""));

        var (status, _) = await PostAsync(Message("hello"));

        Assert.Equal(HttpStatusCode.OK, status);
        var posts = ConnectorPosts();
        Assert.Equal(3, posts.Count);
        Assert.All(posts, p => Assert.Equal(posts[0].Body, p.Body));
    }

    [Fact]
    public async Task ConnectorDown_TheReplyFails_AndTheLogNamesOnlyTheContactId()
    {
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).AtPriority(1).RespondWith(Response.Create().WithStatusCode(502));

        var (status, _) = await PostAsync(Message("hello"));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(4, ConnectorPosts().Count);
        var failure = Assert.Single(_factory.Logs, l => l.Contains("was not delivered to the connector", StringComparison.Ordinal));
        Assert.Contains(ContactId("user-1"), failure, StringComparison.Ordinal);
        var logs = string.Join("\n", _factory.Logs);
        Assert.DoesNotContain("user-1", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("19:abc", logs, StringComparison.Ordinal);
        Assert.DoesNotContain("English", logs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnAppId_TheEndpointSaysChatIsNotConfigured()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();

        using var response = await client.PostAsync("/api/messages", new StringContent(Message("hello").ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("Chat is not configured", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnAppId_ALocalEmulatorIsAnswered_InTheEmbeddedDefault_WithoutAToken()
    {
        using var factory = new GatewayFactory();
        factory.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        factory.StartServer();
        var address = factory.Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()
            .Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };

        using var local = await client.PostAsync("/api/messages", new StringContent(Message("hello").ToJsonString(), Encoding.UTF8, "application/json"));
        var remote = Message("hello");
        remote["serviceUrl"] = "https://connector.example/";
        using var elsewhere = await client.PostAsync("/api/messages", new StringContent(remote.ToJsonString(), Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, local.StatusCode);
        var reply = Assert.Single(ConnectorPosts());
        Assert.False(reply.Headers!.ContainsKey("Authorization"));
        Assert.DoesNotContain(_connector.LogEntries, e => e.RequestMessage.Path == TokenPath);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, elsewhere.StatusCode);
    }

    private string ContactId(string userId) =>
        _factory.Services.GetRequiredService<DataKey>().ContactId($"chat:webchat:{userId}");

    /// <summary>The report whose reference the replies give.</summary>
    private async Task<Report> ReportInRepliesAsync()
    {
        var text = string.Join("\n", Replies().Select(r => (string?)r["text"]));
        var reference = System.Text.RegularExpressions.Regex.Match(text, "\\(([A-Z0-9-]{4,})\\)").Groups[1].Value;
        Assert.NotEmpty(reference);
        var report = await _factory.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        return report;
    }

    private async Task AssertNothingHappenedAsync()
    {
        Assert.Empty(_connector.LogEntries);
        var snapshot = await _factory.Services.GetRequiredService<IContactStore>().LoadAsync(ContactId("user-1"));
        Assert.Equal(0, snapshot.Version);
    }

    private JsonObject Activity(string type) => new()
    {
        ["type"] = type,
        ["id"] = $"activity-{Interlocked.Increment(ref _activityIds)}",
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = ServiceUrl,
        ["channelId"] = "webchat",
        ["from"] = new JsonObject { ["id"] = "user-1", ["name"] = "Someone" },
        ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Gateway" },
        ["conversation"] = new JsonObject { ["id"] = ConversationId },
    };

    private JsonObject Message(string text, string? locale = null)
    {
        var activity = Activity("message");
        activity["text"] = text;
        if (locale is not null)
        {
            activity["locale"] = locale;
        }

        return activity;
    }

    private Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject activity) =>
        PostAsync(activity, _botFramework.Mint(AppId, ServiceUrl, DateTimeOffset.UtcNow));

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(JsonObject activity, string? token)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private List<WireMock.IRequestMessage> ConnectorPosts() =>
        [.. _connector.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal))];

    private List<JsonNode> Replies() =>
        [.. ConnectorPosts().Select(r => JsonNode.Parse(r.Body!)!)];
}
