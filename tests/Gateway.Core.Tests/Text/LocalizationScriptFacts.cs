using Gateway.Core.Localization;
using Gateway.Core.Text;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Text;

/// <summary>The detector and the normaliser on the texts the gateway really sends, from localization/.</summary>
public class LocalizationScriptFacts(ITestOutputHelper output)
{
    // Zawgyi has no Shan, Mon or Karen letters (U+105A-U+109F): texts written with them, such as the names တႆး
    // (Shan) and ဖၠုံ (Pwo Karen) in the language menu, cannot travel in Zawgyi and are left out here.
    private static IEnumerable<TextEntry> MyanmarScriptTexts() =>
        Repository.ShippedBundle.Texts.Languages
            .Where(l => l.Script == "Mymr")
            .SelectMany(l => l.Texts.Values)
            .Where(t => !t.Key.EndsWith("_zawgyi", StringComparison.Ordinal)
                && !t.Text.Any(c => c is >= '\u105A' and <= '\u109F')
                && !double.IsNegativeInfinity(ZawgyiDetector.ZawgyiProbability(t.Text)));

    [Fact]
    public void ShippedMyanmarScriptTexts_AreReadAsUnicode_AndTheirZawgyiFormAsZawgyi()
    {
        var texts = MyanmarScriptTexts().ToList();
        Assert.True(texts.Count >= 30, $"only {texts.Count} Myanmar-script texts were found in localization/");

        var unicodeWrong = texts.Where(t => ZawgyiDetector.ZawgyiProbability(t.Text) >= 0.5).Select(t => t.Key).ToList();
        var zawgyi = texts.Select(t => (t.Key, Text: IcuTransliterator.ToZawgyi(t.Text))).Where(t => t.Text != texts.First(x => x.Key == t.Key).Text).ToList();
        var zawgyiWrong = zawgyi.Where(t => ZawgyiDetector.ZawgyiProbability(t.Text) <= 0.5).Select(t => t.Key).ToList();
        output.WriteLine($"{texts.Count} texts: {texts.Count - unicodeWrong.Count} read as Unicode; {zawgyi.Count} differ in Zawgyi, {zawgyi.Count - zawgyiWrong.Count} of them read as Zawgyi");

        Assert.Empty(unicodeWrong);
        // Short labels can be valid in both encodings; the long texts must not be.
        Assert.True(zawgyiWrong.Count <= zawgyi.Count / 10, $"read as Unicode although converted to Zawgyi: {string.Join(", ", zawgyiWrong)}");
    }

    [Fact]
    public void ShippedMyanmarScriptTexts_SurviveNormalisationUnchanged()
    {
        foreach (var text in MyanmarScriptTexts())
        {
            var normalized = InboundNormalizer.Normalize(text.Text);
            Assert.Equal(string.Join(' ', text.Text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)), normalized.Text);
        }
    }

    [Fact]
    public void ShippedMyanmarScriptTexts_ComeBackFromZawgyi()
    {
        foreach (var text in MyanmarScriptTexts())
        {
            var back = IcuTransliterator.ToUnicode(IcuTransliterator.ToZawgyi(text.Text));
            Assert.Equal(text.Text.Normalize(System.Text.NormalizationForm.FormC), back.Normalize(System.Text.NormalizationForm.FormC));
        }
    }
}
