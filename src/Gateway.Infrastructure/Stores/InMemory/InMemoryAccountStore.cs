using Gateway.Core.Accounts;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>
/// The embedded default's organisations and accounts: gone when the process stops (the embedded host makes a local
/// admin key at each start). One lock keeps every change and its indexes together.
/// </summary>
public sealed class InMemoryAccountStore : IAccountStore
{
    private readonly Lock _lock = new();
    private readonly List<Organisation> _organisations = [];
    private readonly Dictionary<string, Account> _accounts = new(StringComparer.Ordinal);
    private readonly List<string> _accountOrder = [];
    private readonly Dictionary<string, string> _keyIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<ResponderNumber>> _numbers = new(StringComparer.Ordinal);

    public Task CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        lock (_lock)
        {
            if (_organisations.Any(o => o.Id == organisation.Id))
            {
                throw new InvalidOperationException($"An organisation with id {organisation.Id} exists already.");
            }

            if (_organisations.Any(o => AccountStoreKeys.NameKey(o.Name) == AccountStoreKeys.NameKey(organisation.Name)))
            {
                throw new InvalidOperationException($"An organisation named \"{organisation.Name}\" exists already.");
            }

            _organisations.Add(organisation);
        }

        return Task.CompletedTask;
    }

    public Task<Organisation?> FindOrganisationAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_organisations.FirstOrDefault(o => o.Id == organisationId));
        }
    }

    public Task<Organisation?> FindOrganisationByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_organisations.FirstOrDefault(o => AccountStoreKeys.NameKey(o.Name) == AccountStoreKeys.NameKey(name)));
        }
    }

    public Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Organisation>>([.. _organisations.OrderBy(o => o.CreatedAt)]);
        }
    }

    public Task<Account> CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_lock)
        {
            if (!_organisations.Any(o => o.Id == account.OrganisationId))
            {
                throw new InvalidOperationException($"There is no organisation with id {account.OrganisationId}.");
            }

            if (_accounts.ContainsKey(account.Id))
            {
                throw new InvalidOperationException($"An account with id {account.Id} exists already.");
            }

            if (_keyIds.ContainsKey(account.ApiKeyId))
            {
                throw new InvalidOperationException($"API key id {account.ApiKeyId} is taken.");
            }

            var stored = account with { Version = 1 };
            _accounts[stored.Id] = stored;
            _accountOrder.Add(stored.Id);
            _keyIds[stored.ApiKeyId] = stored.Id;
            return Task.FromResult(stored);
        }
    }

    public Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_accounts.GetValueOrDefault(accountId));
        }
    }

    public Task<Account?> FindByApiKeyIdAsync(string keyId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_keyIds.TryGetValue(keyId, out var id) ? _accounts.GetValueOrDefault(id) : null);
        }
    }

    public Task<IReadOnlyList<Account>> ListAccountsAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Account>>(
                [.. _accountOrder.Select(id => _accounts[id]).Where(a => a.OrganisationId == organisationId).OrderBy(a => a.CreatedAt)]);
        }
    }

    public Task<Account?> UpdateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        lock (_lock)
        {
            var stored = _accounts.GetValueOrDefault(account.Id) ?? throw new InvalidOperationException($"There is no account with id {account.Id}.");
            if (stored.OrganisationId != account.OrganisationId)
            {
                throw new InvalidOperationException($"Account {account.Id} belongs to {stored.OrganisationId}; an account never moves to another organisation.");
            }

            if (stored.Version != account.Version)
            {
                return Task.FromResult<Account?>(null);
            }

            if (stored.ApiKeyId != account.ApiKeyId)
            {
                if (_keyIds.ContainsKey(account.ApiKeyId))
                {
                    throw new InvalidOperationException($"API key id {account.ApiKeyId} is taken.");
                }

                _keyIds.Remove(stored.ApiKeyId);
                _keyIds[account.ApiKeyId] = account.Id;
            }

            var saved = account with { Version = stored.Version + 1 };
            _accounts[account.Id] = saved;
            return Task.FromResult<Account?>(saved);
        }
    }

    public Task<bool> AddResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        lock (_lock)
        {
            if (!_accounts.ContainsKey(number.AccountId))
            {
                throw new InvalidOperationException($"There is no account with id {number.AccountId}.");
            }

            var list = _numbers.TryGetValue(number.AccountId, out var existing) ? existing : _numbers[number.AccountId] = [];
            if (list.Any(n => n.ContactId == number.ContactId))
            {
                return Task.FromResult(false);
            }

            list.Add(number with { Version = 1 });
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<ResponderNumber>> FindResponderNumbersAsync(string accountId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<ResponderNumber>>(_numbers.TryGetValue(accountId, out var list) ? [.. list.OrderBy(n => n.AddedAt)] : []);
        }
    }

    public Task<IReadOnlyList<Account>> FindAccountsByResponderContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Account>>(
            [
                .. _accountOrder
                    .Where(id => _numbers.TryGetValue(id, out var list) && list.Any(n => n.ContactId == contactId && n.Verified))
                    .Select(id => _accounts[id])
                    .Where(a => !a.Disabled),
            ]);
        }
    }

    public Task<ResponderNumber?> SaveResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        lock (_lock)
        {
            if (!_numbers.TryGetValue(number.AccountId, out var list))
            {
                return Task.FromResult<ResponderNumber?>(null);
            }

            var index = list.FindIndex(n => n.ContactId == number.ContactId);
            if (index < 0 || list[index].Version != number.Version)
            {
                return Task.FromResult<ResponderNumber?>(null);
            }

            var saved = number with { Version = number.Version + 1 };
            list[index] = saved;
            return Task.FromResult<ResponderNumber?>(saved);
        }
    }
}
