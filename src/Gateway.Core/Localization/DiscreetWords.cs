using System.Text.RegularExpressions;

namespace Gateway.Core.Localization;

/// <summary>
/// Finds a word that would tell someone else reading a phone what the gateway is about ("trafficking", "SOS", a
/// hotline's name, and each language's own words for them). A word in a script written with spaces (Latin,
/// Vietnamese) counts where a word starts, in any case, so "traffick" finds "trafficking" and "traffickers" but not
/// letters inside another word; a word in a script written without spaces (Thai, Khmer, Lao, Burmese) counts
/// wherever it appears.
/// </summary>
public static partial class DiscreetWords
{
    /// <summary>The first of <paramref name="words"/> found in <paramref name="text"/>, or null when the text is neutral.</summary>
    /// <example><c>Find("SOS received (K7M2QXH).", ["trafficking", "SOS"])</c> is <c>"SOS"</c>.</example>
    public static string? Find(string text, IEnumerable<string> words)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(words);

        // A placeholder's name ({hotline_danger}) is not said: what it becomes is a number.
        text = Placeholder().Replace(text, " ");
        foreach (var word in words)
        {
            if (!string.IsNullOrWhiteSpace(word) && Contains(text, word))
            {
                return word;
            }
        }

        return null;
    }

    [GeneratedRegex(@"\{[a-z_]+\}")]
    private static partial Regex Placeholder();

    private static bool Contains(string text, string word)
    {
        var spaced = !word.Any(c => c is >= '\u0E00' and <= '\u0EFF' or >= '\u1000' and <= '\u109F' or >= '\u1780' and <= '\u17FF');
        for (var at = text.IndexOf(word, StringComparison.OrdinalIgnoreCase); at >= 0; at = text.IndexOf(word, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            if (!spaced || at == 0 || !char.IsLetter(text[at - 1]))
            {
                return true;
            }
        }

        return false;
    }
}
