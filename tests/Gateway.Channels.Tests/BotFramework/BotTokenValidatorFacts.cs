using Gateway.Channels.BotFramework;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Channels.Tests.BotFramework;

public sealed class BotTokenValidatorFacts : IDisposable
{
    private const string AppId = "5f1e0c1a-app";
    private const string ServiceUrl = "https://smba.trafficmanager.net/apac/";

    private readonly FakeBotFramework _botFramework = new();
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly HttpClient _http = new();
    private readonly BotOpenIdKeys _keys;
    private readonly BotTokenValidator _validator;

    public BotTokenValidatorFacts()
    {
        _keys = new BotOpenIdKeys(_http, new Uri(_botFramework.MetadataUrl), _clock);
        _validator = new BotTokenValidator(_keys, AppId, FakeBotFramework.Issuer, _clock);
    }

    [Theory]
    [InlineData(SecurityAlgorithms.RsaSha256)]
    [InlineData(SecurityAlgorithms.RsaSha384)]
    [InlineData(SecurityAlgorithms.RsaSha512)]
    public async Task Validate_Accepts_ATokenFromTheBotFramework(string algorithm)
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), algorithm: algorithm);

        var result = await ValidateAsync(token);

        Assert.True(result.IsValid, result.Problem);
    }

    [Fact]
    public async Task Validate_Refuses_WhenTheIssuerIsNotTheBotFramework()
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), issuer: "https://sts.windows.net/someone-else/");

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Contains("not issued by the Bot Framework", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Refuses_WhenTheTokenIsForAnotherBot()
    {
        var token = _botFramework.Mint("another-bot", ServiceUrl, _clock.GetUtcNow());

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Contains("audience", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Refuses_WhenExpiredMoreThanFiveMinutesAgo()
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), expiresIn: TimeSpan.FromMinutes(-6));

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Equal("The token has expired.", result.Problem);
    }

    [Fact]
    public async Task Validate_Accepts_WhenExpiredWithinTheFiveMinuteSkew()
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), expiresIn: TimeSpan.FromMinutes(-4));

        var result = await ValidateAsync(token);

        Assert.True(result.IsValid, result.Problem);
    }

    [Fact]
    public async Task Validate_Refuses_WhenNotValidForMoreThanFiveMinutesYet()
    {
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow().AddMinutes(11));

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Equal("The token is not valid yet.", result.Problem);
    }

    [Fact]
    public async Task Validate_Refuses_WhenTheServiceUrlClaimIsNotTheActivitys()
    {
        var token = _botFramework.Mint(AppId, "https://attacker.example/", _clock.GetUtcNow());

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Contains("serviceurl", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Refuses_WhenTheKeysEndorsementsLackTheChannel()
    {
        var endorsed = FakeBotFramework.NewKey("teams-key", "msteams", "skype");
        _botFramework.Publish(_botFramework.Key, endorsed);
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), key: endorsed);

        var refused = await _validator.ValidateAsync("Bearer " + token, "webchat", ServiceUrl, CancellationToken.None);
        var accepted = await _validator.ValidateAsync("Bearer " + token, "msteams", ServiceUrl, CancellationToken.None);

        Assert.False(refused.IsValid);
        Assert.Contains("endorse", refused.Problem, StringComparison.Ordinal);
        Assert.True(accepted.IsValid, accepted.Problem);
    }

    [Fact]
    public async Task Validate_Refuses_ATokenSignedWithAnotherKeyUnderAPublishedKeyId()
    {
        using var forger = System.Security.Cryptography.RSA.Create(2048);
        var token = _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), key: new FakeBotFramework.SigningKey(_botFramework.Key.KeyId, forger, []));

        var result = await ValidateAsync(token);

        Assert.False(result.IsValid);
        Assert.Contains("signature", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_ReadsTheKeysAgain_WhenATokenNamesAnUnknownKey()
    {
        Assert.True((await ValidateAsync(_botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow()))).IsValid);
        Assert.Equal(1, _botFramework.KeyFetches);
        var rolled = FakeBotFramework.NewKey("key-2");
        _botFramework.Publish(_botFramework.Key, rolled);
        _clock.Advance(TimeSpan.FromMinutes(6));

        var result = await ValidateAsync(_botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), key: rolled));

        Assert.True(result.IsValid, result.Problem);
        Assert.Equal(2, _botFramework.KeyFetches);
    }

    [Fact]
    public async Task Validate_ReadsTheKeysAtMostOncePerFiveMinutes_ForUnknownKeys()
    {
        var unknown = FakeBotFramework.NewKey("made-up");

        var first = await ValidateAsync(_botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), key: unknown));
        _clock.Advance(TimeSpan.FromMinutes(1));
        var second = await ValidateAsync(_botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow(), key: unknown));

        Assert.False(first.IsValid);
        Assert.False(second.IsValid);
        Assert.Equal(1, _botFramework.KeyFetches);
    }

    [Fact]
    public async Task Validate_Refuses_AnUnsignedToken()
    {
        var result = await ValidateAsync(FakeBotFramework.MintUnsigned(AppId, ServiceUrl, _clock.GetUtcNow(), _botFramework.Key.KeyId));

        Assert.False(result.IsValid);
        Assert.Contains("'none'", result.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Refuses_AnHmacSignedToken()
    {
        var result = await ValidateAsync(FakeBotFramework.MintHmac(AppId, ServiceUrl, _clock.GetUtcNow(), _botFramework.Key.KeyId));

        Assert.False(result.IsValid);
        Assert.Contains("'HS256'", result.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Basic dXNlcjpwYXNz")]
    [InlineData("Bearer not-a-jwt")]
    public async Task Validate_Refuses_WithoutABearerJwt(string? authorization)
    {
        var result = await _validator.ValidateAsync(authorization, "webchat", ServiceUrl, CancellationToken.None);

        Assert.False(result.IsValid);
        Assert.Equal(0, _botFramework.KeyFetches);
    }

    [Fact]
    public async Task Validate_Throws_WhenTheKeysCannotBeRead()
    {
        using var keys = new BotOpenIdKeys(_http, new Uri(_botFramework.Server.Url + "/missing"), _clock);
        var validator = new BotTokenValidator(keys, AppId, FakeBotFramework.Issuer, _clock);

        await Assert.ThrowsAsync<BotMetadataException>(() =>
            validator.ValidateAsync("Bearer " + _botFramework.Mint(AppId, ServiceUrl, _clock.GetUtcNow()), "webchat", ServiceUrl, CancellationToken.None));
    }

    public void Dispose()
    {
        _keys.Dispose();
        _http.Dispose();
        _botFramework.Dispose();
    }

    private Task<BotAuthResult> ValidateAsync(string token) =>
        _validator.ValidateAsync("Bearer " + token, "webchat", ServiceUrl, CancellationToken.None);
}
