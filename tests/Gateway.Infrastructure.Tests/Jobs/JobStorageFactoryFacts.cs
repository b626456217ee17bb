using System.Collections.Concurrent;
using Gateway.Infrastructure.Jobs;
using Gateway.Tests.Support;
using Hangfire;

namespace Gateway.Infrastructure.Tests.Jobs;

/// <summary>
/// Proves that Hangfire.Redis.StackExchange runs on the StackExchange.Redis version pinned in
/// Directory.Packages.props, against a real redis-server: an enqueued and a delayed job both run, and a job taken by
/// a process that died runs again soon after its invisibility timeout.
/// </summary>
public class JobStorageFactoryFacts
{
    private static Task Ran(string id) => JobProbe.Ran(id);

    [Fact]
    public async Task RedisStorage_RunsEnqueuedAndDelayedJobs()
    {
        var storage = JobStorageFactory.Redis(RedisTestServer.Multiplexer);
        using var server = new BackgroundJobServer(JobStorageFactory.ServerOptions(), storage);
        var client = new BackgroundJobClient(storage);
        var now = Guid.NewGuid().ToString("N");
        var later = Guid.NewGuid().ToString("N");

        client.Enqueue(() => JobProbe.Record(now));
        client.Schedule(() => JobProbe.Record(later), TimeSpan.FromSeconds(2));

        await Ran(now).WaitAsync(TimeSpan.FromSeconds(30));
        await Ran(later).WaitAsync(TimeSpan.FromSeconds(30));
        var keys = RedisTestServer.Multiplexer.GetServers()[0].Keys(pattern: JobStorageFactory.RedisPrefix + "*").Take(1).ToList();
        Assert.NotEmpty(keys);
    }

    [Fact]
    public async Task RedisStorage_KeepsItsJobsInTheConnectionsDatabase()
    {
        _ = RedisTestServer.Multiplexer;
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{RedisTestServer.Endpoint},defaultDatabase=3");
        var storage = JobStorageFactory.Redis(redis);
        using var server = new BackgroundJobServer(JobStorageFactory.ServerOptions(), storage);
        var id = Guid.NewGuid().ToString("N");

        new BackgroundJobClient(storage).Enqueue(() => JobProbe.Record(id));

        await Ran(id).WaitAsync(TimeSpan.FromSeconds(30));
        Assert.NotEmpty(redis.GetServers()[0].Keys(database: 3, pattern: JobStorageFactory.RedisPrefix + "*").Take(1));
    }

    [Fact]
    public async Task RedisStorage_KeepsItsJobsUnderItsOwnPrefix_WhenGivenOne()
    {
        const string prefix = "{jobfacts}:hangfire:";
        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync($"{RedisTestServer.Endpoint},defaultDatabase=3");
        var storage = JobStorageFactory.Redis(redis, prefix);
        using var server = new BackgroundJobServer(JobStorageFactory.ServerOptions(), storage);
        var id = Guid.NewGuid().ToString("N");

        var job = new BackgroundJobClient(storage).Enqueue(() => JobProbe.Record(id));

        await Ran(id).WaitAsync(TimeSpan.FromSeconds(30));
        var keys = redis.GetServers()[0].Keys(database: 3, pattern: "*" + job + "*").Select(k => k.ToString()).ToList();
        Assert.NotEmpty(keys);
        Assert.All(keys, k => Assert.StartsWith(prefix, k, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RedisStorage_RunsAJobAbandonedByADeadProcessAgain_SoonAfterItsInvisibilityTimeout()
    {
        var prefix = $"{{jobfacts-{Guid.NewGuid():N}}}:hangfire:";
        var invisibility = TimeSpan.FromSeconds(3);
        var check = TimeSpan.FromSeconds(1);
        var storage = JobStorageFactory.Redis(RedisTestServer.Multiplexer, prefix, invisibility, check);
        var id = Guid.NewGuid().ToString("N");
        new BackgroundJobClient(storage).Enqueue(() => JobProbe.Record(id));

        // A process takes the job from the queue and dies: it never acknowledges or requeues it.
        using (var dead = storage.GetConnection())
        {
            Assert.NotNull(dead.FetchNextJob(["default"], CancellationToken.None));
        }

        var taken = DateTime.UtcNow;

        // A live server looks when it starts (too early: the job is still invisible), then every second. Hangfire's
        // own watcher looks once a minute, so without the shorter check the job would wait about a minute more.
        using var server = new BackgroundJobServer(JobStorageFactory.ServerOptions(), storage);
        await Ran(id).WaitAsync(TimeSpan.FromSeconds(20));
        var after = DateTime.UtcNow - taken;
        Assert.True(after >= invisibility - TimeSpan.FromMilliseconds(100), $"The job ran again {after.TotalSeconds:0.0} s after it was taken, before its invisibility timeout.");
        Assert.True(after <= invisibility + check + TimeSpan.FromSeconds(3), $"The job ran again {after.TotalSeconds:0.0} s after it was taken.");
    }

    [Fact]
    public async Task InMemoryStorage_RunsEnqueuedJobs()
    {
        var storage = JobStorageFactory.InMemory();
        using var server = new BackgroundJobServer(JobStorageFactory.ServerOptions(), storage);
        var id = Guid.NewGuid().ToString("N");
        new BackgroundJobClient(storage).Enqueue(() => JobProbe.Record(id));
        await Ran(id).WaitAsync(TimeSpan.FromSeconds(30));
    }
}

/// <summary>The job the tests enqueue: it records that it ran.</summary>
public static class JobProbe
{
    private static readonly ConcurrentDictionary<string, TaskCompletionSource> Runs = new();

    public static void Record(string id) => Source(id).TrySetResult();

    public static Task Ran(string id) => Source(id).Task;

    private static TaskCompletionSource Source(string id) =>
        Runs.GetOrAdd(id, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
}
