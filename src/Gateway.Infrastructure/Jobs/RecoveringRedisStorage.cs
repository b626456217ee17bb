using Hangfire.Redis.StackExchange;
using Hangfire.Server;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Jobs;

/// <summary>
/// Hangfire's Redis storage, with its check for jobs abandoned by a dead process run every
/// <c>checkInterval</c> instead of once a minute. The check itself is the library's own (which jobs timed out, the
/// lock that lets one server at a time requeue them, how they are requeued); only the wait between two passes is
/// shortened, by giving each pass a cancellation token that ends after the interval.
/// </summary>
// IServerComponent is how Hangfire.Redis.StackExchange 1.12 hands out its watcher; Hangfire marks the interface
// obsolete for 2.0, and this storage must wrap what the library gives.
#pragma warning disable CS0618, CS0672
internal sealed class RecoveringRedisStorage(IConnectionMultiplexer redis, RedisStorageOptions options, TimeSpan checkInterval)
    : RedisStorage(redis, options)
{
    /// <summary>The name of the library's component that requeues jobs whose invisibility timeout ran out.</summary>
    internal const string WatcherName = "FetchedJobsWatcher";

    public override IEnumerable<IServerComponent> GetComponents() =>
        base.GetComponents().Select(c => c.GetType().Name == WatcherName ? new FrequentPasses(c, checkInterval) : c);

    /// <summary>Runs <paramref name="watcher"/>'s pass, then waits <paramref name="interval"/> (or until shutdown), not its own minute.</summary>
    internal sealed class FrequentPasses(IServerComponent watcher, TimeSpan interval) : IServerComponent
    {
        public void Execute(CancellationToken cancellationToken)
        {
            using var pass = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            pass.CancelAfter(interval);
            watcher.Execute(pass.Token);
        }

        public override string ToString() => $"{watcher} every {interval}";
    }
}
#pragma warning restore CS0618, CS0672
