using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Action links that have acted, in Redis.
/// Key layout: <c>gateway:link-used:{&lt;tokenId&gt;}</c> string: the time it was used (ISO 8601), set only if absent
/// (SET NX PX) and expiring <c>grace</c> (5 minutes by default) after the link itself, so that a process whose
/// clock runs behind cannot use an expired link again.
/// </summary>
public sealed class RedisUsedLinkStore(IConnectionMultiplexer redis, TimeProvider clock, TimeSpan? grace = null) : IUsedLinkStore
{
    private readonly TimeSpan _grace = grace ?? IUsedLinkStore.DefaultGrace;

    public RedisUsedLinkStore(IConnectionMultiplexer redis)
        : this(redis, TimeProvider.System)
    {
    }

    public Task<bool> TryUseAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var now = clock.GetUtcNow();
        var ttl = (expires > now ? expires - now : TimeSpan.Zero) + _grace;
        if (ttl < TimeSpan.FromMilliseconds(1))
        {
            ttl = TimeSpan.FromMilliseconds(1);
        }

        return redis.GetDatabase().StringSetAsync(Key(tokenId), now.ToString("O", System.Globalization.CultureInfo.InvariantCulture), ttl, When.NotExists);
    }

    internal static RedisKey Key(string tokenId) => $"gateway:link-used:{{{tokenId}}}";
}
