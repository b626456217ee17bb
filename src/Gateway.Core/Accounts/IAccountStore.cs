namespace Gateway.Core.Accounts;

/// <summary>
/// The one store of organisations, accounts and responder numbers: in memory in the embedded default, in Redis in
/// production. Both pass one contract test suite. Accounts and numbers are saved over the version they were read at
/// (optimistic concurrency), so two processes counting failed sign-ins or wrong codes never lose a count.
/// </summary>
public interface IAccountStore
{
    /// <summary>Stores a new organisation; throws <see cref="InvalidOperationException"/> when its id or its name (in any case) is taken.</summary>
    Task CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken = default);

    Task<Organisation?> FindOrganisationAsync(string organisationId, CancellationToken cancellationToken = default);

    /// <summary>The organisation of that name, compared without regard to case or surrounding spaces.</summary>
    Task<Organisation?> FindOrganisationByNameAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Every organisation, oldest first.</summary>
    Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a new account (at version 1) in an existing organisation; throws <see cref="InvalidOperationException"/>
    /// when the organisation is unknown, or the account id or API key id is taken.
    /// </summary>
    Task<Account> CreateAccountAsync(Account account, CancellationToken cancellationToken = default);

    Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>The account whose current API key has this id, disabled or not (the caller refuses disabled ones).</summary>
    Task<Account?> FindByApiKeyIdAsync(string keyId, CancellationToken cancellationToken = default);

    /// <summary>The organisation's accounts, oldest first.</summary>
    Task<IReadOnlyList<Account>> ListAccountsAsync(string organisationId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves <paramref name="account"/> if the stored one is still at <see cref="Account.Version"/>, and returns it
    /// at its new version; returns null, saving nothing, when another change came first (read it again and retry:
    /// <see cref="AccountStoreExtensions.UpdateAccountAsync"/> does). A new <see cref="Account.ApiKeyId"/> replaces
    /// the old one at once: the old key stops working. Throws <see cref="InvalidOperationException"/> for an unknown
    /// account, a move to another organisation, or a key id another account holds.
    /// </summary>
    Task<Account?> UpdateAccountAsync(Account account, CancellationToken cancellationToken = default);

    /// <summary>Adds a number to an account (at version 1); false, changing nothing, when the account has that number already.</summary>
    Task<bool> AddResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default);

    /// <summary>The account's numbers, verified or not, earliest <see cref="ResponderNumber.AddedAt"/> first.</summary>
    Task<IReadOnlyList<ResponderNumber>> FindResponderNumbersAsync(string accountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The accounts with a VERIFIED number of that contact id, leaving out disabled ones: who is texting, when a text
    /// comes from a responder's phone ("ACK &lt;ref&gt;"). Usually one; a shared desk phone may serve several.
    /// </summary>
    Task<IReadOnlyList<Account>> FindAccountsByResponderContactAsync(string contactId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a number the account has if the stored one is still at <see cref="ResponderNumber.Version"/>, and
    /// returns it at its new version; null, saving nothing, when another change came first or the number is gone.
    /// A verified number is found by <see cref="FindAccountsByResponderContactAsync"/> from then on, an unverified one no more.
    /// </summary>
    Task<ResponderNumber?> SaveResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default);
}

/// <summary>Read-change-save loops over <see cref="IAccountStore"/>'s optimistic saves.</summary>
public static class AccountStoreExtensions
{
    /// <summary>
    /// Loads the account, applies <paramref name="change"/> and saves, starting again from a fresh read when another
    /// change came first. <paramref name="change"/> returns null to leave the account as it is, and may run more than
    /// once (no side effects). Returns the account as stored afterwards, or null when there is no such account.
    /// </summary>
    public static async Task<Account?> UpdateAccountAsync(this IAccountStore store, string accountId, Func<Account, Account?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var current = await store.FindAccountAsync(accountId, cancellationToken);
            if (current is null)
            {
                return null;
            }

            var next = change(current);
            if (next is null)
            {
                return current;
            }

            if (await store.UpdateAccountAsync(next with { Version = current.Version }, cancellationToken) is { } saved)
            {
                return saved;
            }

            await Backoff(attempt, "Account " + accountId, cancellationToken);
        }
    }

    /// <summary>
    /// Loads the account's number of <paramref name="contactId"/>, applies <paramref name="change"/> and saves,
    /// starting again when another change came first. <paramref name="change"/> returns the number to save (null to
    /// leave it) and a result; it may run more than once. Returns null for a number the account does not have.
    /// </summary>
    public static async Task<(ResponderNumber Number, T Result)?> UpdateResponderNumberAsync<T>(
        this IAccountStore store,
        string accountId,
        string contactId,
        Func<ResponderNumber, (ResponderNumber? Next, T Result)> change,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(change);
        for (var attempt = 1; ; attempt++)
        {
            var numbers = await store.FindResponderNumbersAsync(accountId, cancellationToken);
            var current = numbers.FirstOrDefault(n => n.ContactId == contactId);
            if (current is null)
            {
                return null;
            }

            var (next, result) = change(current);
            if (next is null)
            {
                return (current, result);
            }

            if (await store.SaveResponderNumberAsync(next with { Version = current.Version }, cancellationToken) is { } saved)
            {
                return (saved, result);
            }

            await Backoff(attempt, "A responder number of account " + accountId, cancellationToken);
        }
    }

    private static Task Backoff(int attempt, string what, CancellationToken cancellationToken)
    {
        if (attempt >= 50)
        {
            throw new InvalidOperationException($"{what} was changed by others 50 times in a row; giving up on this change.");
        }

        return Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
    }
}
