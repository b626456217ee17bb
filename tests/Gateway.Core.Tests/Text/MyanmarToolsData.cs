using System.Globalization;
using Gateway.Core.Text;

namespace Gateway.Core.Tests.Text;

/// <summary>The google/myanmar-tools test files copied into tests/data/myanmar-tools, read at test time.</summary>
internal static class MyanmarToolsData
{
    /// <summary>Every line of compatibility.tsv: the reference detector's probability and the input.</summary>
    public static IReadOnlyList<(double Expected, string Input)> Compatibility() =>
        [.. File.ReadAllLines(SharedData.PathOf("data/myanmar-tools/compatibility.tsv"))
            .Where(line => line.Length > 0)
            .Select(line =>
            {
                var tab = line.IndexOf('\t', StringComparison.Ordinal);
                var expected = line[..tab] == "-Infinity"
                    ? double.NegativeInfinity
                    : double.Parse(line[..tab], NumberStyles.Float, CultureInfo.InvariantCulture);
                return (expected, line[(tab + 1)..]);
            })];

    /// <summary>The UDHR in Unicode and in Zawgyi, line by line, only the lines that have Burmese in them.</summary>
    public static IReadOnlyList<(string Unicode, string Zawgyi)> Udhr()
    {
        var unicode = File.ReadAllLines(SharedData.PathOf("data/myanmar-tools/udhr_mya_unicode_src.txt"));
        var zawgyi = File.ReadAllLines(SharedData.PathOf("data/myanmar-tools/udhr_mya_zawgyi_out.txt"));
        Assert.Equal(unicode.Length, zawgyi.Length);
        return [.. unicode.Zip(zawgyi).Where(pair => HasBurmese(pair.First) || HasBurmese(pair.Second))];
    }

    private static bool HasBurmese(string line) => !double.IsNegativeInfinity(ZawgyiDetector.ZawgyiProbability(line));
}
