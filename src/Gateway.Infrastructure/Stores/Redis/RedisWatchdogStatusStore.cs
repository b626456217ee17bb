using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// The escalation watchdog's last run in Redis, read by every process's <c>/health/escalations</c>.
/// Key layout: <c>gateway:escalation:watchdog</c> string: the last <see cref="WatchdogStatus"/> as JSON (references
/// and sentences only), kept for a day so that a watchdog that stopped long ago still shows as stopped.
/// </summary>
public sealed class RedisWatchdogStatusStore(IConnectionMultiplexer redis) : IWatchdogStatusStore
{
    private const string Key = "gateway:escalation:watchdog";

    public Task SaveAsync(WatchdogStatus status, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(Key, StoreJson.Write(status), TimeSpan.FromDays(1));

    public async Task<WatchdogStatus?> LoadAsync(CancellationToken cancellationToken = default) =>
        StoreJson.Read<WatchdogStatus>(await redis.GetDatabase().StringGetAsync(Key));
}
