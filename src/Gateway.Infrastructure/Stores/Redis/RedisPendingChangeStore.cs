using Gateway.Core.Content;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Content changes waiting for a second person's approval, shared by every gateway process.
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:{studio}:pending</c> hash: change id → the change as JSON (who proposed it, when, what). Nothing
/// expires: a change waits until someone approves or rejects it.</item>
/// </list>
/// The numbers in a pending change are public hotline and partner numbers from flows/directory.yaml, not a contact's.
/// </summary>
public sealed class RedisPendingChangeStore(IConnectionMultiplexer redis) : IPendingChangeStore
{
    private const string Key = "gateway:{studio}:pending";

    // Reads and deletes in one step, so of two approvers exactly one gets the change.
    private const string TakeScript = """
        local value = redis.call('HGET', KEYS[1], ARGV[1])
        if value then redis.call('HDEL', KEYS[1], ARGV[1]) end
        return value
        """;

    public Task AddAsync(PendingChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return redis.GetDatabase().HashSetAsync(Key, change.Id, StoreJson.Write(change));
    }

    public async Task<IReadOnlyList<PendingChange>> ListAsync(CancellationToken cancellationToken = default)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(Key);
        return [.. entries.Select(e => StoreJson.Read<PendingChange>(e.Value)).OfType<PendingChange>().OrderBy(c => c.ProposedAt)];
    }

    public async Task<PendingChange?> GetAsync(string id, CancellationToken cancellationToken = default) =>
        StoreJson.Read<PendingChange>(await redis.GetDatabase().HashGetAsync(Key, id));

    public async Task<PendingChange?> TakeAsync(string id, CancellationToken cancellationToken = default)
    {
        var value = await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [Key], [id]);
        return value.IsNull ? null : StoreJson.Read<PendingChange>((string?)value);
    }
}
