using StackExchange.Redis;

namespace Gateway.Tests.Support;

/// <summary>
/// A primary redis-server and one replica of it (<c>--replicaof</c>), each a <see cref="PrivateRedis"/> on a free
/// loopback port, for tests of what replicas hold. The constructor returns once the replica is linked and has
/// synced; <see cref="Replica"/>'s <see cref="PrivateRedis.Suspend"/> stops it acknowledging writes.
/// </summary>
public sealed class RedisReplicaPair : IDisposable
{
    public RedisReplicaPair(bool durable = false)
    {
        // Without the default five-second delay before a full sync, the replica is online at once.
        Primary = new PrivateRedis(durable, ["--repl-diskless-sync-delay", "0"]);
        Replica = new PrivateRedis(durable, ["--replicaof", "127.0.0.1", Primary.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        WaitUntilLinked(TimeSpan.FromSeconds(10));
    }

    public PrivateRedis Primary { get; }

    public PrivateRedis Replica { get; }

    /// <summary>Waits until the primary counts a replica that is online (its link up and synced).</summary>
    public void WaitUntilLinked(TimeSpan timeout)
    {
        using var connection = ConnectionMultiplexer.Connect($"{Primary.Endpoint},abortConnect=true,connectTimeout=5000");
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var info = (string)connection.GetServer(Primary.Endpoint).Execute("INFO", "replication")!;
            if (info.Contains("connected_slaves:1", StringComparison.Ordinal) && info.Contains("state=online", StringComparison.Ordinal))
            {
                return;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The replica on port {Replica.Port} did not come online within {timeout.TotalSeconds} s: {info}");
            }

            Thread.Sleep(50);
        }
    }

    public void Dispose()
    {
        Replica.Dispose();
        Primary.Dispose();
    }
}
