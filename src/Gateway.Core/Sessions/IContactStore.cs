namespace Gateway.Core.Sessions;

/// <summary>
/// A contact's profile and conversation session as read at one version. Saving succeeds only if nobody saved
/// since (optimistic concurrency), so two messages from one person never overwrite each other.
/// </summary>
public sealed record ContactSnapshot(string ContactId, long Version, ContactProfile? Profile, Session? Session);

/// <summary>
/// Where profiles and sessions live: in memory in the embedded default, in Redis in production. Both pass one
/// contract test suite. The session expires after <c>sessionTtl</c>; the profile stays (an opt-out must).
/// </summary>
public interface IContactStore
{
    /// <summary>The contact's snapshot; version 0 and nulls for a contact never seen.</summary>
    Task<ContactSnapshot> LoadAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the profile and session if the stored version is still <see cref="ContactSnapshot.Version"/>;
    /// returns false, saving nothing, when another message got there first.
    /// </summary>
    Task<bool> TrySaveAsync(ContactSnapshot snapshot, TimeSpan sessionTtl, CancellationToken cancellationToken = default);
}

public static class ContactStoreExtensions
{
    /// <summary>
    /// Loads, changes and saves a contact, starting again from a fresh load whenever another message saved first.
    /// <paramref name="change"/> may run more than once: it must not have side effects of its own.
    /// <paramref name="firstLoad"/>, when given, is a load of the same contact already under way (started earlier
    /// so that it travels with other requests); it is used for the first attempt. Any snapshot will do there, however
    /// old: the save is refused when the version moved on, and the next attempt loads afresh.
    /// </summary>
    public static async Task<(ContactSnapshot Saved, T Result)> UpdateAsync<T>(
        this IContactStore store,
        string contactId,
        Func<ContactSnapshot, (ContactSnapshot Next, T Result)> change,
        TimeSpan sessionTtl,
        int maxAttempts = 50,
        Task<ContactSnapshot>? firstLoad = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = attempt == 1 && firstLoad is not null ? await firstLoad : await store.LoadAsync(contactId, cancellationToken);
            if (current.ContactId != contactId)
            {
                throw new ArgumentException($"The first load is of contact {current.ContactId}, not {contactId}.", nameof(firstLoad));
            }

            var (next, result) = change(current);
            var toSave = next with { Version = current.Version };
            if (await store.TrySaveAsync(toSave, sessionTtl, cancellationToken))
            {
                return (toSave with { Version = current.Version + 1 }, result);
            }

            if (attempt >= maxAttempts)
            {
                throw new InvalidOperationException($"A contact was changed by other messages {maxAttempts} times in a row while this one was handled; giving up so the provider retries.");
            }

            // Back off a little, with jitter, so concurrent writers stop colliding.
            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
        }
    }
}
