using System.Text;
using CsCheck;
using Gateway.Core.Content;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

/// <summary>
/// Property tests of <see cref="ApprovalGate"/> over the shipped English texts whose purpose is not guarded, so that
/// what holds a change is the number and placeholder detection, not the purpose: disguised numbers and placeholder
/// removals are never served at once, harmless rewordings always are.
/// </summary>
public class ApprovalGateProperties
{
    private const long Iterations = 2_000;

    /// <summary>The digits 0-9 of scripts a number may be written in, including ones NFKC folds (full-width, mathematical, circled).</summary>
    private static readonly string[][] Scripts =
    [
        Digits('0'), Digits('\u0E50'), Digits('\u1040'), Digits('\u17E0'), Digits('\u0ED0'), Digits('\u0966'), Digits('\u0660'),
        Digits('\u06F0'), Digits('\u1090'), Digits('\uFF10'), [.. Enumerable.Range(0, 10).Select(i => char.ConvertFromUtf32(0x1D7CE + i))],
        ["\u24EA", .. Enumerable.Range(0, 9).Select(i => ((char)(0x2460 + i)).ToString())],
    ];

    /// <summary>What may stand between the digits of a disguised number: nothing, spaces, punctuation, invisible characters, marks.</summary>
    private static readonly string[] Separators =
    [
        "", "", " ", "-", ".", "/", "(", ")", "\u00A0", "\u202F", "\u2009", "\u3000", "\u2011", "\u2212", "\u00B7",
        "\u200B", "\u200C", "\u200D", "\u2060", "\u00AD", "\u200E", "\u200F", "\uFEFF", "\u20E3", "\u0332", ". ", " - ",
    ];

    private static readonly string[] Guarded = ["hotline", "hotline_labour", "hotline_trafficking", "contact_name", "contact_number"];

    private static readonly string[] Letters =
    [
        "abcdefghijklmnopqrstuvwxyz", "กขคงจฉชซญดตถทนบปผพฟมยรลวสหอ", "ကခဂဃငစဆဇညတထဒဓနပဖဗဘမယရလဝသဟအ", "កខគឃងចឆជឈញដឋឌឍណតថទធនបផពភមយរលវសហឡអ",
    ];

    private static IReadOnlyList<TextEntry> Unguarded { get; } = [.. Repository.ShippedBundle.Texts.Language("en")!.Texts.Values
        .Where(e => Repository.ShippedBundle.Texts.PurposeOf(e.Key) is { } purpose && !purpose.IsGuarded())
        .OrderBy(e => e.Key, StringComparer.Ordinal)];

    private static IReadOnlyList<TextEntry> WithGuardedPlaceholder { get; } = [.. Unguarded.Where(e => ApprovalGate.GuardedPlaceholders(e.Text).Count > 0)];

    private static string[] Digits(char zero) => [.. Enumerable.Range(0, 10).Select(i => ((char)(zero + i)).ToString())];

    private static Gen<TextEntry> AnyOf(IReadOnlyList<TextEntry> entries) => Gen.Int[0, entries.Count - 1].Select(i => entries[i]);

    /// <summary>A number of 3 to 6 digits, never starting with 0.</summary>
    private static readonly Gen<string> Number = Gen.Select(Gen.Int[1, 9], Gen.Int[0, 99_999], Gen.Int[2, 5], (first, rest, length) =>
        first.ToString(System.Globalization.CultureInfo.InvariantCulture) + rest.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(5, '0')[..length]);

    /// <summary>The number written with each digit in a random script and random separators between the digits.</summary>
    private static Gen<string> Disguised(string number) =>
        Gen.Select(Gen.Int[0, Scripts.Length - 1].Array[number.Length], Gen.Int[0, Separators.Length - 1].Array[number.Length], (scripts, separators) =>
        {
            var text = new StringBuilder();
            for (var i = 0; i < number.Length; i++)
            {
                var script = Scripts[scripts[i]];
                var digit = number[i] - '0';
                text.Append(script[digit]);
                if (i < number.Length - 1)
                {
                    text.Append(Separators[separators[i]]);
                }
            }

            return text.ToString();
        });

    private static Gen<string> Word => Gen.Select(Gen.Int[0, Letters.Length - 1], Gen.Int[1, 8], Gen.Int[0, int.MaxValue], (script, length, seed) =>
    {
        var letters = Letters[script];
        var random = new Random(seed);
        return new string([.. Enumerable.Range(0, length).Select(_ => letters[random.Next(letters.Length)])]);
    });

    private static Gen<string> Words => Word.Array[1, 5].Select(w => string.Join(' ', w));

    private static bool Held(TextEntry old, string after, IReadOnlyDictionary<string, string?>? variants = null) =>
        ApprovalGate.ForText(Repository.ShippedBundle.Texts.PurposeOf(old.Key), old, new TextChange("en", old.Key, after, variants)).NeedsSecondPerson;

    [Fact]
    public void TheShippedTexts_GiveThePropertiesSomethingToWorkOn()
    {
        Assert.True(Unguarded.Count > 50, $"only {Unguarded.Count} shipped texts have an unguarded purpose");
        Assert.True(WithGuardedPlaceholder.Count >= 5, $"only {WithGuardedPlaceholder.Count} unguarded texts have a hotline placeholder");
    }

    [Fact]
    public void ANumberAdded_HoweverItIsDisguised_IsNeverServedAtOnce()
    {
        Gen.Select(AnyOf(Unguarded), Number.SelectMany(Disguised), Gen.Int[0, 2], (entry, number, where) => (entry, number, where))
            .Sample(
                (entry, number, where) =>
                {
                    var after = where switch
                    {
                        0 => $"{entry.Text} {number}",
                        1 => $"{number} {entry.Text}",
                        _ => entry.Text.Insert(entry.Text.Length / 2, number),
                    };
                    Assert.True(Held(entry, after), $"served at once: \"{entry.Text}\" -> \"{after}\"");
                },
                iter: Iterations,
                threads: 1);
    }

    [Fact]
    public void ANumberChanged_HoweverTheNewOneIsDisguised_IsNeverServedAtOnce()
    {
        Gen.Select(AnyOf(Unguarded), Number, Number.SelectMany(Disguised), (entry, before, disguised) => (entry, before, disguised))
            .Where(t => ApprovalGate.Numbers(t.disguised)[0] != t.before)
            .Sample(
                (entry, before, disguised) =>
                {
                    var old = new TextEntry { Key = entry.Key, Text = $"{entry.Text} Call {before}.", Location = entry.Location };
                    var after = $"{entry.Text} Call {disguised}.";
                    Assert.True(Held(old, after), $"served at once: \"{old.Text}\" -> \"{after}\"");
                },
                iter: Iterations,
                threads: 1);
    }

    [Fact]
    public void ANumberAdded_OnOneChannelsVariant_IsNeverServedAtOnce()
    {
        Gen.Select(AnyOf(Unguarded), Number.SelectMany(Disguised), Gen.Int[0, TextChange.VariantChannels.Count - 1], (entry, number, channel) => (entry, number, channel))
            .Sample(
                (entry, number, channel) =>
                {
                    var variants = new Dictionary<string, string?> { [TextChange.VariantChannels[channel]] = $"{entry.Text} {number}" };
                    Assert.True(Held(entry, entry.Text, variants), $"served at once: {TextChange.VariantChannels[channel]} of \"{entry.Text}\" gets {number}");
                },
                iter: Iterations,
                threads: 1);
    }

    [Fact]
    public void AHotlinePlaceholderRemoved_Replaced_Disguised_OrMoved_IsNeverServedAtOnce()
    {
        Gen.Select(AnyOf(WithGuardedPlaceholder), Gen.Int[0, 5], Gen.Int[0, Guarded.Length - 1], Words, (entry, how, other, words) => (entry, how, other, words))
            .Sample(
                (entry, how, other, words) =>
                {
                    var name = ApprovalGate.GuardedPlaceholders(entry.Text)[0].Name;
                    var placeholder = "{" + name + "}";
                    var replacement = Guarded[other] == name ? Guarded[(other + 1) % Guarded.Length] : Guarded[other];
                    var after = how switch
                    {
                        0 => entry.Text.Replace(placeholder, string.Empty, StringComparison.Ordinal),
                        1 => entry.Text.Replace(placeholder, words, StringComparison.Ordinal),
                        2 => entry.Text.Replace(placeholder, "{" + replacement + "}", StringComparison.Ordinal),
                        3 => entry.Text.Replace(placeholder, "{" + name[..2] + "\u200B" + name[2..] + "}", StringComparison.Ordinal),
                        4 => entry.Text.Replace(placeholder, string.Empty, StringComparison.Ordinal) + ". " + placeholder,
                        _ => entry.Text.Replace(placeholder, words + " " + placeholder, StringComparison.Ordinal),
                    };
                    Assert.True(Held(entry, after), $"served at once: \"{entry.Text}\" -> \"{after}\"");
                },
                iter: Iterations,
                threads: 1);
    }

    [Fact]
    public void AHarmlessRewording_IsAlwaysServedAtOnce()
    {
        Gen.Select(AnyOf(Unguarded), Words, Gen.Int[0, 2], Gen.Int[0, 100], (entry, words, how, pick) => (entry, words, how, pick))
            .Sample(
                (entry, words, how, pick) =>
                {
                    var after = how switch
                    {
                        0 => $"{words}. {entry.Text}",
                        1 => ReplaceAClause(entry.Text, words, pick) ?? $"{words}. {entry.Text}",
                        _ => $"{entry.Text}{(entry.Text.EndsWith('.') ? string.Empty : ".")} {words}.",
                    };
                    Assert.False(Held(entry, after), $"held: \"{entry.Text}\" -> \"{after}\"");
                },
                iter: Iterations,
                threads: 1);
    }

    /// <summary>The text with the words of one clause that has neither a digit nor a placeholder replaced; null when none has.</summary>
    private static string? ReplaceAClause(string text, string words, int pick)
    {
        var clauses = new List<(int Start, int End)>();
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || ".,;:!?()".Contains(text[i], StringComparison.Ordinal))
            {
                var clause = text[start..i];
                if (clause.Trim().Length > 0 && !clause.Any(char.IsDigit) && !clause.Contains('{', StringComparison.Ordinal) && !clause.Contains('}', StringComparison.Ordinal))
                {
                    clauses.Add((start, i));
                }

                start = i + 1;
            }
        }

        if (clauses.Count == 0)
        {
            return null;
        }

        var (from, to) = clauses[pick % clauses.Count];
        return text[..from] + " " + words + " " + text[to..];
    }
}
