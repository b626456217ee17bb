using Gateway.Infrastructure.Jobs;
using Hangfire;
using StackExchange.Redis;

namespace Gateway.Web.Configuration;

/// <summary>
/// The "Jobs" configuration section (environment: Jobs__InvisibilityTimeout, …): how soon a Hangfire job (an
/// escalation step, a check-in's expiry, a summary page) that a dead process had taken runs again elsewhere.
/// With Redis only: the embedded default's jobs die with its process, as everything else it keeps does.
/// </summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>
    /// A job not acknowledged this long after a process took it runs again. Short, so that a dead process's step is
    /// taken over soon (docs/operations.md, "Recovery after a process dies"); a step that really runs longer is
    /// started a second time, which is harmless (its pages are leased).
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; set; } = JobStorageFactory.InvisibilityTimeout;

    /// <summary>How often each process looks for jobs whose invisibility timeout ran out (a few Redis reads per queue).</summary>
    public TimeSpan AbandonedJobCheckInterval { get; set; } = JobStorageFactory.AbandonedJobCheckInterval;

    /// <summary>The job storage on <paramref name="redis"/> with these timings.</summary>
    public JobStorage RedisStorage(IConnectionMultiplexer redis) =>
        JobStorageFactory.Redis(redis, invisibilityTimeout: InvisibilityTimeout, abandonedJobCheckInterval: AbandonedJobCheckInterval);
}
