using Gateway.Core.Text;

namespace Gateway.Core.Tests.Text;

public class InboundNormalizerFacts
{
    private const string KayPaUnicode = "\u1000\u101A\u103A\u1015\u102B"; // ကယ်ပါ "help"
    private const string KayPaZawgyi = "\u1000\u101A\u1039\u1015\u102B";  // ကယ္ပါ, the same word typed in Zawgyi

    [Theory]
    [InlineData("၁", "1")]
    [InlineData("၂၀", "20")]
    [InlineData("GO ၃၀", "GO 30")]
    [InlineData("႑", "1")]        // Shan digit one
    [InlineData("១", "1")]        // Khmer
    [InlineData("๑", "1")]        // Thai
    [InlineData("໑", "1")]        // Lao
    [InlineData("٣", "3")]        // Arabic-Indic
    [InlineData("१२", "12")]      // Devanagari
    [InlineData("၁၀၊၂၀", "10၊20")] // Myanmar comma separates tokens
    [InlineData("ABC๑๒", "ABC12")] // digits of other scripts are mapped inside words too
    public void Normalize_WritesDigitsInAscii_WhenTokenIsDigits(string raw, string expected) =>
        Assert.Equal(expected, InboundNormalizer.Normalize(raw).Text);

    [Theory]
    [InlineData("\u1031\u1040\u1038")]       // ေ၀း: Zawgyi with zero typed for WA
    [InlineData("\u1047\u1031\u1038")]       // ၇ေး: seven typed for RA
    [InlineData("\u1000\u1041")]             // a letter followed by a digit
    public void Normalize_KeepsMyanmarDigits_WhenTheyAreInsideAWord(string raw) =>
        Assert.Equal(raw, InboundNormalizer.Normalize(raw).Text);

    [Theory]
    [InlineData("\u1000\u101A\u103A\u200B\u1015\u102B")]
    [InlineData("\u1000\u101A\u103A\u200C\u1015\u102B")]
    [InlineData("\u1000\u101A\u103A\u200D\u1015\u102B")]
    [InlineData("\u1000\u101A\u103A\u2060\u1015\u102B")]
    [InlineData("\uFEFF\u1000\u101A\u103A\u1015\u102B")]
    public void Normalize_DropsZeroWidthCharacters_WhenTheyAreAnywhere(string raw) =>
        Assert.Equal(KayPaUnicode, InboundNormalizer.Normalize(raw).Text);

    [Theory]
    [InlineData("  help \t me \n", "help me")]
    [InlineData("\u00A0ကယ်ပါ\u3000 ကယ်ပါ\u2028", "ကယ်ပါ ကယ်ပါ")]
    [InlineData("", "")]
    [InlineData(" \u200B ", "")]
    public void Normalize_CollapsesAndTrimsWhitespace(string raw, string expected) =>
        Assert.Equal(expected, InboundNormalizer.Normalize(raw).Text);

    [Fact]
    public void Normalize_ComposesToNfc_WhenVietnameseIsDecomposed() =>
        Assert.Equal("Vi\u1EC7t", InboundNormalizer.Normalize("Vie\u0323\u0302t").Text);

    [Fact]
    public void Normalize_ReturnsTheSameString_WhenAsciiNeedsNoChange()
    {
        const string raw = "STOP 12";

        var normalized = InboundNormalizer.Normalize(raw);

        Assert.Same(raw, normalized.Text);
        Assert.Null(normalized.ZawgyiConverted);
        Assert.Equal(double.NegativeInfinity, normalized.ZawgyiProbability);
        Assert.Equal([raw], normalized.Candidates);
    }

    [Fact]
    public void Normalize_OffersTheUnicodeWord_WhenKayPaIsTypedInZawgyi()
    {
        var typed = IcuTransliterator.ToZawgyi(KayPaUnicode);
        Assert.Equal(KayPaZawgyi, typed);

        var normalized = InboundNormalizer.Normalize(" " + typed + " ");

        Assert.Equal(KayPaZawgyi, normalized.Text);
        Assert.Contains(KayPaUnicode, normalized.Candidates);
        Assert.Contains(KayPaZawgyi, normalized.Candidates);
        Assert.Equal(KayPaUnicode, normalized.Candidates[0]);
    }

    [Fact]
    public void Normalize_ConvertsZawgyi_WhenDetectorIsSure()
    {
        var unicode = "ကျွန်တော့်ကို ကူညီပေးပါ အလုပ်ရှင်က လစာ မပေးဘူး";
        var zawgyi = IcuTransliterator.ToZawgyi(unicode);

        var normalized = InboundNormalizer.Normalize(zawgyi);

        Assert.True(normalized.ZawgyiProbability >= ZawgyiDetector.ZawgyiThreshold, $"{normalized.ZawgyiProbability}");
        Assert.Equal(unicode, normalized.ZawgyiConverted);
        Assert.Equal(unicode, normalized.Best);
        Assert.Equal([unicode, normalized.Text], normalized.Candidates);
    }

    [Fact]
    public void Normalize_KeepsUnicodeFirst_WhenTextIsUnicode()
    {
        var normalized = InboundNormalizer.Normalize(KayPaUnicode);

        Assert.Null(normalized.ZawgyiConverted);
        Assert.True(normalized.ZawgyiProbability < ZawgyiDetector.UnicodeThreshold);
        Assert.Equal(KayPaUnicode, normalized.Candidates[0]);
        Assert.Equal(KayPaUnicode, normalized.Best);
    }

    [Fact]
    public void Normalize_OffersOnlyTheText_WhenIcuIsMissing()
    {
        using var missing = IcuLibrary.Load(["libicui18n-not-installed.so.1"]);

        var normalized = InboundNormalizer.Normalize(" " + KayPaZawgyi + "\u200B", missing);

        Assert.Equal(KayPaZawgyi, normalized.Text);
        Assert.Null(normalized.ZawgyiConverted);
        Assert.Equal([KayPaZawgyi], normalized.Candidates);
    }

    [Fact]
    public void Normalize_DoesNotThrow_WhenTextHasALoneSurrogate()
    {
        var normalized = InboundNormalizer.Normalize("a\uD800 b");

        Assert.Equal("a\uD800 b", normalized.Text);
    }

    [Fact]
    public void Normalize_HandlesLongText_WhenItIsLongerThanTheStackBuffer()
    {
        var raw = string.Concat(Enumerable.Repeat("ကယ်ပါ  ၁၂ ", 100));

        var normalized = InboundNormalizer.Normalize(raw);

        Assert.Equal(string.Join(' ', Enumerable.Repeat("ကယ်ပါ 12", 100)), normalized.Text);
    }
}
