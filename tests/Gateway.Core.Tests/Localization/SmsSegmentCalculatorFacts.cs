using System.Globalization;
using System.Text;
using System.Text.Json;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class SmsSegmentCalculatorFacts
{
    private const string Thai = "ก";      // one UTF-16 unit, one cluster
    private const string Burmese = "က";   // one UTF-16 unit, one cluster

    [Fact]
    public void Measure_AgreesWithTwilioCalculator_WhenCheckedAgainstEveryPublishedVector()
    {
        string path = SharedData.PathOf("data/vectors/sms-segments.jsonl");
        string[] lines = File.ReadAllLines(path).Where(line => line.Length > 0).ToArray();
        var failures = new List<string>();

        for (int i = 0; i < lines.Length; i++)
        {
            using var json = JsonDocument.Parse(lines[i]);
            string text = json.RootElement.GetProperty("text").GetString()!;
            string expectedEncoding = json.RootElement.GetProperty("encoding").GetString()!;
            int expectedSegments = json.RootElement.GetProperty("segments").GetInt32();

            SmsSegmentInfo info = SmsSegmentCalculator.Measure(text);
            string encoding = info.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2";
            if (encoding != expectedEncoding || info.Segments != expectedSegments)
            {
                failures.Add(
                    $"line {i + 1}: expected {expectedEncoding}/{expectedSegments}, got {encoding}/{info.Segments} "
                    + $"({info.Units} units, {text.Length} chars, {new StringInfo(text).LengthInTextElements} clusters): {Escape(text)}");
            }
        }

        Assert.Equal(400, lines.Length);
        Assert.True(failures.Count == 0, $"{failures.Count} of {lines.Length} vectors disagree:\n{string.Join('\n', failures)}");
    }

    [Fact]
    public void Measure_GivesOneSegment_When160GsmCharacters() => AssertMeasure(new string('a', 160), SmsEncoding.Gsm7, 1, 160);

    [Fact]
    public void Measure_GivesTwoSegments_When161GsmCharacters() => AssertMeasure(new string('a', 161), SmsEncoding.Gsm7, 2, 161);

    [Fact]
    public void Measure_GivesTwoSegments_When306GsmCharacters() => AssertMeasure(new string('a', 306), SmsEncoding.Gsm7, 2, 306);

    [Fact]
    public void Measure_GivesThreeSegments_When307GsmCharacters() => AssertMeasure(new string('a', 307), SmsEncoding.Gsm7, 3, 307);

    [Fact]
    public void Measure_GivesOneSegment_When70Ucs2Units() => AssertMeasure(Repeat(Burmese, 70), SmsEncoding.Ucs2, 1, 70);

    [Fact]
    public void Measure_GivesTwoSegments_When71Ucs2Units() => AssertMeasure(Repeat(Burmese, 71), SmsEncoding.Ucs2, 2, 71);

    [Fact]
    public void Measure_GivesTwoSegments_When134Ucs2Units() => AssertMeasure(Repeat(Burmese, 134), SmsEncoding.Ucs2, 2, 134);

    [Fact]
    public void Measure_GivesThreeSegments_When135Ucs2Units() => AssertMeasure(Repeat(Burmese, 135), SmsEncoding.Ucs2, 3, 135);

    [Fact]
    public void Measure_GivesOneSegment_When80EuroSigns() => AssertMeasure(Repeat("€", 80), SmsEncoding.Gsm7, 1, 160);

    [Fact]
    public void Measure_GivesTwoSegments_When81EuroSigns() => AssertMeasure(Repeat("€", 81), SmsEncoding.Gsm7, 2, 162);

    [Fact]
    public void Measure_GivesOneSegment_When35Emoji() => AssertMeasure(Repeat("😀", 35), SmsEncoding.Ucs2, 1, 70);

    [Fact]
    public void Measure_GivesTwoSegments_When36Emoji() => AssertMeasure(Repeat("😀", 36), SmsEncoding.Ucs2, 2, 72);

    [Fact]
    public void Measure_CountsExtensionCharactersTwice_WhenGsm7()
    {
        SmsSegmentInfo info = SmsSegmentCalculator.Measure("^{}\\[~]|€\f");

        Assert.Equal(new SmsSegmentInfo(SmsEncoding.Gsm7, 1, 20), info);
    }

    [Fact]
    public void Measure_AddsSegment_WhenEscapePairWouldStraddleBoundary()
    {
        // 152 + 2 + 152 = 306 septets, but € cannot start in the last septet of segment 1.
        string text = new string('a', 152) + "€" + new string('a', 152);

        AssertMeasure(text, SmsEncoding.Gsm7, 3, 306);
    }

    [Fact]
    public void Measure_AddsSegment_WhenGraphemeClusterWouldStraddleBoundary()
    {
        // ก + ั (a combining vowel) is one cluster of 2 units at units 67-68: it moves to segment 2.
        string text = Repeat(Thai, 66) + "กั" + Repeat(Thai, 66);

        AssertMeasure(text, SmsEncoding.Ucs2, 3, 134);
    }

    [Fact]
    public void Measure_AddsSegment_WhenSurrogatePairWouldStraddleBoundary()
    {
        string text = Repeat(Thai, 66) + "😀" + Repeat(Thai, 66);

        AssertMeasure(text, SmsEncoding.Ucs2, 3, 134);
    }

    [Fact]
    public void Measure_SeparatesCarriageReturnFromLineFeed_WhenPairIsAtBoundary()
    {
        // Twilio counts CR LF as two characters, so the pair may straddle segments 1 and 2.
        string text = Repeat(Thai, 66) + "\r\n" + Repeat(Thai, 66);

        AssertMeasure(text, SmsEncoding.Ucs2, 2, 134);
    }

    [Fact]
    public void Measure_KeepsTextGsm7_WhenLinesEndWithCarriageReturnLineFeed() =>
        AssertMeasure("Line one\r\nLine two", SmsEncoding.Gsm7, 1, 18);

    [Fact]
    public void Measure_GivesOneSegment_WhenTextIsEmpty() => AssertMeasure(string.Empty, SmsEncoding.Gsm7, 1, 0);

    [Fact]
    public void Measure_SplitsBetweenCodePoints_WhenClusterIsLongerThanSegment()
    {
        // A base letter with 100 combining marks is one cluster that no segment can hold.
        string text = "a" + new string('\u0301', 100);

        AssertMeasure(text, SmsEncoding.Ucs2, 2, 101);
    }

    [Theory]
    [InlineData("Hello, world! 123", true)]
    [InlineData("Café £5 or €6 {ok} [1|2] ~^\\", true)]
    [InlineData("ΔΦΓΛΩΠΨΣΘΞ ÆæßÉ ÄÖÑÜ§¿äöñüà ¡¤¥", true)]
    [InlineData("façade", false)]
    [InlineData("`backtick`", false)]
    [InlineData("မင်္ဂလာပါ", false)]
    [InlineData("😀", false)]
    public void IsGsm7_FollowsGsm0338Tables_WhenGivenCharacters(string text, bool expected) =>
        Assert.Equal(expected, SmsSegmentCalculator.IsGsm7(text));

    private static void AssertMeasure(string text, SmsEncoding encoding, int segments, int units) =>
        Assert.Equal(new SmsSegmentInfo(encoding, segments, units), SmsSegmentCalculator.Measure(text));

    private static string Repeat(string value, int count) => string.Concat(Enumerable.Repeat(value, count));

    private static string Escape(string text)
    {
        var builder = new StringBuilder();
        foreach (char c in text)
        {
            if (c < ' ' || char.IsSurrogate(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.NonSpacingMark)
            {
                builder.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:X4}");
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
