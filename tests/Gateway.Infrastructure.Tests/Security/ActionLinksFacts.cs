using Gateway.Infrastructure.Security;

namespace Gateway.Infrastructure.Tests.Security;

public class ActionLinksFacts
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 3, 0, 0, TimeSpan.Zero);
    private readonly DataKey _key = DataKey.FromBase64(Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()));

    private ActionLinks Links() => new(_key);

    [Fact]
    public void Verify_GivesBackWhatCreateBound()
    {
        var expires = Now.AddHours(24);
        var token = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", expires);

        var claim = Links().Verify(token, Now);

        Assert.NotNull(claim);
        Assert.Equal(("K7M2QXH", "ngo", "hrdf-mae-sot", expires), (claim.Reference, claim.Level, claim.TargetId, claim.Expires));
        Assert.Equal(16, claim.TokenId.Length);
    }

    [Fact]
    public void Create_IsUrlSafe_ShortEnoughForAnSms_AndDifferentEachTime()
    {
        var a = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddHours(24));
        var b = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddHours(24));

        Assert.All(new[] { a, b }, t => Assert.True(t.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'), t));
        Assert.InRange(a.Length, 40, 100);
        Assert.NotEqual(a, b);
        Assert.NotEqual(Links().Verify(a, Now)!.TokenId, Links().Verify(b, Now)!.TokenId);
    }

    [Fact]
    public void Create_CarriesNonLatinFields()
    {
        var token = Links().Create("K7M2QXH", "ระดับ-1", "องค์กร", Now.AddHours(1));
        Assert.Equal(("ระดับ-1", "องค์กร"), (Links().Verify(token, Now)!.Level, Links().Verify(token, Now)!.TargetId));
    }

    [Fact]
    public void Verify_RefusesAnExpiredLink_ButCheckTellsItIsGenuine()
    {
        var token = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddMinutes(10));

        Assert.NotNull(Links().Verify(token, Now.AddMinutes(10).AddSeconds(-1)));
        Assert.Null(Links().Verify(token, Now.AddMinutes(10)));
        Assert.Equal(ActionLinkStatus.Expired, Links().Check(token, Now.AddDays(2), out var claim));
        Assert.Equal("K7M2QXH", claim!.Reference);
    }

    [Fact]
    public void Verify_RefusesEveryChangedCharacter()
    {
        var token = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddHours(24));
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        for (var i = 0; i < token.Length; i++)
        {
            var replacement = alphabet[(alphabet.IndexOf(token[i], StringComparison.Ordinal) + 1) % alphabet.Length];
            var changed = string.Concat(token.AsSpan(0, i), replacement.ToString(), token.AsSpan(i + 1));
            // The last character's low bits can fall outside the bytes; such a change leaves the token's bytes alone.
            if (Links().Check(changed, Now, out var claim) == ActionLinkStatus.Valid)
            {
                Assert.Equal(token.Length - 1, i);
                Assert.Equal(Links().Verify(token, Now)!.TokenId, claim!.TokenId);
                continue;
            }

            Assert.Null(Links().Verify(changed, Now));
        }
    }

    [Fact]
    public void Verify_RefusesALinkMadeWithAnotherKey_OrAnExtendedExpiry()
    {
        var token = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddMinutes(10));
        Assert.Null(new ActionLinks(DataKey.Generate()).Verify(token, Now));

        // Rewrite the expiry in the payload to a year later: the tag no longer matches.
        var bytes = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - (token.Length % 4)) % 4));
        System.Buffers.Binary.BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(1, 8), Now.AddYears(1).ToUnixTimeSeconds());
        var forged = Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        Assert.Equal(ActionLinkStatus.Invalid, Links().Check(forged, Now.AddHours(1), out var claim));
        Assert.Null(claim);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("not a token!")]
    [InlineData("AQAAAABpW28A")]
    [InlineData("A")]
    public void Verify_RefusesWhatIsNotAToken(string? token) =>
        Assert.Null(Links().Verify(token, Now));

    [Fact]
    public void Verify_RefusesATruncatedOrLengthenedToken()
    {
        var token = Links().Create("K7M2QXH", "ngo", "hrdf-mae-sot", Now.AddHours(24));
        Assert.Null(Links().Verify(token[..^4], Now));
        Assert.Null(Links().Verify(token + "AAAA", Now));
        Assert.Null(Links().Verify(new string('A', 5000), Now));
    }

    [Fact]
    public void Create_RefusesEmptyOrOverlongFields()
    {
        Assert.ThrowsAny<ArgumentException>(() => Links().Create("", "ngo", "t", Now));
        Assert.ThrowsAny<ArgumentException>(() => Links().Create("K7M2QXH", "ngo", new string('x', 256), Now));
    }

    [Theory]
    [InlineData("https://gateway.example.org", "https://gateway.example.org/a/TOKEN")]
    [InlineData("https://gateway.example.org/", "https://gateway.example.org/a/TOKEN")]
    [InlineData("https://example.org/gateway/", "https://example.org/gateway/a/TOKEN")]
    public void Url_IsThePublicBaseUrlAndTheToken(string baseUrl, string url) =>
        Assert.Equal(url, ActionLinks.Url(new Uri(baseUrl), "TOKEN").AbsoluteUri);
}
