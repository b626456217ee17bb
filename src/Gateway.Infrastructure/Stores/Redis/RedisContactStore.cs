using System.Security.Cryptography;
using System.Text.Json;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Contacts and sessions in Redis.
/// Key layout (the contact id is an HMAC of the number, never the number):
/// <list type="bullet">
/// <item><c>gateway:{&lt;contactId&gt;}:contact</c> hash: <c>v</c> version (incremented on every save), <c>profile</c> JSON,
/// <c>d</c> whether the person asked for discreet replies, sealed with the data key ("1" or "0", so that neither its
/// presence nor its value tells a reader of Redis who is hiding their phone). No expiry.</item>
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
          redis.call('HDEL', KEYS[1], 'profile', 'd')
        else
          redis.call('HSET', KEYS[1], 'v', v + 1, 'profile', ARGV[2], 'd', ARGV[5])
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
        var fieldsRead = db.HashGetAsync(ContactKey(contactId), ["v", "profile", "d"]);
        var sessionRead = db.StringGetAsync(SessionKey(contactId));
        var fields = await fieldsRead;
        var session = await sessionRead;
        var version = fields[0].HasValue ? (long)fields[0] : 0;
        var profile = StoreJson.Read<ContactProfile>(fields[1]);
        if (profile is not null)
        {
            profile.Discreet = IsDiscreet(fields[2]);
        }

        return new ContactSnapshot(contactId, version, profile, SealedJson.Read<Session>(session, key));
    }

    public async Task<bool> TrySaveAsync(ContactSnapshot snapshot, TimeSpan sessionTtl, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var result = await redis.GetDatabase().ScriptEvaluateAsync(
            SaveScript,
            [ContactKey(snapshot.ContactId), SessionKey(snapshot.ContactId)],
            [
                snapshot.Version,
                snapshot.Profile is null ? string.Empty : ProfileJson(snapshot.Profile),
                snapshot.Session is null ? string.Empty : SealedJson.Write(snapshot.Session, key),
                (long)Math.Max(1, sessionTtl.TotalMilliseconds),
                key.Seal(snapshot.Profile?.Discreet == true ? "1" : "0"),
            ]);
        return (int)result == 1;
    }

    /// <summary>The profile's JSON without the discreet flag, which is kept sealed beside it.</summary>
    private static string ProfileJson(ContactProfile profile)
    {
        var json = JsonSerializer.SerializeToNode(profile, StoreJson.Options)!.AsObject();
        json.Remove("discreet");
        return json.ToJsonString(StoreJson.Options);
    }

    /// <summary>
    /// The sealed flag opened. A flag that cannot be opened (the data key changed) reads as discreet: writing too
    /// carefully to someone is a smaller harm than naming the subject on a phone they said someone else reads.
    /// </summary>
    private bool IsDiscreet(RedisValue sealedFlag)
    {
        if (sealedFlag.IsNullOrEmpty)
        {
            return false;
        }

        try
        {
            return key.Open(sealedFlag.ToString()) != "0";
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return true;
        }
    }

    internal static RedisKey ContactKey(string contactId) => $"gateway:{{{contactId}}}:contact";

    internal static RedisKey SessionKey(string contactId) => $"gateway:{{{contactId}}}:session";
}
