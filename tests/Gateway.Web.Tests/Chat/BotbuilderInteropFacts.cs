using System.Text.Json.Nodes;
using Gateway.Core.Cases;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Chat;

/// <summary>
/// The gateway against the real npm botbuilder package (see <see cref="BotbuilderInterop"/>): botbuilder's connector
/// takes the gateway's replies only with a token it verified itself, and the gateway takes exactly the channel
/// tokens botbuilder's own bot-side check takes.
/// </summary>
public sealed class BotbuilderInteropFacts(BotbuilderInterop interop) : IClassFixture<BotbuilderInterop>
{
    [Fact]
    public async Task Greeting_ReachesBotbuildersConnector_WithATokenItVerified()
    {
        const string conversation = "19:greet@thread.v2;messageid=17 x";
        var update = interop.Activity("conversationUpdate", conversation);
        var user = (string)update["from"]!["id"]!;
        update["membersAdded"] = new JsonArray(new JsonObject { ["id"] = "gateway-bot" }, new JsonObject { ["id"] = user });

        var sent = await interop.SendAsync("valid", update);

        Assert.Equal("accepted", sent.Botbuilder);
        Assert.True(sent.Status == 200, $"{sent.Status} {sent.Body}\n{interop.NodeOutput}");
        var state = await interop.StateAsync();
        var reply = Assert.Single(Replies(state, conversation));
        Assert.Equal((string?)update["id"], (string?)reply["activityId"]);
        Assert.True((bool)reply["isAuthenticated"]!);
        Assert.Equal(BotbuilderInterop.AppId, (string?)reply["claims"]!["azp"]);
        Assert.Equal("https://api.botframework.com", (string?)reply["claims"]!["aud"]);
        var activity = reply["activity"]!;
        Assert.Equal("message", (string?)activity["type"]);
        Assert.Equal((string?)update["id"], (string?)activity["replyToId"]);
        Assert.Equal("gateway-bot", (string?)activity["from"]!["id"]);
        Assert.Equal(user, (string?)activity["recipient"]!["id"]);
        Assert.Equal(conversation, (string?)activity["conversation"]!["id"]);
        Assert.Contains("1. English", (string?)activity["text"], StringComparison.Ordinal);
        var actions = activity["suggestedActions"]!["actions"]!.AsArray();
        Assert.Equal("1. English", (string?)actions[0]!["title"]);
        Assert.Equal("1", (string?)actions[0]!["value"]);
        Assert.Equal("imBack", (string?)actions[0]!["type"]);
        Assert.Equal("SOS", (string?)actions[^1]!["value"]);
        Assert.Contains(
            $"/v3/conversations/19%3Agreet%40thread.v2%3Bmessageid%3D17%20x/activities/{update["id"]}",
            state["connectorRequests"]!.AsArray().Select(r => (string?)r!["rawPath"]));
    }

    [Fact]
    public async Task BurmeseMessages_AreAnsweredInBurmese_WithButtons_AndOneTokenServesAllReplies()
    {
        const string conversation = "a:burmese-conversation";
        var first = interop.Activity("message", conversation);
        first["text"] = "hello";
        first["locale"] = "my-MM";
        var second = interop.Activity("message", conversation);
        second["text"] = "MENU";
        second["locale"] = "my-MM";

        var one = await interop.SendAsync("valid", first);
        var two = await interop.SendAsync("valid", second);

        Assert.Equal((200, "accepted"), (one.Status, one.Botbuilder));
        Assert.Equal((200, "accepted"), (two.Status, two.Botbuilder));
        var state = await interop.StateAsync();
        var replies = Replies(state, conversation);
        Assert.True(replies.Count >= 2, state.ToJsonString());
        Assert.All(replies, r => Assert.Matches("[\u1000-\u109F]", (string?)r["activity"]!["text"]));
        var toSecond = replies.Where(r => (string?)r["activityId"] == (string?)second["id"]).ToList();
        Assert.NotEmpty(toSecond);
        var actions = toSecond[^1]["activity"]!["suggestedActions"]!["actions"]!.AsArray();
        Assert.True(actions.Count >= 3);
        Assert.StartsWith("1. ", (string?)actions[0]!["title"], StringComparison.Ordinal);
        Assert.Matches("[\u1000-\u109F]", (string?)actions[0]!["title"]);
        Assert.Equal("SOS", (string?)actions[^1]!["value"]);

        // The gateway asked the token endpoint once, with its client credentials, for every reply it sent.
        var tokenRequest = Assert.Single(state["tokenRequests"]!.AsArray())!;
        Assert.Equal("client_credentials", (string?)tokenRequest["grant_type"]);
        Assert.Equal(BotbuilderInterop.AppId, (string?)tokenRequest["client_id"]);
        Assert.True((bool)tokenRequest["client_secret_ok"]!);
        Assert.Equal("https://api.botframework.com/.default", (string?)tokenRequest["scope"]);
        Assert.Empty(state["refusedReplies"]!.AsArray());
        Assert.All(state["connectorRequests"]!.AsArray(), r => Assert.True((bool)r!["bearer"]!));
    }

    [Fact]
    public async Task Sos_OpensAReport_WhoseReferenceReachesTheConnector()
    {
        const string conversation = "a:sos-conversation";
        var sos = interop.Activity("message", conversation);
        sos["text"] = "SOS";
        sos["locale"] = "en-US";

        var sent = await interop.SendAsync("valid", sos);

        Assert.Equal(200, sent.Status);
        var text = string.Join("\n", Replies(await interop.StateAsync(), conversation).Select(r => (string?)r["activity"]!["text"]));
        var reference = System.Text.RegularExpressions.Regex.Match(text, "\\(([A-Z0-9-]{4,})\\)").Groups[1].Value;
        var report = await interop.Gateway.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal("chat", report.Channel);
        Assert.True(report.Urgent);
    }

    [Theory]
    [InlineData("forged", "webchat")]
    [InlineData("expired", "webchat")]
    [InlineData("wrong-serviceurl", "webchat")]
    [InlineData("wrong-audience", "webchat")]
    [InlineData("wrong-issuer", "webchat")]
    [InlineData("valid", "telegram")]
    public async Task BadTokens_AreRefusedWith401_AsBotbuilderRefusesThem(string kind, string channelId)
    {
        var conversation = $"a:refused-{kind}-{channelId}";
        var message = interop.Activity("message", conversation, channelId);
        message["text"] = "SOS";

        var sent = await interop.SendAsync(kind, message);

        Assert.StartsWith("refused", sent.Botbuilder, StringComparison.Ordinal);
        Assert.Equal(401, sent.Status);
        Assert.Empty(Replies(await interop.StateAsync(), conversation));
    }

    private static List<JsonNode> Replies(JsonNode state, string conversation) =>
        [.. state["replies"]!.AsArray().Where(r => (string?)r!["conversationId"] == conversation).Select(r => r!)];
}
