namespace Gateway.Core.Cases;

/// <summary>
/// A distress report as the gateway first stores it, before the person is told it was received. The place is
/// free text the person wrote and is kept encrypted; nothing here identifies them but the contact id.
/// </summary>
public sealed record Report
{
    public required string Reference { get; init; }

    public required string ContactId { get; init; }

    public required string Category { get; init; }

    public string? UnderEighteen { get; init; }

    public string? EncryptedPlace { get; init; }

    public bool ForSomeoneElse { get; init; }

    public bool MayText { get; init; }

    public bool MayCall { get; init; }

    public bool Urgent { get; init; }

    public string? Language { get; init; }

    public required string Channel { get; init; }

    public string? Country { get; init; }

    /// <summary>Made in the simulator: never pages a real target.</summary>
    public bool IsTest { get; init; }

    public string Status { get; init; } = "open";

    public required DateTimeOffset OpenedAt { get; init; }
}

/// <summary>Stores reports; a report the gateway says it received exists here.</summary>
public interface IReportStore
{
    /// <summary>Stores the report durably; fails rather than lose it.</summary>
    Task CreateAsync(Report report, CancellationToken cancellationToken = default);

    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default);
}
