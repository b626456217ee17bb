using Gateway.Channels.BotFramework;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Channels.Tests.BotFramework;

public sealed class BotTokenClientFacts : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly BotTokenClient _client;
    private int _issued;

    public BotTokenClientFacts()
    {
        _client = new BotTokenClient(_http, new BotAppCredentials("app-id", "app secret&=", new Uri(_server.Url + "/botframework.com/oauth2/v2.0/token"), BotAppCredentials.DefaultScope), _clock);
    }

    [Fact]
    public async Task GetToken_PostsTheClientCredentialsGrant()
    {
        IssueTokens(expiresIn: "3599");

        var token = await _client.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", token);
        var request = Assert.Single(_server.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        var form = request.Body!.Split('&').Select(p => p.Split('=')).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1].Replace('+', ' ')));
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal("app-id", form["client_id"]);
        Assert.Equal("app secret&=", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task GetToken_AsksOnce_ForManyReplies()
    {
        IssueTokens(expiresIn: "3599");

        var tokens = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            tokens.Add(await _client.GetTokenAsync(CancellationToken.None));
            _clock.Advance(TimeSpan.FromMinutes(5));
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _client.GetTokenAsync(CancellationToken.None)));

        Assert.All(tokens, t => Assert.Equal("token-1", t));
        Assert.Equal(1, _client.Requests);
        Assert.Single(_server.LogEntries);
    }

    [Fact]
    public async Task GetToken_AsksAgain_ShortlyBeforeTheTokenExpires()
    {
        IssueTokens(expiresIn: "3600");
        var first = await _client.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromMinutes(54));
        var stillFirst = await _client.GetTokenAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromMinutes(2));
        var second = await _client.GetTokenAsync(CancellationToken.None);

        Assert.Equal("token-1", first);
        Assert.Equal("token-1", stillFirst);
        Assert.Equal("token-2", second);
        Assert.Equal(2, _client.Requests);
    }

    [Fact]
    public async Task GetToken_UsesAShortLivedTokenForHalfItsLife()
    {
        IssueTokens(expiresIn: "120");
        await _client.GetTokenAsync(CancellationToken.None);

        _clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal("token-1", await _client.GetTokenAsync(CancellationToken.None));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal("token-2", await _client.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Invalidate_MakesTheNextCallAskForANewToken()
    {
        IssueTokens(expiresIn: "3600");
        var first = await _client.GetTokenAsync(CancellationToken.None);

        _client.Invalidate(first);

        Assert.Equal("token-2", await _client.GetTokenAsync(CancellationToken.None));
    }

    [Fact]
    public async Task GetToken_Throws_WithTheOAuthErrorCode_WhenTheCredentialsAreRefused()
    {
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithStatusCode(401)
            .WithBody("""{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided for app-id."}"""));

        var error = await Assert.ThrowsAsync<BotTokenException>(() => _client.GetTokenAsync(CancellationToken.None));

        Assert.Equal(401, error.Status);
        Assert.Contains("invalid_client", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("AADSTS", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        _client.Dispose();
        _http.Dispose();
        _server.Stop();
        _server.Dispose();
    }

    private void IssueTokens(string expiresIn)
    {
        // Each request gets the next token; expires_in as Azure AD v1 wrote it (a string) or v2 (a number).
        _server.Given(Request.Create().UsingPost()).RespondWith(Response.Create().WithCallback(_ =>
        {
            var n = Interlocked.Increment(ref _issued);
            var lifetime = n % 2 == 0 ? expiresIn : $"\"{expiresIn}\"";
            return new WireMock.ResponseMessage
            {
                StatusCode = 200,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = $$"""{"token_type":"Bearer","expires_in":{{lifetime}},"ext_expires_in":{{lifetime}},"access_token":"token-{{n}}"}""",
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            };
        }));
    }
}
