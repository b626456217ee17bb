using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Text;

public class ZawgyiDetectorFacts
{
    [Fact]
    public void ZawgyiProbability_AgreesWithReference_OnEveryConfidentCompatibilityLine()
    {
        var rows = MyanmarToolsData.Compatibility();
        var confident = rows.Where(r => double.IsNegativeInfinity(r.Expected) || r.Expected < 0.05 || r.Expected > 0.95).ToList();
        var disagreements = confident
            .Select(r => (r.Expected, r.Input, Actual: ZawgyiDetector.ZawgyiProbability(r.Input)))
            .Where(r => double.IsNegativeInfinity(r.Expected)
                ? !double.IsNegativeInfinity(r.Actual)
                : r.Expected < 0.05 ? !(r.Actual < 0.05) : !(r.Actual > 0.95))
            .Select(r => string.Create(CultureInfo.InvariantCulture, $"expected {r.Expected:G4}, got {r.Actual:G4}: {r.Input}"))
            .ToList();

        Assert.True(
            disagreements.Count == 0,
            $"{confident.Count - disagreements.Count}/{confident.Count} confident lines agree; disagreements:\n{string.Join('\n', disagreements)}");
        Assert.True(confident.Count >= 30, $"only {confident.Count} confident lines were read");
    }

    [Fact]
    public void ZawgyiProbability_ClassifiesAtLeast98PercentOfUdhrLines_InEachEncoding()
    {
        var lines = MyanmarToolsData.Udhr();

        var unicodeRight = lines.Count(l => ZawgyiDetector.ZawgyiProbability(l.Unicode) < 0.5);
        var zawgyiRight = lines.Count(l => ZawgyiDetector.ZawgyiProbability(l.Zawgyi) > 0.5);

        Assert.True(unicodeRight >= 0.98 * lines.Count, $"Unicode lines below 0.5: {unicodeRight}/{lines.Count}");
        Assert.True(zawgyiRight >= 0.98 * lines.Count, $"Zawgyi lines above 0.5: {zawgyiRight}/{lines.Count}");
    }

    [Theory]
    [InlineData("")]
    [InlineData("STOP")]
    [InlineData("GO ၃၀")]
    [InlineData("၁၉၄၈")]
    public void ZawgyiProbability_IsNegativeInfinity_WhenThereIsNoMyanmarLetter(string text) =>
        Assert.Equal(double.NegativeInfinity, ZawgyiDetector.ZawgyiProbability(text));

    [Theory]
    [InlineData("ကယ်ပါ")]
    [InlineData("အကူအညီ လိုပါတယ်")]
    [InlineData("ကျွန်တော် ထိုင်းနိုင်ငံမှာ အလုပ်လုပ်နေပါတယ်")]
    public void ZawgyiProbability_IsBelowUnicodeThreshold_WhenTextIsUnicodeBurmese(string unicode) =>
        Assert.True(ZawgyiDetector.ZawgyiProbability(unicode) < ZawgyiDetector.UnicodeThreshold);

    [Theory]
    [InlineData("\u1000\u101A\u1039\u1015\u102B \u1000\u1030\u100A\u102E\u1031\u1015\u1038\u1015\u102B")] // ကယ္ပါ ကူညီေပးပါ
    [InlineData("\u1021\u1000\u1030\u1021\u100A\u102E \u101C\u102D\u102F\u1015\u102B\u1010\u101A\u1039")] // အကူအညီ လိုပါတယ္
    [InlineData("\u1031\u1000\u103A\u1038\u1007\u1030\u1038\u1010\u1004\u1039\u1015\u102B\u1010\u101A\u1039")] // ေက်းဇူးတင္ပါတယ္
    public void ZawgyiProbability_IsAboveZawgyiThreshold_WhenTextIsZawgyi(string zawgyi) =>
        Assert.True(ZawgyiDetector.ZawgyiProbability(zawgyi) > ZawgyiDetector.ZawgyiThreshold);

    [Theory]
    [InlineData("\u1078\u1062\u1086\u1038")]                                     // ၸၢႆး Shan: man
    [InlineData("\u101A\u102D\u1004\u103A\u1038")]                               // ယိင်း Shan: woman
    [InlineData("\u107C\u1082\u103A\u1038\u1019\u102D\u1030\u1004\u103A\u1038")] // ၼႂ်းမိူင်း Shan: in the country
    [InlineData("\u1075\u1062\u107C\u103A\u1081\u1035\u1010\u103A\u1038")]       // ၵၢၼ်ႁဵတ်း Shan: work
    [InlineData("\u1081\u1030\u101D\u103A\u1078\u1082\u103A")]                   // ႁူဝ်ၸႂ် Shan
    public void ZawgyiProbability_IsBelowHalf_WhenTextIsUnicodeShan(string shan) =>
        Assert.True(ZawgyiDetector.ZawgyiProbability(shan) < 0.5, $"{ZawgyiDetector.ZawgyiProbability(shan)}");

    [Theory]
    [InlineData("\u1066\u1067\u106B")]                     // ၦၧၫ pwa, vowel EU, tone 3
    [InlineData("\u1065\u1068\u1069")]                     // ၥၨၩ tha, vowel UE, tone 1
    [InlineData("\u1015\u1067\u106A")]                     // ပၧၪ
    [InlineData("\u106E\u1068\u106C")]                     // ၮၨၬ Eastern Pwo NNA
    [InlineData("\u1019\u1068\u106D \u1065\u1067\u1069")]  // မၨၭ ၥၧၩ
    public void ZawgyiProbability_IsBelowHalf_WhenTextIsUnicodePwoKaren(string pwoKaren) =>
        Assert.True(ZawgyiDetector.ZawgyiProbability(pwoKaren) < 0.5, $"{ZawgyiDetector.ZawgyiProbability(pwoKaren)}");

    [Theory]
    [InlineData("\u1011\u1036\u1000\u102E\u1062\u103A")] // ထံကီၢ် S'gaw Karen: country
    [InlineData("\u1018\u1063\u103A")]                   // ဘၣ် S'gaw Karen: right
    [InlineData("\u1002\u1000\u1030\u1019\u1014\u103A")] // ဂကူမန် Mon: the Mon nation
    public void ZawgyiProbability_IsBelowHalf_WhenTextIsUnicodeSgawKarenOrMon(string text) =>
        Assert.True(ZawgyiDetector.ZawgyiProbability(text) < 0.5, $"{ZawgyiDetector.ZawgyiProbability(text)}");

    [Fact]
    public void ZawgyiProbability_IsAboveHalf_WhenUnicodeUdhrIsConvertedWithIcu()
    {
        var lines = MyanmarToolsData.Udhr();

        var right = lines.Count(l => ZawgyiDetector.ZawgyiProbability(IcuTransliterator.ToZawgyi(l.Unicode)) > 0.5);

        Assert.True(right >= 0.98 * lines.Count, $"{right}/{lines.Count}");
    }

    [Fact]
    public void ZawgyiProbability_IsAboveHalf_WhenZawgyiKayPaStandsAlone() =>
        Assert.True(ZawgyiDetector.ZawgyiProbability("\u1000\u101A\u1039\u1015\u102B") > 0.5);

    [Fact]
    public void ZawgyiProbability_ReadsSpanAndStringAlike()
    {
        const string text = "ascii mixed with ကယ္ပါ";
        Assert.Equal(ZawgyiDetector.ZawgyiProbability(text), ZawgyiDetector.ZawgyiProbability(text.AsSpan()));
    }

    [Fact]
    public void ZawgyiProbability_GivesTheScoresItsOwnDocExampleClaims()
    {
        // Each example line reads: ZawgyiDetector.ZawgyiProbability("…"); // 0.67 … (or "negative infinity").
        var source = File.ReadAllText(Repository.PathOf("src/Gateway.Core/Text/ZawgyiDetector.cs"));
        var claims = Regex.Matches(source, @"/// ZawgyiDetector\.ZawgyiProbability\(""([^""]*)""\);\s*// (negative infinity|[^:(\r\n]*)");

        Assert.True(claims.Count >= 3, $"only {claims.Count} examples were read");
        foreach (Match claim in claims)
        {
            var text = claim.Groups[1].Value;
            var actual = ZawgyiDetector.ZawgyiProbability(text);
            var said = claim.Groups[2].Value.Trim();
            if (said == "negative infinity")
            {
                Assert.True(double.IsNegativeInfinity(actual), $"{text}: the doc says negative infinity, the code gives {actual}");
                continue;
            }

            Assert.True(
                double.TryParse(said, NumberStyles.Float, CultureInfo.InvariantCulture, out var claimed),
                $"{text}: the doc claims \"{said}\", which is not a measured score");
            Assert.True(Math.Abs(actual - claimed) <= 0.005, $"{text}: the doc says {said}, the code gives {actual:0.0000}");
        }
    }
}
