using System.Globalization;
using System.Text;
using Gateway.Core.Text;
using Xunit.Abstractions;

namespace Gateway.Core.Tests.Text;

/// <summary>Prints the detector's and the converter's figures on the myanmar-tools test data in tests/data (see docs/decisions/0002).</summary>
public class MyanmarFiguresFacts(ITestOutputHelper output)
{
    [Fact]
    public void Figures_AreWithinRequirements_WhenMeasuredOnSharedData()
    {
        var compatibility = MyanmarToolsData.Compatibility()
            .Select(r => (r.Expected, r.Input, Actual: ZawgyiDetector.ZawgyiProbability(r.Input)))
            .ToList();
        var confident = compatibility.Where(r => double.IsNegativeInfinity(r.Expected) || r.Expected < 0.05 || r.Expected > 0.95).ToList();
        var confidentAgree = confident.Count(r => double.IsNegativeInfinity(r.Expected)
            ? double.IsNegativeInfinity(r.Actual)
            : r.Expected < 0.05 ? r.Actual < 0.05 : r.Actual > 0.95);
        var middle = compatibility.Except(confident).ToList();
        var middleSameSide = middle.Count(r => (r.Expected > 0.5) == (r.Actual > 0.5));

        var udhr = MyanmarToolsData.Udhr();
        var unicodeP = udhr.Select(l => ZawgyiDetector.ZawgyiProbability(l.Unicode)).ToList();
        var zawgyiP = udhr.Select(l => ZawgyiDetector.ZawgyiProbability(l.Zawgyi)).ToList();
        var converted = udhr.Count(l => string.Equals(
            IcuTransliterator.ToUnicode(l.Zawgyi).Normalize(NormalizationForm.FormC),
            l.Unicode.Normalize(NormalizationForm.FormC),
            StringComparison.Ordinal));

        var report = new StringBuilder();
        report.AppendLine(CultureInfo.InvariantCulture, $"compatibility.tsv confident lines (<0.05, >0.95, -Infinity) agreeing: {confidentAgree}/{confident.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"compatibility.tsv middle lines on the same side of 0.5: {middleSameSide}/{middle.Count}");
        foreach (var (expected, input, actual) in middle)
        {
            report.AppendLine(CultureInfo.InvariantCulture, $"    expected {expected:0.000} got {actual:0.000} {input}");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"UDHR Unicode lines below 0.5: {unicodeP.Count(p => p < 0.5)}/{udhr.Count}, below 0.05: {unicodeP.Count(p => p < 0.05)}/{udhr.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"UDHR Zawgyi lines above 0.5: {zawgyiP.Count(p => p > 0.5)}/{udhr.Count}, above 0.95: {zawgyiP.Count(p => p > 0.95)}/{udhr.Count}");
        report.AppendLine(CultureInfo.InvariantCulture, $"UDHR Zawgyi converted by ICU equal to the Unicode text (NFC): {converted}/{udhr.Count}, differing: {udhr.Count - converted}");
        output.WriteLine(report.ToString());

        Assert.Equal(confident.Count, confidentAgree);
        Assert.True(unicodeP.Count(p => p < 0.5) >= 0.98 * udhr.Count, report.ToString());
        Assert.True(zawgyiP.Count(p => p > 0.5) >= 0.98 * udhr.Count, report.ToString());
        Assert.True(udhr.Count - converted <= 1, report.ToString());
    }
}
