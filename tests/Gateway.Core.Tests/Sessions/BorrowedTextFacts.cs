using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Sessions;

public class BorrowedTextFacts
{
    private static readonly IReadOnlyList<BorrowedText> Borrowed =
    [
        new("common.back", "en", "Back"),
        new("work.wage@TH", "en", "Thai law sets a minimum wage. Call 1506 for today's minimum wage."),
        new("menu.intro", "my", "ဘေးကင်းစွာ ခရီးသွား\nနံပါတ်ဖြင့် ပြန်ဖြေပါ:"),
    ];

    [Theory]
    [InlineData("Back", "en")]
    [InlineData("2. Back", "en")]
    [InlineData("Call 1506 for today's minimum wage.", "en")]
    [InlineData("နံပါတ်ဖြင့် ပြန်ဖြေပါ:", "my")]
    public void LanguageOf_NamesTheLanguage_OfABorrowedLine(string line, string language) =>
        Assert.Equal(language, BorrowedText.LanguageOf(line, Borrowed));

    [Theory]
    [InlineData("ย้อนกลับ")]
    [InlineData("1. ย้อนกลับ")]
    [InlineData("Backpack")]
    [InlineData("law")]
    [InlineData("")]
    public void LanguageOf_IsNull_ForALineInThePersonsOwnLanguage(string line) =>
        Assert.Null(BorrowedText.LanguageOf(line, Borrowed));

    [Fact]
    public void Annotate_MarksOnlyBorrowedLines()
    {
        Assert.Equal("2. Back  (fallback: en)", BorrowedText.Annotate("2. Back", Borrowed));
        Assert.Equal("2. ย้อนกลับ", BorrowedText.Annotate("2. ย้อนกลับ", Borrowed));
    }
}
