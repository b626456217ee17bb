using System.Diagnostics;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Tests.Stores.Redis;

/// <summary>
/// Waiting for replicas on a primary and a real replica (two redis-server processes on loopback): the wait ends
/// once the replica holds the write, fails in bounded time when the replica stopped, and never holds up the
/// connection every other request uses.
/// </summary>
public sealed class ReplicaWaitFacts : IDisposable
{
    private readonly RedisReplicaPair _pair = new();
    private readonly ConnectionMultiplexer _shared;

    public ReplicaWaitFacts() => _shared = ConnectionMultiplexer.Connect($"{_pair.Primary.Endpoint},abortConnect=true");

    public void Dispose()
    {
        _shared.Dispose();
        _pair.Dispose();
    }

    private ReplicaWait NewWait(TimeSpan timeout) =>
        new(async () => await ConnectionMultiplexer.ConnectAsync($"{_pair.Primary.Endpoint},abortConnect=true,asyncTimeout=5000"), 1, timeout);

    [Fact]
    public async Task Wait_Returns_OnceTheReplicaHoldsTheWrite()
    {
        using var wait = NewWait(TimeSpan.FromSeconds(2));
        var key = (RedisKey)"gateway:report:{WAIT01}";
        await _shared.GetDatabase().StringSetAsync(key, "stored");

        await wait.WaitAsync(key);

        using var replica = await ConnectionMultiplexer.ConnectAsync($"{_pair.Replica.Endpoint},abortConnect=true");
        Assert.Equal("stored", (string?)await replica.GetDatabase().StringGetAsync(key, CommandFlags.PreferReplica));
    }

    [Fact]
    public async Task Wait_FailsWithinItsTimeout_WhenTheReplicaStopped_WithoutHoldingUpOtherRequests()
    {
        using var wait = NewWait(TimeSpan.FromMilliseconds(400));
        var db = _shared.GetDatabase();
        await wait.WaitAsync("gateway:warm-up"); // the connection of its own is open before the clock starts

        _pair.Replica.Suspend();
        try
        {
            var keys = Enumerable.Range(0, 20).Select(i => (RedisKey)$"gateway:report:{{STOP{i:00}}}").ToArray();
            foreach (var key in keys)
            {
                await db.StringSetAsync(key, "taken by the primary only");
            }

            var clock = Stopwatch.StartNew();
            var waits = keys.Select(k => Record.ExceptionAsync(() => wait.WaitAsync(k))).ToList();

            // Meanwhile the shared connection answers at once.
            var read = Stopwatch.StartNew();
            Assert.Equal("taken by the primary only", (string?)await db.StringGetAsync(keys[0]));
            Assert.True(read.Elapsed < TimeSpan.FromMilliseconds(300), $"A read on the shared connection took {read.Elapsed.TotalMilliseconds:0} ms while a wait ran.");

            var failures = await Task.WhenAll(waits);
            Assert.All(failures, f => Assert.IsType<ReplicaWaitException>(f));
            Assert.Contains("0 of the 1 replica", failures[0]!.Message, StringComparison.Ordinal);

            // Twenty waits at once share their rounds: each is over within two timeouts, not twenty.
            Assert.True(clock.Elapsed < TimeSpan.FromMilliseconds(400 * 3), $"Twenty waits took {clock.Elapsed.TotalMilliseconds:0} ms.");
        }
        finally
        {
            _pair.Replica.Resume();
        }

        await db.StringSetAsync("gateway:report:{BACK01}", "after");
        await wait.WaitAsync("gateway:report:{BACK01}");
    }

    [Fact]
    public async Task WithNoReplicasAsked_NothingIsWaitedFor()
    {
        var connected = false;
        using var wait = new ReplicaWait(() => { connected = true; throw new InvalidOperationException("not used"); }, 0, TimeSpan.FromSeconds(1));
        _pair.Replica.Suspend();
        try
        {
            await wait.WaitAsync("gateway:report:{NONE01}");
        }
        finally
        {
            _pair.Replica.Resume();
        }

        Assert.False(connected);
    }
}
