using Gateway.Core.CheckIns;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Check-in records and buddy invitations in Redis.
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:checkin:{&lt;contactId&gt;}</c> hash: <c>v</c> version (incremented on every save), <c>json</c> the
/// record (numbers and the last message sealed). Expires the retention after its last change.</item>
/// <item><c>gateway:checkin-invited:{&lt;inviteeContactId&gt;}</c> string: the contact id of the person who invited
/// that number, expiring with the invitation.</item>
/// </list>
/// Every change is a compare-and-set on the version, so two processes (or a job run twice) never lose an update.
/// </summary>
public sealed class RedisCheckInStore(IConnectionMultiplexer redis) : ICheckInStore
{
    private const string SaveScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'json', ARGV[2])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        return 1
        """;

    private const string RemoveIfScript = """
        if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
        return 0
        """;

    public async Task<CheckInRecord?> FindAsync(string contactId, CancellationToken cancellationToken = default) =>
        (await LoadAsync(redis.GetDatabase(), contactId)).Record;

    public async Task<(CheckInRecord? Record, bool Changed)> UpdateAsync(string contactId, Func<CheckInRecord?, CheckInRecord?> change, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(contactId);
        ArgumentNullException.ThrowIfNull(change);
        var db = redis.GetDatabase();
        var ttl = (long)Math.Max(1, retention.TotalMilliseconds);
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (current, version) = await LoadAsync(db, contactId);
            if (change(current) is not { } next)
            {
                return (current, false);
            }

            if ((int)await db.ScriptEvaluateAsync(SaveScript, [Key(contactId)], [version, StoreJson.Write(next), ttl]) == 1)
            {
                return (next, true);
            }

            if (attempt >= 50)
            {
                throw new InvalidOperationException($"The check-in of contact {contactId} was changed by others {attempt} times in a row; giving up on this change.");
            }

            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
        }
    }

    public Task SetInviterAsync(string inviteeContactId, string inviterContactId, TimeSpan lifetime, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(InvitedKey(inviteeContactId), inviterContactId, lifetime);

    public async Task<string?> FindInviterAsync(string inviteeContactId, CancellationToken cancellationToken = default) =>
        await redis.GetDatabase().StringGetAsync(InvitedKey(inviteeContactId));

    public Task RemoveInviterAsync(string inviteeContactId, string inviterContactId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().ScriptEvaluateAsync(RemoveIfScript, [InvitedKey(inviteeContactId)], [inviterContactId]);

    internal static RedisKey Key(string contactId) => $"gateway:checkin:{{{contactId}}}";

    internal static RedisKey InvitedKey(string inviteeContactId) => $"gateway:checkin-invited:{{{inviteeContactId}}}";

    private static async Task<(CheckInRecord? Record, long Version)> LoadAsync(IDatabase db, string contactId)
    {
        var fields = await db.HashGetAsync(Key(contactId), ["v", "json"]);
        return (StoreJson.Read<CheckInRecord>(fields[1]), fields[0].HasValue ? (long)fields[0] : 0);
    }
}
