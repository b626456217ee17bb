namespace Gateway.Core.Contacts;

/// <summary>Whom a caller who asks to talk to someone now is put through to, and how.</summary>
/// <param name="Entry">The directory entry; null when nobody with a known number can take a call now.</param>
/// <param name="Dial">
/// The number a call can be put through to (E.164: its <c>page_number</c>, or a <c>number</c> written with +);
/// null when the number is one the person must dial themselves, such as Thailand's 1300, a short code that no
/// provider can call.
/// </param>
public sealed record ConnectTarget(DirectoryEntry? Entry, string? Dial)
{
    public bool IsDialable => Dial is not null;
}

/// <summary>
/// Chooses whom to connect a person to for "talk to someone now": among the directory's entries for their country
/// with a confirmed number (the public <c>number</c>, or a <c>page_number</c> a call can be put through to: a
/// partner's duty phone), those open now by their hours (in the entry's own time zone; "unknown" counts as open,
/// as in escalation), for the category (an entry without categories takes any). Preferred, in order: a number a
/// call can be put through to; an entry speaking the person's language; an NGO partner before a hotline, and a
/// hotline before anything else (partners before police, as the escalation defaults); an entry for the category.
/// Pure: the clock is an argument. Numbers are never made up: an entry still a placeholder is never chosen.
/// </summary>
/// <example>
/// <code>
/// var target = ConnectRouting.Choose(bundle.Directory, "TH", "labour", "my", DateTimeOffset.UtcNow);
/// // target.Dial: "+66…" of an open NGO speaking Burmese, or null with target.Entry the 1506 hotline to name.
/// </code>
/// </example>
public static class ConnectRouting
{
    public static ConnectTarget Choose(ContactDirectory directory, string? country, string? category, string? language, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (country is null)
        {
            return new ConnectTarget(null, null);
        }

        DirectoryEntry? best = null;
        var bestScore = -1;
        foreach (var entry in directory.Entries)
        {
            if (entry.Country != country || (entry.IsPlaceholder && DialNumber(entry) is null)
                || (category is not null && entry.Categories.Count > 0 && !entry.Categories.Contains(category))
                || !IsOpen(entry, now))
            {
                continue;
            }

            var score = (DialNumber(entry) is not null ? 16 : 0)
                + (language is not null && entry.Languages.Contains(language) ? 8 : 0)
                + entry.Kind switch { "ngo" => 4, "hotline" => 2, _ => 0 }
                + (category is not null && entry.Categories.Contains(category) ? 1 : 0);
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }

        return new ConnectTarget(best, best is null ? null : DialNumber(best));
    }

    /// <summary>Open at <paramref name="now"/> in the entry's country; hours that cannot be read count as open.</summary>
    public static bool IsOpen(DirectoryEntry entry, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!OpeningHours.TryParse(entry.Hours, out var hours, out _) || hours.IsAlways)
        {
            return true;
        }

        return hours.IsOpenAt(TimeZoneInfo.ConvertTime(now, CountryCodes.TimeZone(entry.Country)).DateTime);
    }

    /// <summary>The entry's number a provider can call: its page number, else its public number when that is E.164.</summary>
    public static string? DialNumber(DirectoryEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (entry.PageNumber is { } page)
        {
            return page;
        }

        return entry.Number is { Length: >= 9 } number && number[0] == '+' && number.Skip(1).All(char.IsAsciiDigit)
            ? number
            : null;
    }
}
