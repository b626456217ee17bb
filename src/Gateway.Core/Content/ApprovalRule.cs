using System.Text;
using Gateway.Core.Localization;

namespace Gateway.Core.Content;

/// <summary>
/// Which changes need a second person: a wrong hotline or NGO number sends a person in danger nowhere, so a change
/// to a number in flows/directory.yaml, to a text whose fact is a hotline, or to the numbers a text says takes the
/// approval of another editor before it is served.
/// </summary>
public static class ApprovalRule
{
    /// <summary>Digits in a row (spaces and hyphens between them allowed) that make a phone number or a short code.</summary>
    public const int NumberDigits = 3;

    /// <summary>Why changing <paramref name="old"/> into <paramref name="change"/> needs a second person, or null when it does not.</summary>
    public static string? Reason(TextEntry? old, TextChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        if (old?.Fact is { } fact && fact.Contains("hotline", StringComparison.OrdinalIgnoreCase))
        {
            return $"the text gives a hotline (fact: {fact})";
        }

        var before = Numbers(Wordings(old));
        var after = Numbers(Wordings(old, change));
        if (!before.SetEquals(after))
        {
            var removed = before.Except(after).Order(StringComparer.Ordinal).ToList();
            var added = after.Except(before).Order(StringComparer.Ordinal).ToList();
            var what = new List<string>();
            if (removed.Count > 0)
            {
                what.Add("removes " + string.Join(", ", removed));
            }

            if (added.Count > 0)
            {
                what.Add("adds " + string.Join(", ", added));
            }

            return $"the text's numbers change (it {string.Join(" and ", what)})";
        }

        return null;
    }

    /// <summary>The numbers of three or more digits in a text, in Latin digits: "Call 1 300" gives 1300.</summary>
    public static HashSet<string> Numbers(IEnumerable<string> texts)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
        {
            var digits = new StringBuilder();
            var pending = false;
            foreach (var c in text + "\n")
            {
                if (char.IsDigit(c))
                {
                    digits.Append((char)('0' + (int)char.GetNumericValue(c)));
                    pending = false;
                }
                else if ((c == ' ' || c == '-') && digits.Length > 0 && !pending)
                {
                    pending = true;
                }
                else
                {
                    if (digits.Length >= NumberDigits)
                    {
                        found.Add(digits.ToString());
                    }

                    digits.Clear();
                    pending = false;
                }
            }
        }

        return found;
    }

    private static IEnumerable<string> Wordings(TextEntry? entry) =>
        entry is null ? [] : [entry.Text, .. entry.Variants.Values];

    private static IEnumerable<string> Wordings(TextEntry? old, TextChange change)
    {
        yield return change.Text;
        var variants = change.Variants ?? new Dictionary<string, string?>();
        foreach (var channel in TextChange.VariantChannels)
        {
            var value = variants.TryGetValue(channel, out var changed) ? changed : old?.Variants.GetValueOrDefault(channel);
            if (!string.IsNullOrEmpty(value))
            {
                yield return value;
            }
        }
    }
}
