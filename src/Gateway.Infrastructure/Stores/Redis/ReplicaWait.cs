using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Waits until the replicas of the Redis primaries hold what this process wrote, for the writes the gateway
/// acknowledges to a person (a reference, an ACK's "taken", a page intent, an outbox record). With
/// <see cref="Replicas"/> at 0 nothing is waited for: the primary's append-only file is the standard, as it was
/// (decision 0011).
/// <para>
/// <c>WAIT</c> counts only the writes of the client that sends it, and the gateway writes on a shared, pipelined
/// connection: a <c>WAIT</c> there would hold every other request behind it. So this keeps a connection of its own,
/// writes a small marker key there on the same primary as the write (same hash tag, so the same shard on a
/// cluster) and sends <c>WAIT</c> after it. A primary sends its replicas one ordered stream: a replica that
/// acknowledged the marker holds every write the primary took before it, the person's included. Requests waiting
/// at once share one marker and one <c>WAIT</c> per primary (the next round starts when the last one ends), so a
/// replica that stopped costs each of them at most two timeouts, not one timeout per request ahead of it.
/// </para>
/// </summary>
public sealed class ReplicaWait : IDisposable
{
    private readonly Lazy<Task<IConnectionMultiplexer>> _connection;
    private readonly ConcurrentDictionary<EndPoint, Round> _rounds = new();

    /// <param name="connect">Opens the connection of its own (called once, at the first wait).</param>
    /// <param name="replicas">How many replicas must hold a write; 0 waits for none.</param>
    /// <param name="timeout">How long to wait for them before the write counts as not durable.</param>
    public ReplicaWait(Func<Task<IConnectionMultiplexer>> connect, int replicas, TimeSpan timeout)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(replicas);
        Replicas = replicas;
        Timeout = timeout;
        _connection = new Lazy<Task<IConnectionMultiplexer>>(connect);
    }

    /// <summary>No replicas to wait for: writes are durable once the primary took them.</summary>
    public static ReplicaWait None { get; } = new(() => throw new InvalidOperationException("No replica wait is configured."), 0, TimeSpan.Zero);

    public int Replicas { get; }

    public TimeSpan Timeout { get; }

    /// <summary>
    /// Returns once <see cref="Replicas"/> replicas of each primary that holds one of <paramref name="written"/>
    /// have every write this process made there before the call; throws <see cref="ReplicaWaitException"/> (a
    /// <see cref="RedisException"/>, so callers treat it as Redis being unavailable) when fewer did in time.
    /// </summary>
    public async Task WaitAsync(params RedisKey[] written)
    {
        ArgumentNullException.ThrowIfNull(written);
        if (Replicas == 0 || written.Length == 0)
        {
            return;
        }

        var connection = await _connection.Value;
        var waits = new List<Task>();
        foreach (var group in written.Select(k => (Server: connection.GetServer(k), Tag: HashTag(k))).GroupBy(s => s.Server.EndPoint))
        {
            var (server, tag) = group.First();
            waits.Add(_rounds.GetOrAdd(group.Key, _ => new Round(this)).JoinAsync(server, tag));
        }

        await Task.WhenAll(waits);
    }

    public void Dispose()
    {
        if (_connection.IsValueCreated && _connection.Value.IsCompletedSuccessfully)
        {
            _connection.Value.Result.Dispose();
        }
    }

    /// <summary>What Redis hashes a key by: the part between the first braces when not empty, else the whole key.</summary>
    internal static string HashTag(RedisKey key)
    {
        var text = (string)key!;
        var open = text.IndexOf('{', StringComparison.Ordinal);
        var close = open < 0 ? -1 : text.IndexOf('}', open + 1);
        return close > open + 1 ? text[(open + 1)..close] : text;
    }

    private async Task<long> MarkAndWaitAsync(IServer server, string tag)
    {
        // The marker changes on each round so that it is a real write; it expires, so markers never pile up.
        var marker = $"gateway:durable:{{{tag}}}";
        await server.ExecuteAsync("SET", marker, Guid.NewGuid().ToString("N"), "PX", "60000");
        var timeoutMs = Math.Max(1, (long)Timeout.TotalMilliseconds);
        return (long)await server.ExecuteAsync("WAIT", Replicas.ToString(CultureInfo.InvariantCulture), timeoutMs.ToString(CultureInfo.InvariantCulture));
    }

    /// <summary>The waits on one primary: those that join while a round runs share the next one.</summary>
    private sealed class Round(ReplicaWait owner)
    {
        private readonly Lock _lock = new();
        private TaskCompletionSource? _next;
        private (IServer Server, string Tag) _nextTarget;
        private bool _running;

        public Task JoinAsync(IServer server, string tag)
        {
            lock (_lock)
            {
                if (_next is null)
                {
                    _next = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                    _nextTarget = (server, tag);
                }

                var joined = _next.Task;
                if (!_running)
                {
                    _running = true;
                    _ = Task.Run(RunAsync);
                }

                return joined;
            }
        }

        private async Task RunAsync()
        {
            while (true)
            {
                TaskCompletionSource round;
                (IServer Server, string Tag) target;
                lock (_lock)
                {
                    if (_next is null)
                    {
                        _running = false;
                        return;
                    }

                    (round, target) = (_next, _nextTarget);
                    _next = null;
                }

                try
                {
                    var acknowledged = await owner.MarkAndWaitAsync(target.Server, target.Tag);
                    if (acknowledged >= owner.Replicas)
                    {
                        round.SetResult();
                    }
                    else
                    {
                        round.SetException(new ReplicaWaitException(target.Server.EndPoint, acknowledged, owner.Replicas, owner.Timeout));
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    round.SetException(e);
                }
            }
        }
    }
}

/// <summary>
/// A write reached the primary but not enough replicas in time: it may be lost if the primary fails now, so the
/// gateway treats it like Redis being unavailable (the message is journaled and the person given the hotline).
/// </summary>
public sealed class ReplicaWaitException(EndPoint primary, long acknowledged, int required, TimeSpan timeout)
    : RedisException($"Redis primary {primary} took a write, but only {acknowledged} of the {required} replica(s) it must reach confirmed it within {timeout.TotalMilliseconds:0} ms; the write is not counted as safe.")
{
}
