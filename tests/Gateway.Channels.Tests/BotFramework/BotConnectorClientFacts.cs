using System.Text.Json;
using Gateway.Channels.BotFramework;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Channels.Tests.BotFramework;

public sealed class BotConnectorClientFacts : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly PathRecorder _recorder = new();
    private readonly HttpClient _http;

    public BotConnectorClientFacts()
    {
        _http = new HttpClient(_recorder);
    }

    [Fact]
    public void EncodeSegment_MatchesThePublishedVector()
    {
        Assert.Equal("19%3Aabc%40thread.v2%3Bmessageid%3D17%20x", BotConnectorClient.EncodeSegment("19:abc@thread.v2;messageid=17 x"));
    }

    [Theory]
    [InlineData("https://smba.example/apac/", "https://smba.example/apac/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D17%20x/activities/a%2F1")]
    [InlineData("https://smba.example/apac", "https://smba.example/apac/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D17%20x/activities/a%2F1")]
    public void ReplyUri_EncodesTheIdsAsWholeSegments(string serviceUrl, string expected)
    {
        Assert.Equal(expected, BotConnectorClient.ReplyUri(serviceUrl, "19:abc@thread.v2;messageid=17 x", "a/1").AbsoluteUri);
    }

    [Fact]
    public async Task Reply_PostsTheActivityWithTheBearerToken()
    {
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"reply-1"}"""));
        var inbound = Inbound(_server.Url + "/");
        var reply = inbound.CreateReply("မင်္ဂလာပါ");
        reply.SuggestedActions = new SuggestedActions { Actions = [new CardAction { Title = "1. English", Value = "1" }] };

        var result = await new BotConnectorClient(_http).ReplyAsync(reply, inbound.Id, "the-token", CancellationToken.None);

        Assert.Equal(BotSendOutcome.Sent, result.Outcome);
        Assert.Equal("reply-1", result.Id);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        // On the wire the ids are percent-encoded; the connector decodes them back to the conversation's id.
        Assert.Equal("/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D17%20x/activities/act-7", Assert.Single(_recorder.Paths));
        Assert.Equal("/v3/conversations/19:abc@thread.v2;messageid=17 x/activities/act-7", request.Path);
        Assert.Equal("Bearer the-token", request.Headers!["Authorization"].Single());
        using var body = JsonDocument.Parse(request.Body!);
        var root = body.RootElement;
        Assert.Equal("message", root.GetProperty("type").GetString());
        Assert.Equal("မင်္ဂလာပါ", root.GetProperty("text").GetString());
        Assert.Equal("act-7", root.GetProperty("replyToId").GetString());
        Assert.Equal("bot-1", root.GetProperty("from").GetProperty("id").GetString());
        Assert.Equal("user-1", root.GetProperty("recipient").GetProperty("id").GetString());
        Assert.Equal("19:abc@thread.v2;messageid=17 x", root.GetProperty("conversation").GetProperty("id").GetString());
        Assert.Equal("my-MM", root.GetProperty("locale").GetString());
        var action = root.GetProperty("suggestedActions").GetProperty("actions")[0];
        Assert.Equal("imBack", action.GetProperty("type").GetString());
        Assert.Equal("1. English", action.GetProperty("title").GetString());
        Assert.Equal("1", action.GetProperty("value").GetString());
        Assert.False(root.TryGetProperty("attachments", out _));
    }

    [Theory]
    [InlineData(429, BotSendOutcome.Retry)]
    [InlineData(500, BotSendOutcome.Retry)]
    [InlineData(503, BotSendOutcome.Retry)]
    [InlineData(401, BotSendOutcome.Unauthorized)]
    [InlineData(403, BotSendOutcome.Unauthorized)]
    [InlineData(400, BotSendOutcome.Rejected)]
    [InlineData(404, BotSendOutcome.Rejected)]
    public async Task Reply_SaysWhetherToTryAgain(int status, BotSendOutcome expected)
    {
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Retry-After", "3"));
        var inbound = Inbound(_server.Url + "/");

        var result = await new BotConnectorClient(_http).ReplyAsync(inbound.CreateReply("hi"), inbound.Id, "t", CancellationToken.None);

        Assert.Equal(expected, result.Outcome);
        Assert.Equal(status, result.Status);
        Assert.Equal(TimeSpan.FromSeconds(3), result.RetryAfter);
    }

    [Fact]
    public async Task Reply_IsRetried_WhenTheConnectorCannotBeReached()
    {
        var inbound = Inbound("http://127.0.0.1:1/");

        var result = await new BotConnectorClient(_http).ReplyAsync(inbound.CreateReply("hi"), inbound.Id, "t", CancellationToken.None);

        Assert.Equal(BotSendOutcome.Retry, result.Outcome);
        Assert.Equal(0, result.Status);
    }

    public void Dispose()
    {
        _http.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private sealed class PathRecorder() : DelegatingHandler(new HttpClientHandler())
    {
        public List<string> Paths { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            // What HttpClient writes on the request line.
            Paths.Add(request.RequestUri!.PathAndQuery);
            return base.SendAsync(request, cancellationToken);
        }
    }

    private static Activity Inbound(string serviceUrl) => new()
    {
        Type = ActivityTypes.Message,
        Id = "act-7",
        ServiceUrl = serviceUrl,
        ChannelId = "msteams",
        From = new ChannelAccount { Id = "user-1", Name = "A" },
        Recipient = new ChannelAccount { Id = "bot-1", Name = "Gateway" },
        Conversation = new ConversationAccount { Id = "19:abc@thread.v2;messageid=17 x" },
        Locale = "my-MM",
        Text = "hello",
    };
}
