using Gateway.Core.Outbound;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>
/// The embedded default's outbox. Entries are kept as JSON, as in Redis, so nobody can change a stored message by
/// holding on to an object; nothing survives a restart.
/// </summary>
public sealed class InMemoryOutbox : IOutbox
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Json, long Version)> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _bySid = new(StringComparer.Ordinal);

    public Task<bool> TryAddAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        TrySaveAsync(message, 0, cancellationToken);

    public Task<OutboxEntry?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_entries.TryGetValue(id, out var entry)
                ? new OutboxEntry(StoreJson.Read<OutboundMessage>(entry.Json)!, entry.Version)
                : null);
        }
    }

    public Task<bool> TrySaveAsync(OutboundMessage message, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        lock (_lock)
        {
            var version = _entries.TryGetValue(message.Id, out var entry) ? entry.Version : 0;
            if (version != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _entries[message.Id] = (StoreJson.Write(message), version + 1);
            if (message.ProviderSid is not null)
            {
                _bySid[message.ProviderSid] = message.Id;
            }

            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<string> due = [.. Messages()
                .Where(m => m.DueAt <= now)
                .OrderBy(m => m.DueAt)
                .Take(limit)
                .Select(m => m.Id)];
            return Task.FromResult(due);
        }
    }

    public Task<string?> FindIdByProviderSidAsync(string providerSid, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_bySid.GetValueOrDefault(providerSid));
        }
    }

    public Task<IReadOnlyList<OutboundMessage>> ListFailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<OutboundMessage> failed = [.. Messages().Where(m => m.IsFailed).OrderByDescending(m => m.UpdatedAt).Take(limit)];
            return Task.FromResult(failed);
        }
    }

    private IEnumerable<OutboundMessage> Messages() => _entries.Values.Select(e => StoreJson.Read<OutboundMessage>(e.Json)!);
}
