namespace Gateway.Core.Contacts;

/// <summary>The hotlines and partners, looked up by country, category and language.</summary>
public sealed class ContactDirectory
{
    public ContactDirectory(IReadOnlyList<DirectoryEntry> entries) => Entries = entries;

    public IReadOnlyList<DirectoryEntry> Entries { get; }

    public DirectoryEntry? Find(string id) => Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>
    /// The hotline to name to a person in <paramref name="country"/> for <paramref name="category"/>;
    /// hotlines with a confirmed number come first, then placeholders.
    /// </summary>
    public DirectoryEntry? Hotline(string? country, string? category)
    {
        DirectoryEntry? best = null;
        var bestScore = -1;
        foreach (var entry in Entries)
        {
            if (entry.Kind != "hotline" || (country is not null && entry.Country != country))
            {
                continue;
            }

            var score = (entry.IsPlaceholder ? 0 : 4)
                + (category is not null && entry.Categories.Contains(category) ? 2 : 0);
            if (score > bestScore)
            {
                best = entry;
                bestScore = score;
            }
        }

        return best;
    }

    /// <summary>Entries for a country, those speaking <paramref name="language"/> first.</summary>
    public IEnumerable<DirectoryEntry> For(string? country, string? language, string? kind = null) =>
        Entries.Where(e => (country is null || e.Country == country) && (kind is null || e.Kind == kind))
            .OrderByDescending(e => language is not null && e.Languages.Contains(language))
            .ThenBy(e => e.IsPlaceholder);
}
