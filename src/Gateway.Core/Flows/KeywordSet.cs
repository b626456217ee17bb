using System.Globalization;
using System.Text;

namespace Gateway.Core.Flows;

/// <summary>A keyword found in a message, in the language whose word matched, with its argument if any.</summary>
public sealed record KeywordMatch(KeywordDefinition Keyword, string Language, string Argument);

/// <summary>
/// All keywords, indexed by their normalised words. A keyword matches only the whole message, or the whole
/// message but its argument (<c>GO 30</c>); "I want to stop working here" never matches STOP.
/// Precedence: a keyword scoped to the person's current state wins over a global one; among words that
/// mean different things in different languages, the person's own language wins.
/// </summary>
public sealed class KeywordSet
{
    private readonly Dictionary<string, List<(KeywordDefinition Keyword, string Language)>> _byWord = new(StringComparer.Ordinal);

    public KeywordSet(IEnumerable<KeywordDefinition> global, IEnumerable<KeywordDefinition> scoped)
    {
        Global = [.. global];
        Scoped = [.. scoped];
        foreach (var keyword in Global.Concat(Scoped))
        {
            foreach (var (language, words) in keyword.Words)
            {
                foreach (var word in words)
                {
                    var key = Normalize(word.Text);
                    if (!_byWord.TryGetValue(key, out var list))
                    {
                        _byWord[key] = list = [];
                    }

                    list.Add((keyword, language));
                }
            }
        }

        MaxWords = _byWord.Keys.Count == 0 ? 1 : _byWord.Keys.Max(k => k.Count(c => c == ' ') + 1);
        foreach (var channel in Enum.GetValues<Localization.Channel>())
        {
            _menus[channel] = [.. Global.Where(k => k.Menu is not null && k.Menu.ShowsOn(channel)).OrderBy(k => k.Menu!.KeyFor(channel))];
        }
    }

    private readonly Dictionary<Localization.Channel, KeywordDefinition[]> _menus = [];

    /// <summary>The keywords shown as numbered options on every menu of <paramref name="channel"/>, by number.</summary>
    public IReadOnlyList<KeywordDefinition> MenuOptions(Localization.Channel channel) =>
        _menus.TryGetValue(channel, out var menus) ? menus : [];

    /// <summary>The keyword whose menu option has number <paramref name="key"/> on <paramref name="channel"/>, or null.</summary>
    public KeywordDefinition? FindMenuOption(Localization.Channel channel, int key)
    {
        foreach (var keyword in MenuOptions(channel))
        {
            if (keyword.Menu!.KeyFor(channel) == key)
            {
                return keyword;
            }
        }

        return null;
    }

    public IReadOnlyList<KeywordDefinition> Global { get; }

    public IReadOnlyList<KeywordDefinition> Scoped { get; }

    private int MaxWords { get; }

    public KeywordDefinition? Find(string id) => Global.FirstOrDefault(k => k.Id == id);

    /// <summary>
    /// Finds the keyword a message is, trying each candidate form of the message (e.g. as typed and
    /// converted from Zawgyi) in order.
    /// </summary>
    public KeywordMatch? Match(IReadOnlyList<string> candidates, string? state, string? language)
    {
        foreach (var candidate in candidates)
        {
            if (Match(candidate, state, language) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    public KeywordMatch? Match(string text, string? state, string? language)
    {
        var normalized = Normalize(text);
        if (normalized.Length == 0)
        {
            return null;
        }

        if (Pick(normalized, state, language, argument: string.Empty) is { } whole)
        {
            return whole;
        }

        // The keyword followed by its argument: try each split at a space, longest keyword first.
        var space = -1;
        var splits = new List<int>();
        while ((space = normalized.IndexOf(' ', space + 1)) >= 0 && splits.Count < MaxWords)
        {
            splits.Add(space);
        }

        for (var i = splits.Count - 1; i >= 0; i--)
        {
            var head = normalized[..splits[i]];
            var argument = normalized[(splits[i] + 1)..];
            if (Pick(head, state, language, argument) is { } match)
            {
                return match;
            }
        }

        return null;
    }

    private KeywordMatch? Pick(string word, string? state, string? language, string argument)
    {
        if (!_byWord.TryGetValue(word, out var entries))
        {
            return null;
        }

        (KeywordDefinition Keyword, string Language)? best = null;
        var bestScore = -1;
        foreach (var entry in entries)
        {
            if (entry.Keyword.Scope is not null && entry.Keyword.Scope != state)
            {
                continue;
            }

            if (!ArgumentFits(entry.Keyword.Argument, argument))
            {
                continue;
            }

            var score = (entry.Keyword.Scope is not null ? 2 : 0) + (entry.Language == language ? 1 : 0);
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }

        return best is { } found ? new KeywordMatch(found.Keyword, found.Language, argument) : null;
    }

    private static bool ArgumentFits(KeywordArgument kind, string argument) => kind switch
    {
        KeywordArgument.None => argument.Length == 0,
        KeywordArgument.Minutes => int.TryParse(argument, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 24 * 60,
        KeywordArgument.Reference => argument.Length is >= 4 and <= 16 && argument.All(char.IsAsciiLetterOrDigit),
        KeywordArgument.PhoneNumber => argument.Count(char.IsAsciiDigit) >= 6 && argument.All(c => char.IsAsciiDigit(c) || c is '+' or ' ' or '-' or '(' or ')'),
        _ => false,
    };

    /// <summary>
    /// The form words are compared in: NFC, upper case (invariant), inner whitespace collapsed to one space,
    /// and surrounding punctuation such as "SOS!" or "stop." removed.
    /// </summary>
    public static string Normalize(string text)
    {
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text.AsSpan().Trim())
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        var result = builder.ToString().Trim(TrailingPunctuation);
        try
        {
            return result.IsNormalized(NormalizationForm.FormC) ? result : result.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // Half a character (a lone surrogate, e.g. "\udfff" escaped in a YAML file) has no normal form; such a
            // word matches only itself.
            return result;
        }
    }

    private static readonly char[] TrailingPunctuation = ['.', '!', '?', ',', ';', ' ', '။', '၊'];
}
