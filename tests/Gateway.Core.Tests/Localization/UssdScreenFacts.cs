using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class UssdScreenFacts
{
    private const string Burmese = "က";

    [Fact]
    public void Fits_ReturnsTrue_When182GsmCharacters() => Assert.True(UssdScreen.Fits(new string('a', 182)));

    [Fact]
    public void Fits_ReturnsFalse_When183GsmCharacters() => Assert.False(UssdScreen.Fits(new string('a', 183)));

    [Fact]
    public void Fits_ReturnsTrue_When80BurmeseUnits() => Assert.True(UssdScreen.Fits(Repeat(Burmese, 80)));

    [Fact]
    public void Fits_ReturnsFalse_When81BurmeseUnits() => Assert.False(UssdScreen.Fits(Repeat(Burmese, 81)));

    [Fact]
    public void Fits_ReturnsTrue_When91EuroSignsFill182Septets() => Assert.True(UssdScreen.Fits(Repeat("€", 91)));

    [Fact]
    public void Fits_ReturnsFalse_WhenExtensionCharacterPushesGsmTextTo183Septets() =>
        Assert.False(UssdScreen.Fits(new string('a', 181) + "€"));

    [Fact]
    public void Fits_ReturnsFalse_WhenOneBurmeseLetterTurnsLatinTextIntoUcs2()
    {
        string text = new string('a', 80) + Burmese;

        Assert.True(UssdScreen.Fits(new string('a', 81)));
        Assert.False(UssdScreen.Fits(text));
    }

    [Fact]
    public void Fits_ReturnsFalse_When41EmojiNeed82Units()
    {
        Assert.True(UssdScreen.Fits(Repeat("😀", 40)));
        Assert.False(UssdScreen.Fits(Repeat("😀", 41)));
    }

    [Theory]
    [InlineData("Reply 1", 7, SmsEncoding.Gsm7)]
    [InlineData("^{}\\[~]|€\f", 20, SmsEncoding.Gsm7)]
    [InlineData("Pay [yes]", 11, SmsEncoding.Gsm7)]
    [InlineData("မင်္ဂလာပါ", 9, SmsEncoding.Ucs2)]
    [InlineData("សួស្តី €", 8, SmsEncoding.Ucs2)]
    [InlineData("", 0, SmsEncoding.Gsm7)]
    public void Cost_CountsSeptetsOrUnits_WhenGivenText(string text, int expectedCost, SmsEncoding expectedEncoding)
    {
        int cost = UssdScreen.Cost(text, out SmsEncoding encoding);

        Assert.Equal(expectedCost, cost);
        Assert.Equal(expectedEncoding, encoding);
    }

    [Fact]
    public void Limit_Gives182Or80_WhenAskedPerEncoding()
    {
        Assert.Equal(182, UssdScreen.Limit(SmsEncoding.Gsm7));
        Assert.Equal(80, UssdScreen.Limit(SmsEncoding.Ucs2));
    }

    private static string Repeat(string value, int count) => string.Concat(Enumerable.Repeat(value, count));
}
