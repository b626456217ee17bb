using System.Text.RegularExpressions;
using Gateway.Core.Accounts;

namespace Gateway.Core.Tests.Accounts;

public class ApiKeysFacts
{
    [Fact]
    public void New_MakesAKeyOfTheDocumentedForm_WhoseSecretHashesToTheStoredHash()
    {
        var key = ApiKeys.New();

        Assert.Matches(new Regex("^gw_[a-z2-7]{8}_[a-z2-7]{32}$"), key.Key);
        Assert.Equal(ApiKeys.Length, key.Key.Length);
        Assert.True(ApiKeys.TryParse(key.Key, out var parsed));
        Assert.Equal(key.KeyId, parsed.KeyId);
        Assert.Equal(key.Key[12..], parsed.Secret);
        Assert.True(ApiKeys.Verify(parsed, key.Hash));
        Assert.DoesNotContain(parsed.Secret, key.Hash, StringComparison.Ordinal);
    }

    [Fact]
    public void New_GivesDifferentIdsAndSecretsEveryTime()
    {
        var keys = Enumerable.Range(0, 1000).Select(_ => ApiKeys.New()).ToList();

        Assert.Equal(1000, keys.Select(k => k.KeyId).Distinct().Count());
        Assert.Equal(1000, keys.Select(k => k.Key[12..]).Distinct().Count());
    }

    [Fact]
    public void Hash_IsTheSha256OfTheSecret_InBase64()
    {
        // SHA-256 of the ASCII text "abc" (FIPS 180-2 test vector).
        Assert.Equal(Convert.ToBase64String(Convert.FromHexString("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")), ApiKeys.Hash("abc"));
    }

    [Fact]
    public void Verify_RefusesAnotherSecret_EvenOneCharacterOff()
    {
        var key = ApiKeys.New();
        Assert.True(ApiKeys.TryParse(key.Key, out var parsed));
        var last = parsed.Secret[^1];
        var changed = parsed with { Secret = parsed.Secret[..^1] + (last == 'a' ? 'b' : 'a') };

        Assert.False(ApiKeys.Verify(changed, key.Hash));
        Assert.False(ApiKeys.Verify(parsed, ApiKeys.New().Hash));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("gw_")]
    [InlineData("gw_abcdefgh_")]
    [InlineData("gw_abcdefgh_abcdefghijklmnopqrstuvwxyz23456")]
    [InlineData("gw_abcdefgh_abcdefghijklmnopqrstuvwxyz2345678")]
    [InlineData("gw_ABCDEFGH_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("gw_abcdefg1_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("xx_abcdefgh_abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("gw_abcdefgh-abcdefghijklmnopqrstuvwxyz234567")]
    [InlineData("gw_abcdefgh_abcdefghijklmnopqrstuvwxyz23456_")]
    [InlineData("Bearer gw_abcdefgh_abcdefghijklmnopqrstuvwxyz234567")]
    public void TryParse_Refuses_WhatIsNotAKey(string? text) =>
        Assert.False(ApiKeys.TryParse(text, out _));

    [Fact]
    public void TryParse_Accepts_AKeyWithSurroundingSpaces()
    {
        Assert.True(ApiKeys.TryParse("  gw_abcdefgh_abcdefghijklmnopqrstuvwxyz234567\n", out var key));
        Assert.Equal(new ParsedApiKey("abcdefgh", "abcdefghijklmnopqrstuvwxyz234567"), key);
    }

    [Fact]
    public void ToString_NeverShowsTheSecret()
    {
        var key = ApiKeys.New();
        Assert.True(ApiKeys.TryParse(key.Key, out var parsed));

        Assert.DoesNotContain(parsed.Secret, key.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(parsed.Secret, parsed.ToString(), StringComparison.Ordinal);
        Assert.Contains(key.KeyId, key.ToString(), StringComparison.Ordinal);
    }
}
