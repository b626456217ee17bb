namespace Gateway.Core.Cases;

/// <summary>
/// Stores reports; a report the gateway says it received exists here. The in-memory and Redis stores pass one
/// contract test suite.
/// </summary>
public interface IReportStore
{
    /// <summary>Stores a new report durably; fails rather than lose it, and refuses a reference that exists.</summary>
    Task CreateAsync(Report report, CancellationToken cancellationToken = default);

    Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default);

    /// <summary>
    /// Changes a report with no lost update between processes: <paramref name="change"/> gets the stored report and
    /// returns the new one, or null to leave it. It may run more than once and must have no side effects.
    /// Returns the report as stored afterwards (null for an unknown reference) and whether it changed.
    /// </summary>
    Task<(Report? Report, bool Changed)> UpdateAsync(string reference, Func<Report, Report?> change, CancellationToken cancellationToken = default);

    /// <summary>Reports matching the query, newest first.</summary>
    Task<IReadOnlyList<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default);

    /// <summary>The contact's most recent report, if any (for SOS messages that join an open report).</summary>
    Task<Report?> LatestForContactAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that the inbound message <paramref name="messageId"/> (channel and provider id) opened or joined
    /// <paramref name="reference"/>, unless a reference is recorded for it already; returns null when recorded now, else
    /// the reference recorded before. Called
    /// before the report is written, so that a message handled twice (a journal replay, a provider's retry after a
    /// failover) finds its report by the message, not by indexes that may have lost it. Kept for <paramref name="keep"/>.
    /// </summary>
    Task<string?> RecordMessageAsync(string messageId, string reference, TimeSpan keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds back the index entries (opened, per contact, due) that a stored report lacks, after a crash or a
    /// failover between a report's write and its indexes; returns how many were added. The report records are
    /// the truth; stores whose indexes are written with their reports at once have nothing to repair.
    /// </summary>
    Task<int> RepairIndexesAsync(CancellationToken cancellationToken = default) => Task.FromResult(0);

    /// <summary>
    /// References of reports whose <see cref="Report.PendingStepDue"/> is at or before <paramref name="dueBefore"/>,
    /// earliest first, at most <paramref name="limit"/>. Stores keep an index of due times so that this costs what
    /// it returns, not the number of open reports; an entry may be early (the report is read and checked), never
    /// missing. This default reads every report and is for stores without such an index.
    /// </summary>
    async Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(new ReportQuery { Limit = int.MaxValue }, cancellationToken);
        return [.. all.Select(r => (r.Reference, Due: r.PendingStepDue())).Where(r => r.Due <= dueBefore).OrderBy(r => r.Due).Take(limit).Select(r => r.Reference)];
    }
}

/// <summary>Filters for listing reports; null means any.</summary>
public sealed record ReportQuery
{
    public string? Status { get; init; }

    public string? Category { get; init; }

    public string? Country { get; init; }

    public string? Language { get; init; }

    /// <summary>"yes", "no" or "unknown".</summary>
    public string? UnderEighteen { get; init; }

    /// <summary>Only reports this organisation owns or was paged for (an organisation sees its own reports).</summary>
    public string? Organisation { get; init; }

    public DateTimeOffset? OpenedAfter { get; init; }

    public int Limit { get; init; } = 100;

    public bool Matches(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return (Status is null || report.Status == Status)
            && (Category is null || report.Category == Category)
            && (Country is null || report.Country == Country)
            && (Language is null || report.Language == Language)
            && (UnderEighteen is null || (report.UnderEighteen ?? "unknown") == UnderEighteen)
            && (OpenedAfter is null || report.OpenedAt > OpenedAfter)
            && (Organisation is null || report.OwnerOrganisation == Organisation || report.Organisations.Contains(Organisation));
    }
}
