using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's page counts and held pages: one process, so dictionaries under a lock.</summary>
public sealed class InMemoryPageFloodStore : IPageFloodStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, List<(DateTimeOffset At, string Key)>> _pages = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Summary> _summaries = new(StringComparer.Ordinal);

    public Task<int> CountAsync(string targetId, string pageKey, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_pages.TryGetValue(targetId, out var pages))
            {
                _pages[targetId] = pages = [];
            }

            pages.RemoveAll(p => p.At < now - window);
            if (!pages.Exists(p => p.Key == pageKey))
            {
                pages.Add((now, pageKey));
            }

            // In the order they arrived.
            return Task.FromResult(pages.FindIndex(p => p.Key == pageKey));
        }
    }

    public Task<bool> HoldAsync(string summaryId, HeldPage page, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        lock (_gate)
        {
            if (!_summaries.TryGetValue(summaryId, out var summary))
            {
                _summaries[summaryId] = summary = new Summary();
            }

            if (summary.Pages.Contains(page))
            {
                return Task.FromResult(true);
            }

            if (summary.State != "open")
            {
                return Task.FromResult(false);
            }

            summary.Pages.Add(page);
            return Task.FromResult(true);
        }
    }

    public Task<SummaryLease?> TakeAsync(string summaryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (!_summaries.TryGetValue(summaryId, out var summary) || summary.State == "sent" || summary.Pages.Count == 0 || summary.LeaseUntil > now)
            {
                return Task.FromResult<SummaryLease?>(null);
            }

            var duplicate = summary.LeaseUntil is not null;
            summary.State = "closed";
            summary.LeaseUntil = leaseUntil;
            return Task.FromResult<SummaryLease?>(new SummaryLease([.. summary.Pages.OrderBy(p => p.Reference, StringComparer.Ordinal)], duplicate));
        }
    }

    public Task<IReadOnlyList<HeldPage>> PagesAsync(string summaryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult<IReadOnlyList<HeldPage>>(_summaries.TryGetValue(summaryId, out var summary) ? [.. summary.Pages.OrderBy(p => p.Reference, StringComparer.Ordinal)] : []);
        }
    }

    public Task ReleaseAsync(string summaryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_summaries.TryGetValue(summaryId, out var summary))
            {
                summary.LeaseUntil = null;
            }
        }

        return Task.CompletedTask;
    }

    public Task CompleteAsync(string summaryId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_summaries.TryGetValue(summaryId, out var summary))
            {
                summary.State = "sent";
            }
        }

        return Task.CompletedTask;
    }

    private sealed class Summary
    {
        public string State { get; set; } = "open";

        public DateTimeOffset? LeaseUntil { get; set; }

        public HashSet<HeldPage> Pages { get; } = [];
    }
}
