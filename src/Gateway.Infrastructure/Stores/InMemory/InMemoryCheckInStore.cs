using Gateway.Core.CheckIns;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's check-in records and invitations: gone when the process stops, which the start-up banner says.</summary>
public sealed class InMemoryCheckInStore(TimeProvider clock) : ICheckInStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (CheckInRecord Record, DateTimeOffset Until)> _records = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Inviter, DateTimeOffset Until)> _inviters = new(StringComparer.Ordinal);

    public Task<CheckInRecord?> FindAsync(string contactId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(Live(contactId));
        }
    }

    public Task<(CheckInRecord? Record, bool Changed)> UpdateAsync(string contactId, Func<CheckInRecord?, CheckInRecord?> change, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        ArgumentNullException.ThrowIfNull(change);
        lock (_gate)
        {
            var current = Live(contactId);
            if (change(current) is not { } next)
            {
                return Task.FromResult((current, false));
            }

            _records[contactId] = (next, clock.GetUtcNow() + retention);
            return Task.FromResult<(CheckInRecord?, bool)>((next, true));
        }
    }

    public Task SetInviterAsync(string inviteeContactId, string inviterContactId, TimeSpan lifetime, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _inviters[inviteeContactId] = (inviterContactId, clock.GetUtcNow() + lifetime);
        }

        return Task.CompletedTask;
    }

    public Task<string?> FindInviterAsync(string inviteeContactId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_inviters.TryGetValue(inviteeContactId, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Inviter : null);
        }
    }

    public Task RemoveInviterAsync(string inviteeContactId, string inviterContactId, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_inviters.TryGetValue(inviteeContactId, out var entry) && entry.Inviter == inviterContactId)
            {
                _inviters.Remove(inviteeContactId);
            }
        }

        return Task.CompletedTask;
    }

    private CheckInRecord? Live(string contactId) =>
        _records.TryGetValue(contactId, out var entry) && entry.Until > clock.GetUtcNow() ? entry.Record : null;
}
