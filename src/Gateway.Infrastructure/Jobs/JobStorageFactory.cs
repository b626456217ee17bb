using Hangfire;
using Hangfire.InMemory;
using Hangfire.Redis.StackExchange;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Jobs;

/// <summary>
/// Where Hangfire keeps the gateway's scheduled work: in memory in the embedded default, in the same Redis as
/// everything else otherwise, under its own prefix with a cluster hash tag. Job arguments carry ids only.
/// </summary>
public static class JobStorageFactory
{
    public const string RedisPrefix = "{gateway}:hangfire:";

    /// <summary>How often delayed jobs are looked for: escalations must not wait Hangfire's default 15 seconds.</summary>
    public static readonly TimeSpan SchedulePollingInterval = TimeSpan.FromSeconds(1);

    public static JobStorage InMemory() => new InMemoryStorage(new InMemoryStorageOptions());

    /// <summary>
    /// A job its server has not acknowledged within this time runs again (at least once; steps are idempotent): this
    /// is how a step whose process died gets finished. Hangfire looks for such jobs when a server starts and then
    /// once a minute, so a dead process's step runs again between one and two minutes after it was taken.
    /// </summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Hangfire on the gateway's Redis; <paramref name="invisibilityTimeout"/> defaults to <see cref="InvisibilityTimeout"/> (the fault tests shorten it).</summary>
    public static JobStorage Redis(IConnectionMultiplexer redis, TimeSpan? invisibilityTimeout = null) =>
        new RedisStorage(redis, new RedisStorageOptions
        {
            Prefix = RedisPrefix,
            // The jobs live in the same database as the reports they name (the connection string's defaultDatabase).
            Db = ConfigurationOptions.Parse((redis ?? throw new ArgumentNullException(nameof(redis))).Configuration).DefaultDatabase ?? 0,
            InvisibilityTimeout = invisibilityTimeout ?? InvisibilityTimeout,
        });

    public static BackgroundJobServerOptions ServerOptions() => new()
    {
        SchedulePollingInterval = SchedulePollingInterval,
        WorkerCount = Math.Max(4, Environment.ProcessorCount * 2),
    };
}
