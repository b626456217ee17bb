using Gateway.Core.Sessions;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Provider message ids seen, in Redis.
/// Key layout: <c>gateway:dedupe:{&lt;providerMessageId&gt;}</c> string: empty while the message is being handled,
/// then the reply given; expires after the dedupe window (48 hours by default).
/// </summary>
public sealed class RedisMessageDedupe(IConnectionMultiplexer redis) : IMessageDedupe
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
        return reply.IsNullOrEmpty ? (DedupeClaim.InProgress, null) : (DedupeClaim.Answered, (string?)reply);
    }

    public Task CompleteAsync(string providerMessageId, string reply, TimeSpan window, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(Key(providerMessageId), reply, window);

    public Task ReleaseAsync(string providerMessageId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().KeyDeleteAsync(Key(providerMessageId));

    internal static RedisKey Key(string providerMessageId) => $"gateway:dedupe:{{{providerMessageId}}}";
}
