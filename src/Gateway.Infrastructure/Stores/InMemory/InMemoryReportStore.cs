using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's reports: gone when the process stops, which the start-up banner says.</summary>
public sealed class InMemoryReportStore : IReportStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Report> _reports = new(StringComparer.Ordinal);

    // Reports with a pending escalation step by when it is due, kept with every change, as the Redis store does.
    private readonly SortedSet<(DateTimeOffset Due, string Reference)> _due = [];

    // The report each inbound message opened or joined (kept for the process's life, like the reports).
    private readonly Dictionary<string, string> _messages = new(StringComparer.Ordinal);

    public Task CreateAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        lock (_gate)
        {
            if (!_reports.TryAdd(report.Reference, report))
            {
                throw new InvalidOperationException($"A report with reference {report.Reference} exists already.");
            }

            Index(null, report);
        }

        return Task.CompletedTask;
    }

    public Task<string?> RecordMessageAsync(string messageId, string reference, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_messages.TryAdd(messageId, reference) ? null : _messages[messageId]);
        }
    }

    public Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_reports.GetValueOrDefault(reference));
        }
    }

    public Task<(Report? Report, bool Changed)> UpdateAsync(string reference, Func<Report, Report?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            if (!_reports.TryGetValue(reference, out var current))
            {
                return Task.FromResult<(Report?, bool)>((null, false));
            }

            if (change(current) is not { } next)
            {
                return Task.FromResult<(Report?, bool)>((current, false));
            }

            _reports[reference] = next;
            Index(current, next);
            return Task.FromResult<(Report?, bool)>((next, true));
        }
    }

    public Task<IReadOnlyList<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<Report>>([.. _reports.Values.Where(query.Matches).OrderByDescending(r => r.OpenedAt).ThenBy(r => r.Reference, StringComparer.Ordinal).Take(query.Limit)]);
        }
    }

    public Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<string>>([.. _due.TakeWhile(d => d.Due <= dueBefore).Take(limit).Select(d => d.Reference)]);
        }
    }

    public Task<Report?> LatestForContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_reports.Values.Where(r => r.ContactId == contactId).MaxBy(r => r.OpenedAt));
        }
    }

    private void Index(Report? before, Report after)
    {
        if (before?.PendingStepDue() is { } was)
        {
            _due.Remove((was, before.Reference));
        }

        if (after.PendingStepDue() is { } due)
        {
            _due.Add((due, after.Reference));
        }
    }
}
