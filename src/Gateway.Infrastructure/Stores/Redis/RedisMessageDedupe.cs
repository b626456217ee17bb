using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Provider message ids seen, in Redis.
/// Key layout: <c>gateway:dedupe:{&lt;providerMessageId&gt;}</c> string: empty while the message is being handled,
/// then the reply given, sealed with the data key; expires after the dedupe window (48 hours by default). A reply
/// stored in plain text before sealing began is still given back as it is.
/// </summary>
public sealed class RedisMessageDedupe(IConnectionMultiplexer redis, DataKey dataKey) : IMessageDedupe
{
    public async Task<(DedupeClaim Claim, string? Reply)> ClaimAsync(string providerMessageId, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var key = Key(providerMessageId);
        if (await db.StringSetAsync(key, string.Empty, window, When.NotExists))
        {
            return (DedupeClaim.New, null);
        }

        var reply = await db.StringGetAsync(key);
        return reply.IsNullOrEmpty ? (DedupeClaim.InProgress, null) : (DedupeClaim.Answered, SealedJson.OpenText(reply!, dataKey));
    }

    /// <summary>
    /// Stores the reply without waiting for Redis to confirm it, so the webhook answers one round trip sooner.
    /// This is safe under the provider's retries: the command is queued on the connection before the webhook
    /// answers, and commands on a connection run in order, so a retry's claim (which comes later) finds the reply.
    /// Only if that connection breaks before the command is written is the reply lost: the claim then stays "in
    /// progress" until the window ends, and a retry (there is one only if the provider did not get the answer
    /// either) is answered with an empty reply after the wait; the flow is never run twice. Waiting for Redis would
    /// not do better: a failed store here fails the webhook after the contact was already saved, and the message is
    /// then journaled and run again.
    /// </summary>
    public Task CompleteAsync(string providerMessageId, string reply, TimeSpan window, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(Key(providerMessageId), dataKey.Seal(reply), window, flags: CommandFlags.FireAndForget);

    public Task ReleaseAsync(string providerMessageId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().KeyDeleteAsync(Key(providerMessageId));

    internal static RedisKey Key(string providerMessageId) => $"gateway:dedupe:{{{providerMessageId}}}";
}
