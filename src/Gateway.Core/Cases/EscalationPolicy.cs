using Gateway.Core.Flows;

namespace Gateway.Core.Cases;

/// <summary>
/// Who is told about a report from some countries in some categories, level by level, until someone acknowledges.
/// A report follows a snapshot of its policy taken when it opened; the record serializes as that snapshot.
/// </summary>
public sealed record EscalationPolicy
{
    /// <summary>Unique in escalation.yaml, e.g. th-trafficking.</summary>
    public required string Id { get; init; }

    /// <summary>Country codes (TH, KH …), or "*" for any country, including an unknown one.</summary>
    public required IReadOnlyList<string> Countries { get; init; }

    /// <summary>Report categories, or "*" for any.</summary>
    public required IReadOnlyList<string> Categories { get; init; }

    public required IReadOnlyList<EscalationLevel> Levels { get; init; }

    /// <summary>Times the whole chain runs again after the last level has gone unacknowledged.</summary>
    public int Repeat { get; init; }

    /// <summary>The wait after the last level's time to acknowledge before the chain runs again.</summary>
    public TimeSpan RepeatAfter { get; init; }

    /// <summary>Where the policy's own facts come from (a document and lines, a partner), as the file writes it.</summary>
    public string? Source { get; init; }

    public SourceLocation Location { get; init; }
}
