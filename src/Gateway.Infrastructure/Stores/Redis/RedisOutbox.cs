using Gateway.Core.Outbound;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Outbound messages in Redis: the outbox every gateway process sends from, which survives a restart.
/// Key layout (all under the <c>{outbound}</c> hash tag, so one Lua script updates a message and its indexes
/// together on a cluster too; no number and no readable text anywhere):
/// <list type="bullet">
/// <item><c>gateway:{outbound}:message:&lt;id&gt;</c> hash: <c>v</c> version (incremented on every save), <c>m</c> the
/// message JSON (body sealed). No expiry while pending or being sent; expires after the retention (30 days by
/// default) once sent, failed or refused.</item>
/// <item><c>gateway:{outbound}:due</c> sorted set: ids of pending messages scored by their next attempt, and of
/// messages being sent scored by the end of their lease (Unix ms). Every process polls it.</item>
/// <item><c>gateway:{outbound}:failed</c> sorted set: ids of failed and refused messages scored by the time of that
/// change (Unix ms); entries older than the retention are trimmed.</item>
/// <item><c>gateway:{outbound}:sid:&lt;providerSid&gt;</c> string: our id for the provider's message id, for status
/// callbacks that do not carry ours; expires with the retention.</item>
/// </list>
/// </summary>
/// <param name="redis">The gateway's shared connection.</param>
/// <param name="retention">How long a message is kept once it is sent, failed or refused (30 days by default).</param>
/// <param name="durable">A save returns once the replicas this asks for hold it (decision 0011).</param>
public sealed class RedisOutbox(IConnectionMultiplexer redis, TimeSpan? retention = null, ReplicaWait? durable = null) : IOutbox
{
    private const string Prefix = "gateway:{outbound}:";

    // Compare the version, write the message, and move its id in or out of the indexes, all at once.
    private const string SaveScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'm', ARGV[2])
        if ARGV[4] == '' then redis.call('ZREM', KEYS[2], ARGV[3]) else redis.call('ZADD', KEYS[2], ARGV[4], ARGV[3]) end
        if ARGV[5] == '' then
          redis.call('ZREM', KEYS[3], ARGV[3])
        else
          redis.call('ZADD', KEYS[3], ARGV[5], ARGV[3])
          redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. ARGV[7])
        end
        if ARGV[4] == '' then redis.call('PEXPIRE', KEYS[1], ARGV[6]) else redis.call('PERSIST', KEYS[1]) end
        if #KEYS >= 4 then redis.call('SET', KEYS[4], ARGV[3], 'PX', ARGV[6]) end
        return 1
        """;

    private static readonly RedisKey DueKey = Prefix + "due";
    private static readonly RedisKey FailedKey = Prefix + "failed";

    private readonly TimeSpan _retention = retention ?? TimeSpan.FromDays(30);

    public Task<bool> TryAddAsync(OutboundMessage message, CancellationToken cancellationToken = default) =>
        TrySaveAsync(message, 0, cancellationToken);

    public async Task<OutboxEntry?> LoadAsync(string id, CancellationToken cancellationToken = default)
    {
        var fields = await redis.GetDatabase().HashGetAsync(MessageKey(id), ["v", "m"]);
        return fields[1].HasValue ? new OutboxEntry(StoreJson.Read<OutboundMessage>(fields[1])!, (long)fields[0]) : null;
    }

    public async Task<bool> TrySaveAsync(OutboundMessage message, long expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        RedisKey[] keys = message.ProviderSid is null
            ? [MessageKey(message.Id), DueKey, FailedKey]
            : [MessageKey(message.Id), DueKey, FailedKey, SidKey(message.ProviderSid)];
        var retentionMs = (long)Math.Max(1, _retention.TotalMilliseconds);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(SaveScript, keys,
        [
            expectedVersion,
            StoreJson.Write(message),
            message.Id,
            message.DueAt is { } due ? due.ToUnixTimeMilliseconds() : string.Empty,
            message.IsFailed ? message.UpdatedAt.ToUnixTimeMilliseconds() : string.Empty,
            retentionMs,
            message.UpdatedAt.ToUnixTimeMilliseconds() - retentionMs,
        ]);
        if ((int)result != 1)
        {
            return false;
        }

        await (durable ?? ReplicaWait.None).WaitAsync(keys[0]);
        return true;
    }

    public async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        var ids = await redis.GetDatabase().SortedSetRangeByScoreAsync(DueKey, double.NegativeInfinity, now.ToUnixTimeMilliseconds(), take: limit);
        return [.. ids.Select(id => id.ToString())];
    }

    public async Task<string?> FindIdByProviderSidAsync(string providerSid, CancellationToken cancellationToken = default)
    {
        var id = await redis.GetDatabase().StringGetAsync(SidKey(providerSid));
        return id.HasValue ? id.ToString() : null;
    }

    public async Task<IReadOnlyList<OutboundMessage>> ListFailedAsync(int limit, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var ids = await db.SortedSetRangeByRankAsync(FailedKey, 0, limit - 1, Order.Descending);
        var messages = new List<OutboundMessage>(ids.Length);
        foreach (var id in ids)
        {
            if (await LoadAsync(id.ToString(), cancellationToken) is { } entry)
            {
                messages.Add(entry.Message);
            }
            else
            {
                // The message itself expired with the retention: forget its place in the index too.
                await db.SortedSetRemoveAsync(FailedKey, id);
            }
        }

        return messages;
    }

    internal static RedisKey MessageKey(string id) => Prefix + "message:" + id;

    internal static RedisKey SidKey(string providerSid) => Prefix + "sid:" + providerSid;
}
