namespace Gateway.Core.Outbound;

/// <summary>An outbox record as read at one version; saving succeeds only if nobody saved since.</summary>
public sealed record OutboxEntry(OutboundMessage Message, long Version);

/// <summary>
/// Where outbound messages live from the moment the gateway decides to send them: in memory in the embedded
/// default, in Redis in production. Both pass one contract test suite. Every change is a compare-and-set on the
/// entry's version, which is how a lease is taken and how two processes never send the same message at once.
/// </summary>
public interface IOutbox
{
    /// <summary>Records a new message at version 1; false, changing nothing, when its id is taken.</summary>
    Task<bool> TryAddAsync(OutboundMessage message, CancellationToken cancellationToken = default);

    Task<OutboxEntry?> LoadAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Saves <paramref name="message"/> if the stored version is still <paramref name="expectedVersion"/>.</summary>
    Task<bool> TrySaveAsync(OutboundMessage message, long expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Ids of messages whose <see cref="OutboundMessage.DueAt"/> is at or before <paramref name="now"/>, earliest first.</summary>
    Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The id of the message the provider knows as <paramref name="providerSid"/>, if one was stored.</summary>
    Task<string?> FindIdByProviderSidAsync(string providerSid, CancellationToken cancellationToken = default);

    /// <summary>Failed and refused messages, latest change first, for operators.</summary>
    Task<IReadOnlyList<OutboundMessage>> ListFailedAsync(int limit, CancellationToken cancellationToken = default);
}

public static class OutboxExtensions
{
    /// <summary>
    /// Loads, changes and saves a message, starting again from a fresh load whenever another process saved first.
    /// <paramref name="change"/> returns null to leave the message as it is; it may run more than once and must
    /// have no side effects. Returns the message as stored afterwards (null for an unknown id) and whether it changed.
    /// </summary>
    public static async Task<(OutboundMessage? Message, bool Changed)> UpdateAsync(
        this IOutbox outbox,
        string id,
        Func<OutboundMessage, OutboundMessage?> change,
        int maxAttempts = 50,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var entry = await outbox.LoadAsync(id, cancellationToken);
            if (entry is null)
            {
                return (null, false);
            }

            var next = change(entry.Message);
            if (next is null)
            {
                return (entry.Message, false);
            }

            if (await outbox.TrySaveAsync(next, entry.Version, cancellationToken))
            {
                return (next, true);
            }

            if (attempt >= maxAttempts)
            {
                throw new InvalidOperationException($"Outbound message {id} was changed by others {maxAttempts} times in a row; giving up on this change.");
            }

            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
        }
    }
}
