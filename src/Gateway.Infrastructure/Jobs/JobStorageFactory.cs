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

    /// <summary>
    /// Hangfire on <paramref name="redis"/>. A <paramref name="prefix"/> other than the gateway's is for a second,
    /// separate job store on the same Redis (the escalation benchmark's baseline); <paramref name="invisibilityTimeout"/>
    /// defaults to <see cref="InvisibilityTimeout"/> (the fault tests shorten it).
    /// </summary>
    public static JobStorage Redis(IConnectionMultiplexer redis, string prefix = RedisPrefix, TimeSpan? invisibilityTimeout = null) =>
        new RedisStorage(redis, new RedisStorageOptions
        {
            Prefix = prefix,
            // The jobs live in the same database as the reports they name (the connection string's defaultDatabase).
            Db = ConfigurationOptions.Parse((redis ?? throw new ArgumentNullException(nameof(redis))).Configuration).DefaultDatabase ?? 0,
            InvisibilityTimeout = invisibilityTimeout ?? InvisibilityTimeout,
        });

    public static BackgroundJobServerOptions ServerOptions() => new()
    {
        SchedulePollingInterval = SchedulePollingInterval,
        // A step mostly waits (on Redis, a hotline's webhook, Twilio), holding its worker while it does: few workers
        // made steps queue behind each other under many open reports (docs/benchmarks.md, "Escalation lateness and memory").
        WorkerCount = Math.Max(20, Environment.ProcessorCount * 5),
        // Due jobs are moved to the queue in batches; each move is a few Redis round trips, made this many at a time
        // (Hangfire's default is one per processor, too few when thousands of steps fall due within seconds).
        MaxDegreeOfParallelismForSchedulers = Math.Max(8, Environment.ProcessorCount * 4),
    };
}
