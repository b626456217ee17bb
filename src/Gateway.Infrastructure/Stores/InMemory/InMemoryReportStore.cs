using System.Collections.Concurrent;
using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's reports: gone when the process stops, which the start-up banner says.</summary>
public sealed class InMemoryReportStore : IReportStore
{
    private readonly ConcurrentDictionary<string, Report> _reports = new(StringComparer.Ordinal);

    public Task CreateAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!_reports.TryAdd(report.Reference, report))
        {
            throw new InvalidOperationException($"A report with reference {report.Reference} exists already.");
        }

        return Task.CompletedTask;
    }

    public Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default) =>
        Task.FromResult(_reports.GetValueOrDefault(reference));
}
