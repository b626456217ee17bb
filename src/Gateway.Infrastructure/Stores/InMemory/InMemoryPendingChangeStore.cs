using Gateway.Core.Content;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's pending changes; gone on restart, like everything embedded.</summary>
public sealed class InMemoryPendingChangeStore : IPendingChangeStore
{
    private readonly Lock _lock = new();
    private readonly List<PendingChange> _changes = [];

    public Task AddAsync(PendingChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            _changes.Add(change);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PendingChange>> ListAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<PendingChange>>([.. _changes.OrderBy(c => c.ProposedAt)]);
        }
    }

    public Task<PendingChange?> GetAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_changes.Find(c => c.Id == id));
        }
    }

    public Task<PendingChange?> TakeAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var change = _changes.Find(c => c.Id == id);
            if (change is not null)
            {
                _changes.Remove(change);
            }

            return Task.FromResult(change);
        }
    }
}
