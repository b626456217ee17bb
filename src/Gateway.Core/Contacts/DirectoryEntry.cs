namespace Gateway.Core.Contacts;

/// <summary>
/// A hotline, NGO or operation centre from flows/directory.yaml. A number nobody has confirmed stays a placeholder:
/// the gateway never shows a made-up number.
/// </summary>
public sealed class DirectoryEntry
{
    public required string Id { get; init; }

    /// <summary>The name in English, said to readers of a language <see cref="Names"/> has no name in.</summary>
    public required string Name { get; init; }

    /// <summary>The name in other languages, by language code (<c>names: { th: สายด่วน 1300 }</c>).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    /// <summary>Where <c>names</c> is written, or the entry when it is not.</summary>
    public Flows.SourceLocation NamesLocation { get; init; }

    /// <summary>
    /// hotline, ngo, operation_centre, police, or agency (an office that tells which recruitment agencies are
    /// authorised).
    /// </summary>
    public required string Kind { get; init; }

    /// <summary>ISO 3166 alpha-2 code of the country the entry serves: TH, KH, LA, VN, MM.</summary>
    public required string Country { get; init; }

    /// <summary>The number to call, or null while it is a placeholder.</summary>
    public string? Number { get; init; }

    /// <summary>
    /// The number a provider can text or call to page this contact about a report, in E.164 (+ and 8 to 15
    /// digits), or null while it is a placeholder. <see cref="Number"/> is what the public dials, which may be a
    /// short code (1300) no provider abroad can reach.
    /// </summary>
    public string? PageNumber { get; init; }

    /// <summary>Why the number is missing and who should supply it.</summary>
    public string? Placeholder { get; init; }

    public IReadOnlyList<string> Languages { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>
    /// The provinces the contact serves, as the report flow's province answers write them ("Phayao"); empty: the whole
    /// country. A contact for some provinces is paged only about a report whose province is one of them.
    /// </summary>
    public IReadOnlyList<string> Provinces { get; init; } = [];

    /// <summary>Opening hours as written, or "unknown".</summary>
    public string Hours { get; init; } = "unknown";

    public string? Source { get; init; }

    /// <summary>
    /// What must be checked about the contact before the gateway goes live, e.g. "re-check 1506 with the Thai Ministry
    /// of Labour"; <c>flows validate</c> repeats it while <see cref="VerifiedOn"/> is not set.
    /// </summary>
    public string? Note { get; init; }

    public DateOnly? VerifiedOn { get; init; }

    public Flows.SourceLocation Location { get; init; }

    public Flows.SourceLocation NumberLocation { get; init; }

    /// <summary>Where <c>page_number</c> is written, or the entry when it is not.</summary>
    public Flows.SourceLocation PageNumberLocation { get; init; }

    /// <summary>Where <c>hours</c> is written, or the entry when it is not.</summary>
    public Flows.SourceLocation HoursLocation { get; init; }

    public bool IsPlaceholder => Number is null;

    /// <summary>
    /// The name in the first language of <paramref name="chain"/> (the person's language, then those it falls back
    /// to) that has one, with that language; the English <see cref="Name"/> when none has.
    /// </summary>
    /// <example><c>entry.NameIn(["lo", "th", "en"])</c> is the Thai name when the entry has a Thai name and no Lao one.</example>
    public (string Name, string Language) NameIn(IEnumerable<string> chain)
    {
        ArgumentNullException.ThrowIfNull(chain);
        foreach (var language in chain)
        {
            if (Names.TryGetValue(language, out var name))
            {
                return (name, language);
            }

            if (language == Localization.TextCatalog.DefaultLanguage)
            {
                break;
            }
        }

        return (Name, Localization.TextCatalog.DefaultLanguage);
    }
}
