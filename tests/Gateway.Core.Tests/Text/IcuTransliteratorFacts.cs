using System.Text;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Text;

public class IcuTransliteratorFacts
{
    private const string KayPaUnicode = "\u1000\u101A\u103A\u1015\u102B"; // ကယ်ပါ "help"
    private const string KayPaZawgyi = "\u1000\u101A\u1039\u1015\u102B";  // ကယ္ပါ

    [Fact]
    public void IsAvailable_ReturnsTrueWithoutReason_WhenIcuIsInstalled()
    {
        Assert.True(IcuTransliterator.IsAvailable(out var reason), reason);
        Assert.Null(reason);
        Assert.True(IcuLibrary.Default.Version is null or >= IcuLibrary.MinVersion);
    }

    [Fact]
    public void ToUnicode_MatchesUnicodeUdhr_OnAllButAtMostOneLine()
    {
        var lines = MyanmarToolsData.Udhr();

        var differing = lines
            .Where(l => !string.Equals(
                IcuTransliterator.ToUnicode(l.Zawgyi).Normalize(NormalizationForm.FormC),
                l.Unicode.Normalize(NormalizationForm.FormC),
                StringComparison.Ordinal))
            .ToList();

        Assert.True(differing.Count <= 1, $"{differing.Count}/{lines.Count} lines differ:\n{string.Join('\n', differing.Select(d => d.Unicode))}");
    }

    [Fact]
    public void ToZawgyiThenToUnicode_GivesBackUnicodeUdhr_OnAlmostEveryLine()
    {
        var lines = MyanmarToolsData.Udhr();

        var differing = lines.Count(l => !string.Equals(
            IcuTransliterator.ToUnicode(IcuTransliterator.ToZawgyi(l.Unicode)).Normalize(NormalizationForm.FormC),
            l.Unicode.Normalize(NormalizationForm.FormC),
            StringComparison.Ordinal));

        Assert.True(differing <= lines.Count / 50, $"{differing}/{lines.Count} lines do not survive the round trip");
    }

    [Fact]
    public void ToZawgyi_WritesAsatAsVirama_WhenWordIsKayPa() => Assert.Equal(KayPaZawgyi, IcuTransliterator.ToZawgyi(KayPaUnicode));

    [Fact]
    public void ToUnicode_GivesKayPa_WhenZawgyiKayPaIsTyped() => Assert.Equal(KayPaUnicode, IcuTransliterator.ToUnicode(KayPaZawgyi));

    [Fact]
    public void ToUnicode_ReordersVowelSignE_WhenTypedBeforeConsonant() =>
        Assert.Equal("\u101B\u1031\u1038", IcuTransliterator.ToUnicode("\u1031\u101B\u1038")); // ေရး → ရေး

    [Theory]
    [InlineData("\u1021\u1015\u102D\u102F\u1012\u1039 \u1044", "\u1021\u1015\u102D\u102F\u1012\u103A \u1044")] // အပိုဒ္ ၄ → အပိုဒ် ၄
    [InlineData("\u1044", "\u1044")]
    [InlineData("GO \u1044\u1040", "GO \u1044\u1040")]
    [InlineData("\u1044\u1004\u1039\u1038", "\u104E\u1004\u103A\u1038")] // ၄င္း typed for ၎င်း is still converted
    [InlineData("\u1031\u1040\u1038 \u1041\u1042", "\u101D\u1031\u1038 \u1041\u1042")]    // ေ၀း ၁၂: zero typed for WA inside a word
    public void ToUnicode_KeepsANumber_WhenMyanmarDigitsStandAlone(string zawgyi, string unicode) =>
        Assert.Equal(unicode, IcuTransliterator.ToUnicode(zawgyi));

    [Theory]
    [InlineData("\u1031\u1040\u1038")]       // ေ၀း
    [InlineData("\u1031\u1040\u1040\u1038")] // ေ၀၀း
    [InlineData("\u1000\u1041\u1042")]       // က၁၂
    public void ToUnicode_LeavesDigitsToIcu_WhenTheyAreInsideAWord(string zawgyi) =>
        Assert.Equal(IcuTransliterator.Transliterate(IcuTransliterator.ZawgyiToUnicodeId, zawgyi), IcuTransliterator.ToUnicode(zawgyi));

    [Fact]
    public void ToUnicode_LeavesTextAlone_WhenItHasNoBurmese()
    {
        Assert.Equal("STOP 123", IcuTransliterator.ToUnicode("STOP 123"));
        Assert.Equal(string.Empty, IcuTransliterator.ToUnicode(string.Empty));
    }

    [Fact]
    public void Transliterate_GrowsItsBuffer_WhenOutputIsManyTimesLongerThanInput()
    {
        var input = new string('\u1000', 1000);

        var hex = IcuTransliterator.Transliterate("Any-Hex", input);

        Assert.Equal(6000, hex.Length); // "\u1000" six characters per input character
        Assert.StartsWith("\\u1000\\u1000", hex, StringComparison.Ordinal);
    }

    [Fact]
    public void ToUnicode_GivesSameResult_WhenCalledFromManyThreads()
    {
        var lines = MyanmarToolsData.Udhr().Select(l => l.Zawgyi).ToArray();
        var expected = lines.Select(IcuTransliterator.ToUnicode).ToArray();
        var actual = new string[lines.Length * 4];

        Parallel.For(0, actual.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => actual[i] = IcuTransliterator.ToUnicode(lines[i % lines.Length]));

        for (var i = 0; i < actual.Length; i++)
        {
            Assert.Equal(expected[i % lines.Length], actual[i]);
        }
    }

    [Fact]
    public void Transliterate_ThrowsIcuUnavailable_WhenNoLibraryIsFound()
    {
        using var missing = IcuLibrary.Load(["libicui18n-not-installed.so.1"]);

        Assert.False(missing.CanOpen(IcuTransliterator.ZawgyiToUnicodeId, out var reason));
        Assert.Contains("libicu72", reason, StringComparison.Ordinal);
        var thrown = Assert.Throws<IcuUnavailableException>(() => missing.Transliterate(IcuTransliterator.ZawgyiToUnicodeId, KayPaZawgyi));
        Assert.Contains("version 58 or later", thrown.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Transliterate_ThrowsIcuUnavailable_WhenTransliteratorIdIsUnknown() =>
        Assert.Throws<IcuUnavailableException>(() => IcuTransliterator.Transliterate("No-Such-Transliterator", "abc"));

    [Fact]
    public void Load_TakesTheNextLibraryName_WhenTheFirstIsMissing()
    {
        using var library = IcuLibrary.Load(["libicui18n-not-installed.so.1", IcuLibrary.Default.LibraryName!]);

        Assert.True(library.IsLoaded, library.UnavailableReason);
        Assert.Equal(KayPaUnicode, library.Transliterate(IcuTransliterator.ZawgyiToUnicodeId, KayPaZawgyi));
    }
}
