// Builds the transition weights of Gateway.Core's Zawgyi detector.
//
//   dotnet run --project tools/ZawgyiModelBuilder -c Release              # rewrite ZawgyiModel.Weights.cs
//   dotnet run --project tools/ZawgyiModelBuilder -c Release -- --validate # figures on a held-back fifth
//
// Unicode Burmese comes from the machine (GTK and iso-codes translations, glibc's my_MM locale, ICU's
// Burmese names through .NET) plus Samples.cs; the Zawgyi side is the same text through ICU's my-Zawgyi.
using System.Globalization;
using System.Text;
using Gateway.Core.Text;
using ZawgyiModelBuilder;

var validate = args.Contains("--validate");
var output = Path.Combine(RepositoryRoot(), "src", "Gateway.Core", "Text", "ZawgyiModel.Weights.cs");

if (!IcuTransliterator.IsAvailable(out var reason))
{
    Console.Error.WriteLine(reason);
    return 1;
}

var sources = Corpus.Burmese();
foreach (var (source, lines) in sources)
{
    Console.WriteLine($"{source}: {lines.Count} lines, {lines.Sum(l => l.Count(ZawgyiModel.IsMyanmarNonDigit))} Myanmar characters");
}

var burmese = sources.SelectMany(s => s.Lines).Distinct(StringComparer.Ordinal).ToList();
var training = validate ? burmese.Where((_, i) => i % 5 != 0).ToList() : burmese;
var heldBack = validate ? burmese.Where((_, i) => i % 5 == 0).ToList() : [];

var trainer = new Trainer();
foreach (var line in training)
{
    trainer.AddUnicode(line, 1);
    foreach (var variant in Trainer.ZawgyiTypings(IcuTransliterator.ToZawgyi(line)))
    {
        trainer.AddZawgyi(variant.Text, variant.Weight);
    }
}

foreach (var line in Samples.OtherLanguages)
{
    trainer.AddUnicode(line, Trainer.OtherLanguageWeight);
}

var weights = trainer.Weights();

var explain = Array.IndexOf(args, "--explain");
if (explain >= 0)
{
    Trainer.Explain(args[explain + 1], weights);
}

var compat = Array.IndexOf(args, "--compat");
if (compat >= 0)
{
    foreach (var row in File.ReadAllLines(args[compat + 1]).Where(r => r.Length > 0))
    {
        var tab = row.IndexOf('\t', StringComparison.Ordinal);
        var expected = double.Parse(row.AsSpan(0, tab), CultureInfo.InvariantCulture);
        var p = Trainer.Probability(row[(tab + 1)..], weights);
        var mark = (expected < 0.05 && p >= 0.05) || (expected > 0.95 && p <= 0.95) ? "FAIL" : (expected > 0.5) == (p > 0.5) || double.IsNegativeInfinity(expected) ? "ok" : "side";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{mark,-4} {expected,10:0.0000} {p,10:0.0000} {row[(tab + 1)..]}"));
    }
}

if (validate)
{
    Report("held-back Unicode", heldBack, weights, expectZawgyi: false);
    Report("held-back Zawgyi", [.. heldBack.Select(IcuTransliterator.ToZawgyi).Where(z => !heldBack.Contains(z))], weights, expectZawgyi: true);
    return 0;
}

File.WriteAllText(output, Trainer.Source(weights, burmese.Count, Samples.OtherLanguages.Length));
Console.WriteLine($"wrote {output}");
return 0;

static void Report(string name, IReadOnlyList<string> lines, sbyte[] weights, bool expectZawgyi)
{
    var right = 0;
    var confident = 0;
    foreach (var line in lines)
    {
        var p = Trainer.Probability(line, weights);
        right += (p > 0.5) == expectZawgyi ? 1 : 0;
        confident += (expectZawgyi ? p > ZawgyiDetector.ZawgyiThreshold : p < ZawgyiDetector.UnicodeThreshold) ? 1 : 0;
        if ((p > 0.5) != expectZawgyi)
        {
            Console.WriteLine($"  wrong {p:0.000} {line}");
        }
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name}: {right}/{lines.Count} on the right side of 0.5, {confident}/{lines.Count} past the threshold"));
}

static string RepositoryRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
        {
            return dir.FullName;
        }
    }

    throw new InvalidOperationException("Gateway.sln not found above " + AppContext.BaseDirectory);
}

/// <summary>Counts state transitions in each encoding and turns them into log-ratio weights.</summary>
internal sealed class Trainer
{
    /// <summary>Each Shan, Karen or Mon sample counts as this many Burmese lines: there are few of them.</summary>
    public const double OtherLanguageWeight = 20;

    /// <summary>Additive smoothing of every observed transition count.</summary>
    private const double Alpha = 0.1;

    /// <summary>
    /// The largest weight of one transition towards Zawgyi, in natural-log units: a transition Unicode's
    /// syllable structure forbids is strong evidence.
    /// </summary>
    private const double ZawgyiLimit = 12;

    /// <summary>
    /// The largest weight of one transition towards Unicode: Zawgyi has no rules of order, so a transition
    /// never seen in converted text can still be typed, and text is often cut mid-word.
    /// </summary>
    private const double UnicodeLimit = 5;

    /// <summary>Prior log odds Zawgyi : Unicode: most Burmese text sent today is Unicode.</summary>
    public const double Bias = -2.5;

    private static readonly int N = ZawgyiModel.StateCount;
    private readonly double[] _unicode = new double[N * N];
    private readonly double[] _zawgyi = new double[N * N];

    public void AddUnicode(string line, double weight) => Count(line, weight, _unicode);

    public void AddZawgyi(string line, double weight) => Count(line, weight, _zawgyi);

    public sbyte[] Weights()
    {
        var weights = new sbyte[N * N];
        for (var from = 0; from < N; from++)
        {
            double unicodeTotal = 0, zawgyiTotal = 0;
            for (var to = 0; to < N; to++)
            {
                unicodeTotal += _unicode[(from * N) + to];
                zawgyiTotal += _zawgyi[(from * N) + to];
            }

            for (var to = 0; to < N; to++)
            {
                var u = _unicode[(from * N) + to];
                var z = _zawgyi[(from * N) + to];
                if (u == 0 && z == 0)
                {
                    continue;
                }

                var w = Math.Log((z + Alpha) / (zawgyiTotal + (Alpha * N))) - Math.Log((u + Alpha) / (unicodeTotal + (Alpha * N)));
                w = Math.Clamp(w, -UnicodeLimit, ZawgyiLimit);
                weights[(from * N) + to] = (sbyte)Math.Round(w / ZawgyiModel.WeightScale);
            }
        }

        foreach (var (from, to, weight) in Adjustments)
        {
            weights[(from * N) + to] = (sbyte)Math.Round(weight / ZawgyiModel.WeightScale);
        }

        return weights;
    }

    /// <summary>
    /// Weights set by hand. A sign of possession U+104F standing at the start of a word says nothing in
    /// the corpus, but the reference detector's expectations (compatibility.tsv) take a lone ၏ as Zawgyi
    /// (0.98): the lean is kept so that the two detectors agree.
    /// </summary>
    private static readonly (int From, int To, double Weight)[] Adjustments =
    [
        (ZawgyiModel.Boundary, ZawgyiModel.FirstPunctuationState + (0x104F - 0x104A), 6.0),
    ];

    /// <summary>
    /// The ICU conversion and the order in which Zawgyi writers also type the same glyphs: dot below
    /// before asat (ICU writes it after).
    /// </summary>
    public static IEnumerable<(string Text, double Weight)> ZawgyiTypings(string icuZawgyi)
    {
        var typed = icuZawgyi
            .Replace("\u1039\u1037", "\u1037\u1039", StringComparison.Ordinal)
            .Replace("\u1039\u1094", "\u1094\u1039", StringComparison.Ordinal)
            .Replace("\u1039\u1095", "\u1095\u1039", StringComparison.Ordinal);
        if (typed == icuZawgyi)
        {
            return [(icuZawgyi, 1)];
        }

        return [(icuZawgyi, 0.5), (typed, 0.5)];
    }

    public static void Explain(string text, sbyte[] weights)
    {
        var previous = ZawgyiModel.Boundary;
        var sum = Bias;
        foreach (var state in States(text))
        {
            var w = weights[(previous * N) + state] * ZawgyiModel.WeightScale;
            sum += w;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {StateName(previous),-12} -> {StateName(state),-12} {w,6:0.0}"));
            previous = state;
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  log odds {sum:0.00}, p = {1 / (1 + Math.Exp(-sum)):0.0000}"));
    }

    public static double Probability(string text, sbyte[] weights)
    {
        var sum = Bias;
        var previous = ZawgyiModel.Boundary;
        var any = false;
        foreach (var state in States(text))
        {
            any |= state is not ZawgyiModel.Boundary and not ZawgyiModel.Digit;
            sum += weights[(previous * N) + state] * ZawgyiModel.WeightScale;
            previous = state;
        }

        return any ? 1 / (1 + Math.Exp(-sum)) : double.NegativeInfinity;
    }

    public static string Source(sbyte[] weights, int burmeseLines, int otherLines)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $$"""
            // <auto-generated>
            // Produced by tools/ZawgyiModelBuilder from {{burmeseLines}} lines of Unicode Burmese and their ICU my-Zawgyi
            // conversion, and {{otherLines}} Unicode Shan, Karen and Mon samples; see docs/decisions/0002-zawgyi-detector.md.
            // Row = previous state, column = next state, in tenths of a natural-log unit (positive: Zawgyi).
            // </auto-generated>
            namespace Gateway.Core.Text;

            internal static partial class ZawgyiModel
            {
                internal const double Bias = {{Bias.ToString("0.0##", CultureInfo.InvariantCulture)}};

                private static ReadOnlySpan<sbyte> Weights =>
                [

            """);
        for (var from = 0; from < N; from++)
        {
            text.Append(CultureInfo.InvariantCulture, $"        // {StateName(from)}\n        ");
            text.AppendJoin(", ", weights.Skip(from * N).Take(N).Select(w => w.ToString(CultureInfo.InvariantCulture)));
            text.Append(",\n");
        }

        text.Append("    ];\n}\n");
        return text.ToString();
    }

    private static string StateName(int state) => state switch
    {
        ZawgyiModel.Boundary => "boundary",
        ZawgyiModel.Consonant => "consonants U+1000-U+1021",
        ZawgyiModel.IndependentVowel => "independent vowels U+1022-U+102A",
        ZawgyiModel.Digit => "digits U+1040-U+1049",
        ZawgyiModel.Extended => "extended blocks U+AA60-U+AA7F, U+A9E0-U+A9FF",
        ZawgyiModel.ConsonantAfterVowel => "consonants after U+102B-U+1038",
        < ZawgyiModel.FirstPunctuationState => string.Create(CultureInfo.InvariantCulture, $"U+{0x102B + state - ZawgyiModel.FirstSignState:X4}"),
        _ => string.Create(CultureInfo.InvariantCulture, $"U+{0x104A + state - ZawgyiModel.FirstPunctuationState:X4}"),
    };

    /// <summary>The states of a line, runs of non-Myanmar characters folded into one boundary, ending on a boundary.</summary>
    private static IEnumerable<int> States(string line)
    {
        var previous = ZawgyiModel.Boundary;
        foreach (var c in line)
        {
            var state = ZawgyiModel.Next(previous, c);
            if (state == ZawgyiModel.Boundary && previous == ZawgyiModel.Boundary)
            {
                continue;
            }

            yield return state;
            previous = state;
        }

        if (previous != ZawgyiModel.Boundary)
        {
            yield return ZawgyiModel.Boundary;
        }
    }

    private static void Count(string line, double weight, double[] counts)
    {
        var previous = ZawgyiModel.Boundary;
        foreach (var state in States(line))
        {
            counts[(previous * N) + state] += weight;
            previous = state;
        }
    }
}
