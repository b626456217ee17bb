namespace Gateway.Web.Reports;

/// <summary>The "Reports" configuration section.</summary>
public sealed class ReportOptions
{
    public const string Section = "Reports";

    /// <summary>A second SOS from the same person within this time joins their open report instead of opening another.</summary>
    public TimeSpan SosJoinWindow { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>A report acknowledged but not resolved within this time reminds its owner.</summary>
    public TimeSpan ResolveReminderAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Organisations (ids, comma-separated) that see every report: the operation centre.</summary>
    public string? OperatorOrganisations { get; set; }

    /// <summary>How long a signed acknowledge link stays usable.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(12);

    public IReadOnlySet<string> OperatorOrganisationList() =>
        (OperatorOrganisations ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
}
