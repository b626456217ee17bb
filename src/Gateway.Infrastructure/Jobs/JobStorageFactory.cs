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

    /// <summary>
    /// Hangfire in this process's memory. It has no invisibility timeout to set: its jobs die with the process, and
    /// the embedded default keeps its reports in memory too, so nothing is left for another process to finish.
    /// </summary>
    public static JobStorage InMemory() => new InMemoryStorage(new InMemoryStorageOptions());

    /// <summary>
    /// The default of <c>Jobs__InvisibilityTimeout</c>: a job its server has not acknowledged within this time runs
    /// again (at least once; steps are idempotent). This is how a step whose process died gets finished; a step still
    /// running after it in a live process is started a second time, which its page leases make harmless.
    /// </summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The default of <c>Jobs__AbandonedJobCheckInterval</c>: how often each process looks for jobs whose invisibility
    /// timeout ran out. Hangfire.Redis.StackExchange looks once a minute, which added up to a minute to every recovery.
    /// </summary>
    public static readonly TimeSpan AbandonedJobCheckInterval = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Hangfire on <paramref name="redis"/>. A <paramref name="prefix"/> other than the gateway's is for a second,
    /// separate job store on the same Redis (the escalation benchmark's baseline); <paramref name="invisibilityTimeout"/>
    /// and <paramref name="abandonedJobCheckInterval"/> default to <see cref="InvisibilityTimeout"/> and
    /// <see cref="AbandonedJobCheckInterval"/>.
    /// </summary>
    public static JobStorage Redis(IConnectionMultiplexer redis, string prefix = RedisPrefix, TimeSpan? invisibilityTimeout = null, TimeSpan? abandonedJobCheckInterval = null) =>
        new RecoveringRedisStorage(redis, new RedisStorageOptions
        {
            Prefix = prefix,
            // The jobs live in the same database as the reports they name (the connection string's defaultDatabase).
            Db = ConfigurationOptions.Parse((redis ?? throw new ArgumentNullException(nameof(redis))).Configuration).DefaultDatabase ?? 0,
            InvisibilityTimeout = invisibilityTimeout ?? InvisibilityTimeout,
        }, abandonedJobCheckInterval ?? AbandonedJobCheckInterval);

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
