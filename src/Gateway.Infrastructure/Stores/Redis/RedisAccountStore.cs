using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Core.Accounts;
using StackExchange.Redis;
using Role = Gateway.Core.Accounts.Role;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Organisations, accounts and responder numbers in Redis. Every key sits under the <c>{accounts}</c> hash tag, so
/// one Lua script changes a record and its indexes together on a cluster too. No number is readable here: numbers
/// are sealed with the data key and indexed by their contact id (an HMAC); API keys only by id and SHA-256.
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:{accounts}:org:&lt;orgId&gt;</c> string: the organisation JSON.</item>
/// <item><c>gateway:{accounts}:orgs</c> sorted set: organisation ids scored by creation time (Unix ms).</item>
/// <item><c>gateway:{accounts}:org-name:&lt;name&gt;</c> string: the id of the organisation of that name (trimmed,
/// NFC, lowercase), which keeps names unique.</item>
/// <item><c>gateway:{accounts}:account:&lt;accountId&gt;</c> string: the account JSON, with its <c>version</c>, which a
/// save compares and increments.</item>
/// <item><c>gateway:{accounts}:org-accounts:&lt;orgId&gt;</c> sorted set: the organisation's account ids scored by
/// creation time (Unix ms).</item>
/// <item><c>gateway:{accounts}:api-key:&lt;keyId&gt;</c> string: the id of the account whose current API key has
/// that id; moved in the same script when a key is rotated.</item>
/// <item><c>gateway:{accounts}:numbers:&lt;accountId&gt;</c> hash: contact id → the responder number JSON (number
/// sealed, code hashed, with its <c>version</c>).</item>
/// <item><c>gateway:{accounts}:responder:&lt;contactId&gt;</c> set: ids of the accounts with a VERIFIED number of that
/// contact id.</item>
/// </list>
/// Nothing here expires.
/// </summary>
public sealed class RedisAccountStore(IConnectionMultiplexer redis) : IAccountStore
{
    private const string Prefix = "gateway:{accounts}:";

    private const string CreateOrganisationScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
        if redis.call('EXISTS', KEYS[3]) == 1 then return -2 end
        redis.call('SET', KEYS[1], ARGV[2])
        redis.call('SET', KEYS[3], ARGV[1])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 1
        """;

    private const string CreateAccountScript = """
        if redis.call('EXISTS', KEYS[4]) == 0 then return -3 end
        if redis.call('EXISTS', KEYS[1]) == 1 then return -1 end
        if redis.call('EXISTS', KEYS[3]) == 1 then return -2 end
        redis.call('SET', KEYS[1], ARGV[2])
        redis.call('SET', KEYS[3], ARGV[1])
        redis.call('ZADD', KEYS[2], ARGV[3], ARGV[1])
        return 1
        """;

    // KEYS: account, new api-key, old api-key. ARGV: expected version, JSON, account id.
    private const string UpdateAccountScript = """
        local current = redis.call('GET', KEYS[1])
        if not current then return -1 end
        if tonumber(cjson.decode(current)['version']) ~= tonumber(ARGV[1]) then return 0 end
        if KEYS[2] ~= KEYS[3] then
          if redis.call('EXISTS', KEYS[2]) == 1 then return -3 end
          redis.call('DEL', KEYS[3])
          redis.call('SET', KEYS[2], ARGV[3])
        end
        redis.call('SET', KEYS[1], ARGV[2])
        return 1
        """;

    // KEYS: account, numbers, responder. ARGV: contact id, JSON, account id, '1' when verified.
    private const string AddNumberScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
        if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
        if ARGV[4] == '1' then redis.call('SADD', KEYS[3], ARGV[3]) end
        return 1
        """;

    // KEYS: numbers, responder. ARGV: contact id, expected version, JSON, account id, '1' when verified.
    private const string SaveNumberScript = """
        local current = redis.call('HGET', KEYS[1], ARGV[1])
        if not current then return 0 end
        if tonumber(cjson.decode(current)['version']) ~= tonumber(ARGV[2]) then return 0 end
        redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
        if ARGV[5] == '1' then redis.call('SADD', KEYS[2], ARGV[4]) else redis.call('SREM', KEYS[2], ARGV[4]) end
        return 1
        """;

    private static readonly RedisKey OrganisationsKey = Prefix + "orgs";

    private static readonly JsonSerializerOptions Json = new(StoreJson.Options)
    {
        Converters = { new JsonStringEnumConverter<Role>(JsonNamingPolicy.CamelCase) },
    };

    public async Task CreateOrganisationAsync(Organisation organisation, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisation);
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(CreateOrganisationScript,
            [OrganisationKey(organisation.Id), OrganisationsKey, NameKey(organisation.Name)],
            [organisation.Id, Write(organisation), organisation.CreatedAt.ToUnixTimeMilliseconds()]);
        switch (result)
        {
            case -1:
                throw new InvalidOperationException($"An organisation with id {organisation.Id} exists already.");
            case -2:
                throw new InvalidOperationException($"An organisation named \"{organisation.Name}\" exists already.");
        }
    }

    public async Task<Organisation?> FindOrganisationAsync(string organisationId, CancellationToken cancellationToken = default) =>
        Read<Organisation>(await redis.GetDatabase().StringGetAsync(OrganisationKey(organisationId)));

    public async Task<Organisation?> FindOrganisationByNameAsync(string name, CancellationToken cancellationToken = default)
    {
        var id = await redis.GetDatabase().StringGetAsync(NameKey(name));
        return id.HasValue ? await FindOrganisationAsync(id.ToString(), cancellationToken) : null;
    }

    public async Task<IReadOnlyList<Organisation>> ListOrganisationsAsync(CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(OrganisationsKey);
        var values = ids.Length == 0 ? [] : await db.StringGetAsync([.. ids.Select(id => OrganisationKey(id.ToString()))]);
        return [.. values.Select(v => Read<Organisation>(v)).OfType<Organisation>()];
    }

    public async Task<Account> CreateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = account with { Version = 1 };
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(CreateAccountScript,
            [AccountKey(account.Id), OrganisationAccountsKey(account.OrganisationId), ApiKeyKey(account.ApiKeyId), OrganisationKey(account.OrganisationId)],
            [account.Id, Write(stored), account.CreatedAt.ToUnixTimeMilliseconds()]);
        return result switch
        {
            -1 => throw new InvalidOperationException($"An account with id {account.Id} exists already."),
            -2 => throw new InvalidOperationException($"API key id {account.ApiKeyId} is taken."),
            -3 => throw new InvalidOperationException($"There is no organisation with id {account.OrganisationId}."),
            _ => stored,
        };
    }

    public async Task<Account?> FindAccountAsync(string accountId, CancellationToken cancellationToken = default) =>
        Read<Account>(await redis.GetDatabase().StringGetAsync(AccountKey(accountId)));

    public async Task<Account?> FindByApiKeyIdAsync(string keyId, CancellationToken cancellationToken = default)
    {
        var id = await redis.GetDatabase().StringGetAsync(ApiKeyKey(keyId));
        if (!id.HasValue)
        {
            return null;
        }

        // The index moves in the same script as the key, but read the account's own key id to be sure.
        var account = await FindAccountAsync(id.ToString(), cancellationToken);
        return account?.ApiKeyId == keyId ? account : null;
    }

    public async Task<IReadOnlyList<Account>> ListAccountsAsync(string organisationId, CancellationToken cancellationToken = default)
    {
        var ids = await redis.GetDatabase().SortedSetRangeByRankAsync(OrganisationAccountsKey(organisationId));
        return await LoadAccountsAsync(ids);
    }

    public async Task<Account?> UpdateAccountAsync(Account account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        var stored = await FindAccountAsync(account.Id, cancellationToken) ?? throw new InvalidOperationException($"There is no account with id {account.Id}.");
        if (stored.OrganisationId != account.OrganisationId)
        {
            throw new InvalidOperationException($"Account {account.Id} belongs to {stored.OrganisationId}; an account never moves to another organisation.");
        }

        if (stored.Version != account.Version)
        {
            return null;
        }

        var saved = account with { Version = account.Version + 1 };
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(UpdateAccountScript,
            [AccountKey(account.Id), ApiKeyKey(account.ApiKeyId), ApiKeyKey(stored.ApiKeyId)],
            [account.Version, Write(saved), account.Id]);
        return result switch
        {
            1 => saved,
            -3 => throw new InvalidOperationException($"API key id {account.ApiKeyId} is taken."),
            _ => null,
        };
    }

    public async Task<bool> AddResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        var stored = number with { Version = 1 };
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(AddNumberScript,
            [AccountKey(number.AccountId), NumbersKey(number.AccountId), ResponderKey(number.ContactId)],
            [number.ContactId, Write(stored), number.AccountId, number.Verified ? "1" : "0"]);
        return result == -1 ? throw new InvalidOperationException($"There is no account with id {number.AccountId}.") : result == 1;
    }

    public async Task<IReadOnlyList<ResponderNumber>> FindResponderNumbersAsync(string accountId, CancellationToken cancellationToken = default)
    {
        var values = await redis.GetDatabase().HashValuesAsync(NumbersKey(accountId));
        return [.. values.Select(v => Read<ResponderNumber>(v)).OfType<ResponderNumber>().OrderBy(n => n.AddedAt)];
    }

    public async Task<IReadOnlyList<Account>> FindAccountsByResponderContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        var ids = await redis.GetDatabase().SetMembersAsync(ResponderKey(contactId));
        var accounts = await LoadAccountsAsync(ids);
        return [.. accounts.Where(a => !a.Disabled).OrderBy(a => a.CreatedAt)];
    }

    public async Task<ResponderNumber?> SaveResponderNumberAsync(ResponderNumber number, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(number);
        var saved = number with { Version = number.Version + 1 };
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(SaveNumberScript,
            [NumbersKey(number.AccountId), ResponderKey(number.ContactId)],
            [number.ContactId, number.Version, Write(saved), number.AccountId, number.Verified ? "1" : "0"]);
        return result == 1 ? saved : null;
    }

    internal static RedisKey AccountKey(string accountId) => Prefix + "account:" + accountId;

    internal static RedisKey ApiKeyKey(string keyId) => Prefix + "api-key:" + keyId;

    internal static RedisKey ResponderKey(string contactId) => Prefix + "responder:" + contactId;

    private static RedisKey OrganisationKey(string organisationId) => Prefix + "org:" + organisationId;

    private static RedisKey NameKey(string name) => Prefix + "org-name:" + AccountStoreKeys.NameKey(name);

    private static RedisKey OrganisationAccountsKey(string organisationId) => Prefix + "org-accounts:" + organisationId;

    private static RedisKey NumbersKey(string accountId) => Prefix + "numbers:" + accountId;

    private static string Write<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T? Read<T>(RedisValue value) => value.HasValue ? JsonSerializer.Deserialize<T>(value.ToString(), Json) : default;

    private async Task<IReadOnlyList<Account>> LoadAccountsAsync(RedisValue[] ids)
    {
        if (ids.Length == 0)
        {
            return [];
        }

        var values = await redis.GetDatabase().StringGetAsync([.. ids.Select(id => AccountKey(id.ToString()))]);
        return [.. values.Select(v => Read<Account>(v)).OfType<Account>()];
    }
}
