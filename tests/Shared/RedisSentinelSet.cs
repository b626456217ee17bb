using System.Globalization;

namespace Gateway.Tests.Support;

/// <summary>
/// A Redis Sentinel set of a test's own on loopback: a primary, one replica and three sentinels (quorum 2), with
/// the settings docs/operations.md asks for (AOF fsynced on every write) and sentinels quick to act (a server is
/// down after 1 s). The gateway connects with <see cref="ConnectionString"/>, naming the sentinels and the service.
/// Started ready: the replica in sync and every sentinel knowing the replica and the other two sentinels.
/// </summary>
public sealed class RedisSentinelSet : IDisposable
{
    public const string ServiceName = "gateway";

    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-sentinel-").FullName;
    private readonly List<RedisNode> _sentinels = [];

    /// <param name="password">When set, the servers and the sentinels require it, as in docker-compose.yml's sentinel profile.</param>
    public RedisSentinelSet(string? password = null)
    {
        Password = password;
        string[] auth = password is null ? [] : [$"requirepass {password}", $"masterauth {password}"];
        string[] settings = ["appendonly yes", "appendfsync always", "save \"\"", .. auth];
        try
        {
            Primary = new RedisNode(_folder, "primary", settings, password: password);
            Replica = new RedisNode(_folder, "replica", [.. settings, $"replicaof 127.0.0.1 {Primary.Port.ToString(CultureInfo.InvariantCulture)}"], password: password);
            for (var i = 0; i < 3; i++)
            {
                _sentinels.Add(new RedisNode(_folder, "sentinel" + i.ToString(CultureInfo.InvariantCulture), [
                    $"sentinel monitor {ServiceName} 127.0.0.1 {Primary.Port.ToString(CultureInfo.InvariantCulture)} 2",
                    $"sentinel down-after-milliseconds {ServiceName} 1000",
                    $"sentinel failover-timeout {ServiceName} 10000",
                    $"sentinel parallel-syncs {ServiceName} 1",
                    .. password is null ? Array.Empty<string>() : [$"sentinel auth-pass {ServiceName} {password}", $"requirepass {password}"],
                ], sentinel: true, password: password));
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public string? Password { get; }

    /// <summary>The server that was primary at the start.</summary>
    public RedisNode Primary { get; }

    /// <summary>The server that was the replica at the start.</summary>
    public RedisNode Replica { get; }

    public IReadOnlyList<RedisNode> Sentinels => _sentinels;

    /// <summary>The gateway's connection string: the three sentinels and the service they watch.</summary>
    public string ConnectionString =>
        string.Join(',', _sentinels.Select(s => s.Endpoint)) + $",serviceName={ServiceName}" + (Password is null ? string.Empty : $",password={Password}");

    /// <summary>Waits until the replica is in sync and every sentinel sees it and the two other sentinels.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await RedisNode.WaitForAsync(() => Replica.Info("master_link_status") == "up", timeout, "the replica to sync with the primary");
        await RedisNode.WaitForAsync(() => _sentinels.All(s => SentinelField(s, "num-slaves") == "1" && SentinelField(s, "num-other-sentinels") == "2"), timeout, "every sentinel to know the replica and the other sentinels");
    }

    /// <summary>The port of the server the sentinels now name as primary.</summary>
    public int PrimaryPortByTheSentinels()
    {
        var answer = _sentinels[0].Cli("SENTINEL", "get-master-addr-by-name", ServiceName).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return int.Parse(answer[1].Trim(), CultureInfo.InvariantCulture);
    }

    /// <summary>Asks a sentinel to fail over now (<c>SENTINEL FAILOVER</c>), without waiting for an agreement.</summary>
    public string Failover() => _sentinels[0].Cli("SENTINEL", "FAILOVER", ServiceName).Trim();

    public void Dispose()
    {
        foreach (var node in _sentinels)
        {
            node.Dispose();
        }

        Replica?.Dispose();
        Primary?.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static string? SentinelField(RedisNode sentinel, string field)
    {
        var lines = sentinel.Cli("SENTINEL", "MASTER", ServiceName).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        var at = lines.IndexOf(field);
        return at >= 0 && at + 1 < lines.Count ? lines[at + 1] : null;
    }
}
