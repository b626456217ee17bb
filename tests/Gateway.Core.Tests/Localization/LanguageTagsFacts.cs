using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public sealed class LanguageTagsFacts
{
    [Theory]
    [InlineData("my-MM", "my")]
    [InlineData("km-KH", "km")]
    [InlineData("lo-LA", "lo")]
    [InlineData("vi-VN", "vi")]
    [InlineData("th-TH", "th")]
    [InlineData("en-US", "en")]
    [InlineData("en-GB", "en")]
    [InlineData("en", "en")]
    [InlineData("EN-us", "en")]
    [InlineData("shn", "shn")]
    [InlineData("shn-MM", "shn")]
    [InlineData("pwo", "pwo")]
    [InlineData("ksw-MM", "ksw")]
    [InlineData("km_KH", "km")]
    [InlineData("mya", "my")]
    [InlineData("tha-TH", "th")]
    [InlineData("my-Mymr-MM", "my")]
    public void FromLocale_GivesTheLanguageCode(string locale, string expected)
    {
        Assert.Equal(expected, LanguageTags.FromLocale(locale));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    [InlineData("fr-FR")]
    [InlineData("zh-Hans-CN")]
    [InlineData("-")]
    public void FromLocale_GivesNull_ForALanguageTheGatewayDoesNotSpeak(string? locale)
    {
        Assert.Null(LanguageTags.FromLocale(locale));
    }
}
