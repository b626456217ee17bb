using Gateway.Infrastructure.Jobs;
using Hangfire;
using StackExchange.Redis;

namespace Gateway.Bench.Escalation;

/// <summary>
/// The baseline: bare Hangfire chains with the gateway's job storage and server options on the same Redis (under a
/// prefix of their own), shaped like escalation chains. A chain's first job is enqueued when its "report" opens; each
/// job records how late it started and schedules the next one <c>acknowledge_within</c> after its own start, as an
/// escalation step does, until the chain has as many steps as the gateway's. The jobs do nothing else, so their
/// lateness is Hangfire's own: polling, moving due jobs to the queue, fetching, and the workers.
/// </summary>
public static class SchedulerBaseline
{
    public const string Prefix = "{bench}:hangfire:";

    private static IBackgroundJobClient? _client;
    private static int _steps;
    private static TimeSpan _acknowledgeWithin;
    private static long[,] _lateness = new long[0, 0];
    private static int[,] _runs = new int[0, 0];

    /// <summary>One step of chain <paramref name="chain"/>; public for Hangfire, which calls it by name.</summary>
    public static void Step(int chain, int step, long dueUnixMs)
    {
        var started = DateTimeOffset.UtcNow;
        Interlocked.Increment(ref _runs[chain, step]);
        _lateness[chain, step] = (long)((started - DateTimeOffset.FromUnixTimeMilliseconds(dueUnixMs)).TotalMilliseconds * 1000);
        if (step + 1 < _steps)
        {
            var next = step + 1;
            var due = (started + _acknowledgeWithin).ToUnixTimeMilliseconds();
            _client!.Schedule(() => Step(chain, next, due), _acknowledgeWithin);
        }
    }

    /// <summary>
    /// Runs <paramref name="chains"/> chains of <paramref name="steps"/> steps, opened evenly over
    /// <paramref name="openWindow"/>, and returns each step's lateness in microseconds ([chain, step]) and how many
    /// times it ran.
    /// </summary>
    internal static async Task<(long[,] LatenessMicroseconds, int[,] Runs)> RunAsync(
        IConnectionMultiplexer redis, int chains, int steps, TimeSpan acknowledgeWithin, TimeSpan openWindow, int workers, int schedulers, CancellationToken cancellationToken)
    {
        _steps = steps;
        _acknowledgeWithin = acknowledgeWithin;
        _lateness = new long[chains, steps];
        _runs = new int[chains, steps];
        GlobalConfiguration.Configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings();
        var storage = JobStorageFactory.Redis(redis, Prefix);
        _client = new BackgroundJobClient(storage);
        var defaults = JobStorageFactory.ServerOptions();
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions { SchedulePollingInterval = defaults.SchedulePollingInterval, WorkerCount = workers, MaxDegreeOfParallelismForSchedulers = schedulers }, storage))
        {
            var started = DateTimeOffset.UtcNow;
            for (var chain = 0; chain < chains; chain++)
            {
                await EvenPace.WaitAsync(started, chain, chains, openWindow, cancellationToken);
                var id = chain;
                var due = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                _client.Enqueue(() => Step(id, 0, due));
            }

            // Every chain's last step is due about (steps - 1) × acknowledge_within after it opened; wait for them.
            var deadline = DateTime.UtcNow + openWindow + (acknowledgeWithin * steps) + TimeSpan.FromSeconds(60);
            while (Volatile.Read(ref _runs[chains - 1, steps - 1]) == 0 || !AllDone(chains, steps))
            {
                if (DateTime.UtcNow > deadline)
                {
                    break;
                }

                await Task.Delay(500, cancellationToken);
            }

            // A step that would run twice would do so within seconds (a retry, a second fetch): give it the chance.
            await Task.Delay(TimeSpan.FromSeconds(3), cancellationToken);
            server.SendStop();
        }

        return (_lateness, _runs);
    }

    private static bool AllDone(int chains, int steps)
    {
        for (var chain = 0; chain < chains; chain++)
        {
            if (Volatile.Read(ref _runs[chain, steps - 1]) == 0)
            {
                return false;
            }
        }

        return true;
    }
}
