using Gateway.Core.Flows;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class TextCatalogFacts
{
    private static readonly SourceLocation At = new("localization/test.yaml", 1, 1);

    private static readonly TextCatalog Catalog = new(
    [
        Language("en", [], ("wage", "Ask a hotline."), ("wage@TH", "Call 1506."), ("back", "Back")),
        Language("my", ["en"], ("wage", "ဖုန်းလိုင်းကို မေးပါ။")),
        Language("shn", ["my", "en"]),
        Language("lo", ["th", "en"]),
        Language("th", ["en"], ("back", "ย้อนกลับ")),
    ]);

    [Fact]
    public void Resolve_SaysTheCountryVariant_ToAPersonInThatCountry()
    {
        Assert.Equal("Call 1506.", Catalog.Resolve("wage", "en", Channel.Sms, "TH").Text);
        Assert.Equal("Ask a hotline.", Catalog.Resolve("wage", "en", Channel.Sms, "KH").Text);
        Assert.Equal("Ask a hotline.", Catalog.Resolve("wage", "en", Channel.Sms, country: null).Text);
    }

    [Fact]
    public void Resolve_PrefersThePersonsOwnLanguage_OverAVariantInAnotherLanguage()
    {
        var resolved = Catalog.Resolve("wage", "my", Channel.Sms, "TH");

        Assert.Equal("ဖုန်းလိုင်းကို မေးပါ။", resolved.Text);
        Assert.False(resolved.IsFallback);
    }

    [Fact]
    public void Resolve_BorrowsAlongTheChain_AndSaysFromWhichLanguage()
    {
        var shan = Catalog.Resolve("wage", "shn", Channel.Sms, "TH");
        var lao = Catalog.Resolve("back", "lo", Channel.Sms, "LA");

        Assert.Equal(("my", true), (shan.Language, shan.IsFallback));
        Assert.Equal(("ย้อนกลับ", "th"), (lao.Text, lao.Language));
        Assert.Equal("wage", shan.Entry!.Key);
    }

    [Fact]
    public void Resolve_FindsTheVariantInAFallbackLanguage_WhenNoLanguageOfTheChainHasThePlainText()
    {
        var catalog = new TextCatalog([Language("en", [], ("only@KH", "Cambodia only.")), Language("km", ["en"])]);

        Assert.Equal("Cambodia only.", catalog.Resolve("only", "km", Channel.Sms, "KH").Text);
        Assert.True(catalog.Resolve("only", "km", Channel.Sms, "TH").IsMissing);
    }

    [Theory]
    [InlineData("work.wage@TH", "work.wage", "TH")]
    [InlineData("work.wage", "work.wage", null)]
    [InlineData("work.wage@", "work.wage@", null)]
    public void SplitCountry_SeparatesTheKeyFromItsCountry(string key, string plain, string? country) =>
        Assert.Equal((plain, country), TextCatalog.SplitCountry(key));

    private static LanguageCatalog Language(string code, string[] fallback, params (string Key, string Text)[] texts) => new()
    {
        Code = code,
        Name = code,
        Fallback = fallback,
        Texts = texts.ToDictionary(t => t.Key, t => new TextEntry { Key = t.Key, Text = t.Text, Location = At }, StringComparer.Ordinal),
        Location = At,
    };
}
