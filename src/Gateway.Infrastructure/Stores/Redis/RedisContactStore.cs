using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Contacts and sessions in Redis.
/// Key layout (the contact id is an HMAC of the number, never the number):
/// <list type="bullet">
/// <item><c>gateway:{&lt;contactId&gt;}:contact</c> hash: <c>v</c> version (incremented on every save), <c>profile</c> JSON. No expiry.</item>
/// <item><c>gateway:{&lt;contactId&gt;}:session</c> string: the session JSON sealed with the data key (it holds the
/// answers the person typed, such as a place), expiring after the session TTL. A session stored as plain JSON
/// before sealing began is still read, and sealed at its next save.</item>
/// </list>
/// Both keys share the braces' hash tag, so one Lua script saves them together on a cluster too.
/// </summary>
public sealed class RedisContactStore(IConnectionMultiplexer redis, DataKey key) : IContactStore
{
    // Compare the version, then write profile and session together: no lost update between processes.
    private const string SaveScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        if ARGV[2] == '' then
          redis.call('HSET', KEYS[1], 'v', v + 1)
          redis.call('HDEL', KEYS[1], 'profile')
        else
          redis.call('HSET', KEYS[1], 'v', v + 1, 'profile', ARGV[2])
        end
        if ARGV[3] == '' then redis.call('DEL', KEYS[2]) else redis.call('SET', KEYS[2], ARGV[3], 'PX', ARGV[4]) end
        return 1
        """;

    public async Task<ContactSnapshot> LoadAsync(string contactId, CancellationToken cancellationToken = default)
    {
        // Both reads go out together and come back in one round trip. They are not one atomic read, and need not
        // be: the session is read after the version, so it is never older than it; if a save came in between, the
        // version is stale and the save that follows this load is refused and starts again.
        var db = redis.GetDatabase();
        var fieldsRead = db.HashGetAsync(ContactKey(contactId), ["v", "profile"]);
        var sessionRead = db.StringGetAsync(SessionKey(contactId));
        var fields = await fieldsRead;
        var session = await sessionRead;
        var version = fields[0].HasValue ? (long)fields[0] : 0;
        return new ContactSnapshot(contactId, version, StoreJson.Read<ContactProfile>(fields[1]), SealedJson.Read<Session>(session, key));
    }

    public async Task<bool> TrySaveAsync(ContactSnapshot snapshot, TimeSpan sessionTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            SaveScript,
            [ContactKey(snapshot.ContactId), SessionKey(snapshot.ContactId)],
            [
                snapshot.Version,
                snapshot.Profile is null ? string.Empty : StoreJson.Write(snapshot.Profile),
                snapshot.Session is null ? string.Empty : SealedJson.Write(snapshot.Session, key),
                (long)Math.Max(1, sessionTtl.TotalMilliseconds),
            ]);
        return (int)result == 1;
    }

    internal static RedisKey ContactKey(string contactId) => $"gateway:{{{contactId}}}:contact";

    internal static RedisKey SessionKey(string contactId) => $"gateway:{{{contactId}}}:session";
}
