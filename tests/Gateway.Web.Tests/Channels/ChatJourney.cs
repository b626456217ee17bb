using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Gateway.Core.Localization;
using WireMock.Server;

namespace Gateway.Web.Tests.Channels;

/// <summary>
/// A person in a Web Chat conversation: Bot Framework activities posted to <c>/api/messages</c> with a channel token
/// signed by the local OpenID key set, replies read from what the gateway posted to the connector (WireMock).
/// The last reply of a menu must carry its options as buttons and the SOS button last.
/// </summary>
public sealed class ChatJourney(HttpClient client, FakeBotFramework botFramework, WireMockServer connector, string appId, string userId, string contactId) : IJourneyChannel
{
    private int _activities;
    private int _seenPosts;
    private JsonNode? _lastReply;

    public string Name => "chat";

    public Channel Renders => Channel.Chat;

    public string ContactId => contactId;

    private string ServiceUrl => connector.Url + "/";

    public Task<ChannelAnswer> StartAsync() => PostAsync("hello");

    /// <summary>A numbered button sends its number.</summary>
    public Task<ChannelAnswer> ChooseAsync(int number)
    {
        var value = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Contains(Buttons(), b => (string?)b["value"] == value);
        return PostAsync(value);
    }

    /// <summary>The SOS button: the last one of every menu, sending what it says it sends.</summary>
    public Task<ChannelAnswer> SosAsync() => PostAsync((string)Buttons()[^1]["value"]!);

    private List<JsonNode> Buttons()
    {
        var actions = _lastReply?["suggestedActions"]?["actions"]?.AsArray();
        Assert.NotNull(actions);
        return [.. actions.Select(a => a!)];
    }

    private async Task<ChannelAnswer> PostAsync(string text)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["id"] = $"journey-{++_activities}",
            ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
            ["serviceUrl"] = ServiceUrl,
            ["channelId"] = "webchat",
            ["from"] = new JsonObject { ["id"] = userId, ["name"] = "Someone" },
            ["recipient"] = new JsonObject { ["id"] = "bot-1", ["name"] = "Gateway" },
            ["conversation"] = new JsonObject { ["id"] = "journey-conversation-" + userId },
            ["text"] = text,
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/messages") { Content = new StringContent(activity.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", botFramework.Mint(appId, ServiceUrl, DateTimeOffset.UtcNow));
        using var response = await client.SendAsync(request);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"chat \"{text}\" answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");

        // Replies reach the connector before the POST is answered.
        var posts = connector.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path.StartsWith("/v3/", StringComparison.Ordinal)).ToList();
        var replies = posts.Skip(_seenPosts).Select(r => JsonNode.Parse(r.Body!)!).ToList();
        _seenPosts = posts.Count;
        Assert.NotEmpty(replies);
        Assert.All(replies, r => Assert.Equal($"journey-{_activities}", (string?)r["replyToId"]));
        _lastReply = replies[^1];
        var texts = replies.Select(r => new ChannelText((string)r["text"]!)).ToList();
        if (_lastReply["suggestedActions"]?["actions"]?.AsArray() is { } buttons)
        {
            Assert.Equal("SOS", (string?)buttons[^1]!["value"]);
            texts.AddRange(buttons.Select(b => new ChannelText((string)b!["title"]!)));
        }

        return new ChannelAnswer(texts);
    }
}
