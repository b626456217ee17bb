namespace Gateway.Core.Contacts;

/// <summary>
/// A hotline, NGO or operation centre from flows/directory.yaml. A number nobody has confirmed stays a placeholder:
/// the gateway never shows a made-up number.
/// </summary>
public sealed class DirectoryEntry
{
    public required string Id { get; init; }

    public required string Name { get; init; }

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

    /// <summary>Opening hours as written, or "unknown".</summary>
    public string Hours { get; init; } = "unknown";

    public string? Source { get; init; }

    public DateOnly? VerifiedOn { get; init; }

    public Flows.SourceLocation Location { get; init; }

    public Flows.SourceLocation NumberLocation { get; init; }

    /// <summary>Where <c>page_number</c> is written, or the entry when it is not.</summary>
    public Flows.SourceLocation PageNumberLocation { get; init; }

    /// <summary>Where <c>hours</c> is written, or the entry when it is not.</summary>
    public Flows.SourceLocation HoursLocation { get; init; }

    public bool IsPlaceholder => Number is null;
}
