using System.Globalization;

namespace Gateway.Tests.Support;

/// <summary>
/// A Redis Cluster of a test's own on loopback: three primaries and three replicas (<c>redis-cli --cluster create
/// … --cluster-replicas 1</c>), AOF fsynced on every write, a node judged failed after 1 s. The gateway connects
/// with <see cref="ConnectionString"/>, naming every node. Started ready: every slot served and every node agreeing.
/// </summary>
public sealed class RedisClusterSet : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-cluster-").FullName;
    private readonly List<RedisNode> _nodes = [];

    public RedisClusterSet()
    {
        try
        {
            for (var i = 0; i < 6; i++)
            {
                _nodes.Add(new RedisNode(_folder, "node" + i.ToString(CultureInfo.InvariantCulture), [
                    "cluster-enabled yes",
                    "cluster-config-file nodes.conf",
                    "cluster-node-timeout 1000",
                    "appendonly yes",
                    "appendfsync always",
                    "save \"\"",
                ]));
            }

            var create = RedisNode.Cli(_nodes[0].Port, ["--cluster", "create", .. _nodes.Select(n => n.Endpoint), "--cluster-replicas", "1", "--cluster-yes"]);
            if (!create.Contains("All 16384 slots covered", StringComparison.Ordinal))
            {
                throw new InvalidOperationException("redis-cli --cluster create failed: " + create);
            }
        }
        catch
        {
            Dispose();
            throw;
        }
    }

    public IReadOnlyList<RedisNode> Nodes => _nodes;

    /// <summary>The gateway's connection string: every node.</summary>
    public string ConnectionString => string.Join(',', _nodes.Select(n => n.Endpoint));

    /// <summary>Waits until every running node says the cluster is ok and sees three primaries with a replica each.</summary>
    public async Task WaitReadyAsync(TimeSpan timeout) =>
        await RedisNode.WaitForAsync(
            () => _nodes.Where(n => n.Running).All(n => n.Cli("CLUSTER", "INFO").Contains("cluster_state:ok", StringComparison.Ordinal)) && Primaries().Count == 3,
            timeout,
            "the cluster to be ok on every node");

    /// <summary>The running nodes that are primaries with slots now, as the first running node sees the cluster.</summary>
    public IReadOnlyList<RedisNode> Primaries() => [.. Nodes.Where(n => n.Running && Role(n) == "master")];

    /// <summary>"master" or "slave", as the node itself says (ROLE).</summary>
    public static string Role(RedisNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        return node.Cli("ROLE").Split('\n', StringSplitOptions.RemoveEmptyEntries)[0].Trim();
    }

    /// <summary>The node that replicates <paramref name="primary"/>.</summary>
    public RedisNode ReplicaOf(RedisNode primary)
    {
        ArgumentNullException.ThrowIfNull(primary);
        return _nodes.Single(n => n.Running && n != primary && Role(n) == "slave" && n.Info("master_port") == primary.Port.ToString(CultureInfo.InvariantCulture));
    }

    public void Dispose()
    {
        foreach (var node in _nodes)
        {
            node.Dispose();
        }

        Directory.Delete(_folder, recursive: true);
    }
}
