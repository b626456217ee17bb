using Gateway.Core.Text;

namespace Gateway.Core.Tests.Text;

public class TypedTextFacts
{
    // Unicode Burmese with a stacked consonant (virama U+1039), kinzi (U+1004 U+103A U+1039) and medials.
    public static TheoryData<string, string> UnicodeWords => new()
    {
        { "မန္တလေး", "Mandalay: stacked တ under န" },
        { "အင်္ဂလိပ်", "English: kinzi" },
        { "သင်္ဘော", "ship: kinzi" },
        { "ကြွက်", "rat: medials RA and WA" },
        { "မြန်မာ", "Myanmar: medial RA" },
        { "ကျောက်", "stone: medial YA" },
        { "မော်လမြိုင်", "Mawlamyine" },
    };

    [Theory]
    [MemberData(nameof(UnicodeWords))]
    public void Of_KeepsAUnicodeWordAsTyped_WithNoOtherReading(string word, string what)
    {
        var typed = TypedText.Of(word);

        Assert.Equal(word, typed.AsTyped);
        Assert.True(typed.ZawgyiScore <= ZawgyiDetector.UnicodeThreshold, $"{what}: scored {typed.ZawgyiScore}");
        Assert.Null(typed.Converted);
        Assert.Equal(word, typed.Display);
    }

    [Fact]
    public void Of_KeepsCompanyAsTyped_AndMarksItsDoubtfulZawgyiReading()
    {
        // ကုမ္ပဏီ, "company", in Unicode: its stacked ပ under မ is Zawgyi's asat, so the detector doubts it.
        var typed = TypedText.Of("ကုမ္ပဏီ");

        Assert.Equal("ကုမ္ပဏီ", typed.AsTyped);
        Assert.InRange(typed.ZawgyiScore!.Value, 0.6, 0.7);
        Assert.False(typed.IsZawgyi);
        Assert.Equal("ကုမ်ပဏီ", typed.Converted);
        Assert.Equal("ကုမ္ပဏီ (may be Zawgyi; converted: ကုမ်ပဏီ)", typed.Display);
    }

    [Theory]
    [InlineData("ေစ်း", "ဈေး")]      // market
    [InlineData("ကယ္ပါ", "ကယ်ပါ")]   // help me
    public void Of_GivesAShortZawgyiWordBothReadings_MarkedUncertain(string zawgyi, string unicode)
    {
        var typed = TypedText.Of(zawgyi);

        Assert.InRange(typed.ZawgyiScore!.Value, ZawgyiDetector.UnicodeThreshold, ZawgyiDetector.ZawgyiThreshold);
        Assert.Equal(zawgyi, typed.AsTyped);
        Assert.Equal(unicode, typed.Converted);
        Assert.Equal($"{zawgyi} (may be Zawgyi; converted: {unicode})", typed.Display);
    }

    [Fact]
    public void Of_ConvertsSureZawgyi_AndKeepsTheTextAsTypedBesideIt()
    {
        var typed = TypedText.Of("ေမာ္လၿမိဳင္ ငါးဖမ္းဆိပ္ကမ္း");

        Assert.True(typed.ZawgyiScore >= ZawgyiDetector.ZawgyiThreshold, $"scored {typed.ZawgyiScore}");
        Assert.True(typed.IsZawgyi);
        Assert.Equal("ေမာ္လၿမိဳင္ ငါးဖမ္းဆိပ္ကမ္း", typed.AsTyped);
        Assert.Equal("မော်လမြိုင် ငါးဖမ်းဆိပ်ကမ်း", typed.Converted);
        Assert.Equal("ေမာ္လၿမိဳင္ ငါးဖမ္းဆိပ္ကမ္း (Zawgyi; converted: မော်လမြိုင် ငါးဖမ်းဆိပ်ကမ်း)", typed.Display);
    }

    [Theory]
    [InlineData("Mae Sot, the fish factory")]
    [InlineData("ပဲခူး")] // Bago: spelled alike in both encodings
    public void Of_ShowsTextWithoutADifferentZawgyiReading_AsTyped(string text)
    {
        var typed = TypedText.Of(text);

        Assert.Null(typed.Converted);
        Assert.Equal(text, typed.Display);
    }

    [Fact]
    public void Of_HasNoScore_WithoutBurmese()
    {
        Assert.Null(TypedText.Of("Mae Sot").ZawgyiScore);
    }

    [Fact]
    public void ToString_LeavesThePersonsWordsOut()
    {
        Assert.DoesNotContain("ကုမ္ပဏီ", TypedText.Of("ကုမ္ပဏီ").ToString(), StringComparison.Ordinal);
    }
}
