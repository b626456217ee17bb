using System.Globalization;
using System.Text.Json;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class TextPagerFacts
{
    private const string EnglishMore = "0 Next";
    private const string BurmeseMore = "၀ ရှေ့ဆက်ရန်";
    private const string KhmerMore = "០ បន្ទាប់";

    private static readonly string[] EnglishSentences =
    [
        "Your employer must pay your wages in full and on time, at least once a month.",
        "Nobody may keep your passport or work permit, not even your employer or broker.",
        "You have the right to one day off every week and to paid public holidays.",
        "If you are hurt at work, ask for a doctor and keep every receipt you are given.",
        "Recruitment fees above the legal limit are illegal; write down who asked for money.",
        "Call 1191 in an emergency, or reply HELP and a caseworker will call you back.",
    ];

    private static readonly string[] BurmeseSentences =
    [
        "သင်၏ အလုပ်ရှင်က လုပ်ခ မပေးပါက ကျွန်ုပ်တို့ထံ ဆက်သွယ်ပါ။",
        "သင်၏ နိုင်ငံကူးလက်မှတ်ကို အလုပ်ရှင်က သိမ်းထားခွင့် မရှိပါ။",
        "အလုပ်ချိန် တစ်ရက်လျှင် ရှစ်နာရီထက် ပိုမလုပ်ရပါ။",
        "အရေးပေါ် အခြေအနေတွင် ၁၁၉၁ ကို ဖုန်းဆက်ပါ။",
        "ကျန်းမာရေး စောင့်ရှောက်မှု ရယူခွင့် ရှိပါသည်။",
        "အကူအညီ လိုအပ်ပါက ၁ ကို နှိပ်ပါ။",
    ];

    private static readonly string[] KhmerSentences =
    [
        "ប្រសិនបើនិយោជករបស់អ្នកមិនបើកប្រាក់ឈ្នួល សូមទាក់ទងមកយើងខ្ញុំ។",
        "និយោជកមិនមានសិទ្ធិរក្សាលិខិតឆ្លងដែនរបស់អ្នកទេ។",
        "ម៉ោងធ្វើការមិនត្រូវលើសពីប្រាំបីម៉ោងក្នុងមួយថ្ងៃទេ។",
        "ក្នុងករណីបន្ទាន់ សូមទូរស័ព្ទទៅលេខ ១១៩១។",
        "អ្នកមានសិទ្ធិទទួលបានការថែទាំសុខភាព។",
        "ចុចលេខ ១ ដើម្បីទទួលបានជំនួយ។",
    ];

    public static TheoryData<string, string, int, string> LongTexts()
    {
        var data = new TheoryData<string, string, int, string>();
        (string Name, string[] Sentences, string More)[] languages =
        [
            ("English", EnglishSentences, EnglishMore),
            ("Burmese", BurmeseSentences, BurmeseMore),
            ("Khmer", KhmerSentences, KhmerMore),
        ];
        foreach (var (name, sentences, more) in languages)
        {
            foreach (int length in new[] { 500, 1200, 2000 })
            {
                // 0 segments stands for one USSD screen.
                foreach (int segments in new[] { 0, 1, 3 })
                {
                    data.Add(name, more, segments, Compose(sentences, length));
                }
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(LongTexts))]
    public void Page_GivesPagesThatFitAndKeepEveryCluster_WhenTextIsLong(string language, string moreLine, int segments, string text)
    {
        TextBudget budget = segments == 0 ? TextBudget.Ussd : TextBudget.Sms(segments);

        IReadOnlyList<string> pages = TextPager.Page(text, budget, moreLine);

        Assert.True(pages.Count > 1, $"{language}: a text of {text.Length} chars should not fit {budget.Describe()}");
        AssertValidPages(text, budget, moreLine, pages);
    }

    [Theory]
    [MemberData(nameof(LongTexts))]
    public void Page_GivesPagesThatFit_WhenMoreLineIsInAnotherScript(string language, string moreLine, int segments, string text)
    {
        TextBudget budget = segments == 0 ? TextBudget.Ussd : TextBudget.Sms(segments);
        string otherMore = moreLine == BurmeseMore ? KhmerMore : BurmeseMore;

        IReadOnlyList<string> pages = TextPager.Page(text, budget, otherMore);

        Assert.True(pages.Count > 1, language);
        AssertValidPages(text, budget, otherMore, pages);
    }

    [Fact]
    public void Page_ReturnsTextUnchanged_WhenItFits()
    {
        string text = "  Reply 1 for help.\n";

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Ussd, EnglishMore);

        Assert.Equal([text], pages);
    }

    [Fact]
    public void Page_BreaksOnlyAtLineBreaks_WhenEveryLineFits()
    {
        string menu = string.Join('\n', Enumerable.Range(1, 30).Select(i => $"{i}. {EnglishSentences[i % EnglishSentences.Length]}"));

        IReadOnlyList<string> pages = TextPager.Page(menu, TextBudget.Ussd, EnglishMore);

        AssertValidPages(menu, TextBudget.Ussd, EnglishMore, pages);
        string[] lines = menu.Split('\n');
        Assert.Equal(lines, pages.SelectMany(page => page.Split('\n')));
    }

    [Fact]
    public void Page_BreaksAtLineBreak_WhenItIsNotTheLastWhitespaceThatFits()
    {
        // The first line fits with room to spare; breaking at the last space would give a fuller page.
        string text = "Your rights at work, in short:\n" + string.Join(' ', EnglishSentences);
        int lineEnd = text.LastIndexOf(' ', 130);
        text = text[..lineEnd] + "\n" + text[(lineEnd + 1)..];

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Ussd, EnglishMore);

        AssertValidPages(text, TextBudget.Ussd, EnglishMore, pages);
        Assert.Equal(text[..lineEnd], pages[0]);
    }

    [Fact]
    public void Page_BreaksAtWhitespace_WhenLineBreakWouldLeaveAPageLessThanHalfFull()
    {
        string text = "Rights:\n" + string.Join(' ', EnglishSentences);

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Ussd, EnglishMore);

        AssertValidPages(text, TextBudget.Ussd, EnglishMore, pages);
        Assert.StartsWith("Rights:\n", pages[0], StringComparison.Ordinal);
        Assert.True(pages[0].Length > 100, pages[0]);
    }

    [Fact]
    public void Page_BreaksAtWhitespace_WhenParagraphHasNoLineBreak()
    {
        string text = Compose(EnglishSentences, 1000).Replace('\n', ' ');

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Sms(1), EnglishMore);

        AssertValidPages(text, TextBudget.Sms(1), EnglishMore, pages);
        int offset = 0;
        foreach (string page in pages.SkipLast(1))
        {
            offset = text.IndexOf(page, offset, StringComparison.Ordinal) + page.Length;
            Assert.Equal(' ', text[offset]);
        }
    }

    [Fact]
    public void Page_CutsInsideWord_OnlyWhenWordIsTooLongForAPage()
    {
        string link = "https://example.org/" + string.Concat(Enumerable.Repeat("rights-at-work/", 30));
        string text = $"Read more at {link} or call 1191.";

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Ussd, EnglishMore);

        AssertValidPages(text, TextBudget.Ussd, EnglishMore, pages);
        Assert.Equal("Read more at", pages[0]);
        Assert.StartsWith("https://example.org/", pages[1], StringComparison.Ordinal);
        Assert.Equal(UssdScreen.Gsm7Limit, UssdScreen.Cost(pages[1] + "\n" + EnglishMore, out _));
    }

    [Fact]
    public void Page_MeasuresPageWithMoreLine_WhenBurmeseMoreLineTurnsLatinPageIntoUcs2()
    {
        string text = Compose(EnglishSentences, 600);

        IReadOnlyList<string> pages = TextPager.Page(text, TextBudget.Ussd, BurmeseMore);

        AssertValidPages(text, TextBudget.Ussd, BurmeseMore, pages);
        foreach (string page in pages.SkipLast(1))
        {
            Assert.True(SmsSegmentCalculator.IsGsm7(page));
            Assert.True(UssdScreen.Cost(page + "\n" + BurmeseMore, out SmsEncoding encoding) <= UssdScreen.Ucs2Limit);
            Assert.Equal(SmsEncoding.Ucs2, encoding);
        }
    }

    [Theory]
    [InlineData("ក", 0)]
    [InlineData("ក", 1)]
    [InlineData("ក", 3)]
    [InlineData("က", 0)]
    [InlineData("ก", 1)]
    [InlineData("ກ", 3)]
    [InlineData("😀", 1)]
    public void Page_KeepsClustersWhole_WhenScriptIsWrittenWithoutSpaces(string letter, int segments)
    {
        // Published vectors of the script that contains the letter, joined without spaces.
        string text = string.Concat(VectorTexts().Where(t => t.Contains(letter, StringComparison.Ordinal) && !t.Any(char.IsWhiteSpace)));
        TextBudget budget = segments == 0 ? TextBudget.Ussd : TextBudget.Sms(segments);
        Assert.True(text.Length > 500, $"only {text.Length} chars of vector text contain {letter}");

        IReadOnlyList<string> pages = TextPager.Page(text, budget, EnglishMore);

        AssertValidPages(text, budget, EnglishMore, pages);
        Assert.Equal(text, string.Concat(pages));
    }

    [Fact]
    public void CanPage_ReturnsFalseWithReason_WhenMoreLineIsTooLongForUssdScreen()
    {
        string moreLine = "Reply 0 to read the next part of this message. " + new string('.', 140);

        bool can = TextPager.CanPage(Compose(EnglishSentences, 500), TextBudget.Ussd, moreLine, out string? reason);

        Assert.False(can);
        Assert.Contains("more line", reason, StringComparison.Ordinal);
        Assert.Contains("USSD screen", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CanPage_ReturnsFalseWithReason_WhenLatinMoreLineLeavesNoRoomForBurmese()
    {
        // 100 GSM-7 characters fit a screen, but with any Burmese letter the page has only 80 units.
        string moreLine = new string('-', 100);

        bool can = TextPager.CanPage(Compose(BurmeseSentences, 500), TextBudget.Ussd, moreLine, out string? reason);

        Assert.False(can);
        Assert.Contains("Burmese", reason, StringComparison.Ordinal);
    }

    [Fact]
    public void CanPage_ReturnsTrue_WhenTextFitsWithoutMoreLine()
    {
        bool can = TextPager.CanPage("Reply 1 for help.", TextBudget.Ussd, new string('x', 500), out string? reason);

        Assert.True(can);
        Assert.Null(reason);
    }

    [Fact]
    public void CanPage_ReturnsTrue_WhenEveryClusterFitsWithMoreLine()
    {
        bool can = TextPager.CanPage(Compose(KhmerSentences, 1000), TextBudget.Ussd, KhmerMore, out string? reason);

        Assert.True(can);
        Assert.Null(reason);
    }

    [Fact]
    public void Page_ThrowsWithCanPageReason_WhenTextCannotBePaged()
    {
        string text = Compose(BurmeseSentences, 500);
        string moreLine = new string('-', 100);
        TextPager.CanPage(text, TextBudget.Ussd, moreLine, out string? reason);

        var error = Assert.Throws<ArgumentException>(() => TextPager.Page(text, TextBudget.Ussd, moreLine));

        Assert.StartsWith(reason!, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Page_MeasuresAboutLinearlyMoreText_WhenTextGrowsEightfold()
    {
        var small = new CountingBudget(TextBudget.Ussd);
        var large = new CountingBudget(TextBudget.Ussd);
        string paragraph = Compose(BurmeseSentences, 500);

        TextPager.Page(paragraph, small, BurmeseMore);
        TextPager.Page(string.Join(' ', Enumerable.Repeat(paragraph, 8)), large, BurmeseMore);

        // A quadratic pager would measure about 64 times as much text.
        Assert.True(large.MeasuredChars < 12 * small.MeasuredChars, $"{small.MeasuredChars} then {large.MeasuredChars} chars measured");
    }

    private static void AssertValidPages(string text, TextBudget budget, string moreLine, IReadOnlyList<string> pages)
    {
        var boundaries = new HashSet<int>(StringInfo.ParseCombiningCharacters(text)) { text.Length };
        int offset = 0;
        for (int i = 0; i < pages.Count; i++)
        {
            string page = pages[i];
            bool last = i == pages.Count - 1;
            string sent = last ? page : page + "\n" + moreLine;

            Assert.True(page.Length > 0, $"page {i + 1} is empty");
            Assert.True(page == page.Trim(), $"page {i + 1} keeps whitespace at a break: «{page}»");
            Assert.True(budget.Fits(sent), $"page {i + 1} of {pages.Count} does not fit {budget.Describe()}: «{sent}»");
            Assert.DoesNotContain(moreLine, page, StringComparison.Ordinal);

            int start = text.IndexOf(page, offset, StringComparison.Ordinal);
            Assert.True(start >= 0, $"page {i + 1} is not a piece of the text: «{page}»");
            Assert.True(string.IsNullOrWhiteSpace(text[offset..start]), $"text was lost before page {i + 1}: «{text[offset..start]}»");
            Assert.True(boundaries.Contains(start), $"page {i + 1} starts inside a grapheme cluster at {start}");
            Assert.True(boundaries.Contains(start + page.Length), $"page {i + 1} ends inside a grapheme cluster at {start + page.Length}");
            offset = start + page.Length;
        }

        Assert.True(string.IsNullOrWhiteSpace(text[offset..]), "text was lost after the last page");
        Assert.Equal(WithoutWhitespace(text), WithoutWhitespace(string.Join(' ', pages)));
    }

    private static string WithoutWhitespace(string text) => string.Concat(text.Where(c => !char.IsWhiteSpace(c)));

    /// <summary>Sentences in turn, a few to a line, until the text is <paramref name="length"/> chars long.</summary>
    private static string Compose(string[] sentences, int length)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; text.Length < length; i++)
        {
            if (i > 0)
            {
                text.Append(i % 3 == 0 ? '\n' : ' ');
            }

            text.Append(sentences[i % sentences.Length]);
        }

        return text.ToString()[..length].TrimEnd();
    }

    private static IEnumerable<string> VectorTexts() =>
        File.ReadLines(SharedData.PathOf("data/vectors/sms-segments.jsonl"))
            .Where(line => line.Length > 0)
            .Select(line => JsonDocument.Parse(line).RootElement.GetProperty("text").GetString()!);

    /// <summary>A budget that counts how much text the pager asks it to measure.</summary>
    private sealed record CountingBudget(TextBudget Inner) : TextBudget
    {
        public long MeasuredChars { get; private set; }

        public override bool Fits(string text)
        {
            MeasuredChars += text.Length;
            return Inner.Fits(text);
        }

        public override string Describe() => Inner.Describe();
    }
}
