using System.Collections.Concurrent;
using Gateway.Core.Sessions;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>
/// The embedded default's contact store. Records are kept as JSON, as in Redis, so a caller can never change a
/// stored session by holding on to an object; nothing survives a restart.
/// </summary>
public sealed class InMemoryContactStore(TimeProvider clock) : IContactStore
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public Task<ContactSnapshot> LoadAsync(string contactId, CancellationToken cancellationToken = default)
    {
        if (!_entries.TryGetValue(contactId, out var entry))
        {
            return Task.FromResult(new ContactSnapshot(contactId, 0, null, null));
        }

        lock (entry)
        {
            var session = entry.SessionExpires > clock.GetUtcNow() ? StoreJson.Read<Session>(entry.Session) : null;
            return Task.FromResult(new ContactSnapshot(contactId, entry.Version, StoreJson.Read<ContactProfile>(entry.Profile), session));
        }
    }

    public Task<bool> TrySaveAsync(ContactSnapshot snapshot, TimeSpan sessionTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var entry = _entries.GetOrAdd(snapshot.ContactId, _ => new Entry());
        lock (entry)
        {
            if (entry.Version != snapshot.Version)
            {
                return Task.FromResult(false);
            }

            entry.Version++;
            entry.Profile = snapshot.Profile is null ? null : StoreJson.Write(snapshot.Profile);
            entry.Session = snapshot.Session is null ? null : StoreJson.Write(snapshot.Session);
            entry.SessionExpires = clock.GetUtcNow() + sessionTtl;
            return Task.FromResult(true);
        }
    }

    private sealed class Entry
    {
        public long Version { get; set; }

        public string? Profile { get; set; }

        public string? Session { get; set; }

        public DateTimeOffset SessionExpires { get; set; }
    }
}
