using System.Net;
using System.Net.Http;

namespace Gateway.Bench.Http;

/// <summary>
/// Starts what the benchmark measures, each on a free loopback port: a redis-server without persistence, the
/// baseline (this executable with <c>--serve-baseline</c>) and the gateway (<c>dotnet Gateway.Web.dll</c>, from its
/// own folder as a published gateway runs, configured through the environment as in production).
/// </summary>
internal sealed class Servers : IDisposable
{
    /// <summary>The URL the gateway is told it is reached at; Twilio signs over it, and so does the benchmark.</summary>
    public const string PublicBaseUrl = "https://gw.example.org";

    private readonly List<ServerProcess> _processes = [];

    private Servers(string folder)
    {
        Folder = folder;
        AuthToken = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        AccountSid = "AC" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
    }

    /// <summary>Where the servers' logs (and the gateway's journal folder) are.</summary>
    public string Folder { get; }

    public string AuthToken { get; }

    /// <summary>The key /metrics asks for (Metrics__Key): a gateway on Redis keeps its counters closed without one.</summary>
    public string MetricsKey { get; } = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    public string AccountSid { get; }

    public string RedisEndpoint { get; private set; } = string.Empty;

    public Uri BaselineUrl { get; private set; } = null!;

    public Uri GatewayUrl { get; private set; } = null!;

    public ServerProcess Gateway { get; private set; } = null!;

    public ServerProcess Baseline { get; private set; } = null!;

    public ServerProcess Redis { get; private set; } = null!;

    public static async Task<Servers> StartAsync(string repositoryRoot, string gatewayDll, CancellationToken cancellationToken)
    {
        var servers = new Servers(Directory.CreateTempSubdirectory("gateway-bench-http-").FullName);
        try
        {
            await servers.StartAllAsync(repositoryRoot, gatewayDll, cancellationToken);
            return servers;
        }
        catch
        {
            servers.Dispose();
            throw;
        }
    }

    private async Task StartAllAsync(string repositoryRoot, string gatewayDll, CancellationToken cancellationToken)
    {
        var redisPort = ServerProcess.FreePort();
        RedisEndpoint = $"127.0.0.1:{redisPort}";
        var redis = Redis = Add(ServerProcess.Start(
            "redis-server",
            "redis-server",
            ["--port", redisPort.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"],
            new Dictionary<string, string>(),
            Folder,
            Path.Combine(Folder, "redis.log")));
        await WaitAsync(redis, async () =>
        {
            using var client = new System.Net.Sockets.TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, redisPort, cancellationToken);
            return true;
        }, cancellationToken);

        var baselinePort = ServerProcess.FreePort();
        BaselineUrl = new Uri($"http://127.0.0.1:{baselinePort}");
        Baseline = Add(ServerProcess.Start(
            "baseline",
            "dotnet",
            [typeof(BaselineServer).Assembly.Location, BaselineServer.Switch, "--urls", BaselineUrl.ToString().TrimEnd('/'), "--redis", RedisEndpoint],
            new Dictionary<string, string>
            {
                // Gateway.Web is built with the Web SDK, whose default is the server GC: the baseline runs with it too.
                ["DOTNET_gcServer"] = "1",
            },
            Folder,
            Path.Combine(Folder, "baseline.log")));

        var gatewayPort = ServerProcess.FreePort();
        GatewayUrl = new Uri($"http://127.0.0.1:{gatewayPort}");
        var journal = Directory.CreateDirectory(Path.Combine(Folder, "journal")).FullName;
        Gateway = Add(ServerProcess.Start(
            "gateway",
            "dotnet",
            [gatewayDll],
            new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = GatewayUrl.ToString().TrimEnd('/'),
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Redis"] = RedisEndpoint,
                ["Gateway__DataKey"] = WebhookTraffic.Secret(32),
                ["Gateway__PublicBaseUrl"] = PublicBaseUrl,
                ["Gateway__FlowsPath"] = Path.Combine(repositoryRoot, "flows"),
                ["Gateway__LocalizationPath"] = Path.Combine(repositoryRoot, "localization"),
                ["Gateway__JournalPath"] = journal,
                // The load is many senders on one channel, far past the channel's limit: measure the gateway, not its limit.
                ["Inbound__MaxPerChannel"] = "0",
                ["Twilio__AuthToken"] = AuthToken,
                ["Metrics__Key"] = MetricsKey,
                ["Twilio__AccountSid"] = AccountSid,
                // Nothing in the journey sends a message; if something did, it must not leave the machine.
                ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
            },
            Path.GetDirectoryName(gatewayDll)!,
            Path.Combine(Folder, "gateway.log")));

        using var probe = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(5) };
        await Task.WhenAll(
            WaitAsync(Baseline, () => ReadyAsync(probe, BaselineUrl, cancellationToken), cancellationToken),
            WaitAsync(Gateway, () => ReadyAsync(probe, GatewayUrl, cancellationToken), cancellationToken));
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }
    }

    private ServerProcess Add(ServerProcess process)
    {
        _processes.Add(process);
        return process;
    }

    private static async Task<bool> ReadyAsync(HttpClient probe, Uri server, CancellationToken cancellationToken)
    {
        using var response = await probe.GetAsync(new Uri(server, "/health/ready"), cancellationToken);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>Polls <paramref name="ready"/> until it says yes; fails with the server's log when it exits or takes over 90 s.</summary>
    private static async Task WaitAsync(ServerProcess server, Func<Task<bool>> ready, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (server.HasExited)
            {
                throw new InvalidOperationException($"{server.Name} exited while starting. The end of {server.LogPath}:\n{server.Tail()}");
            }

            try
            {
                if (await ready())
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or System.Net.Sockets.SocketException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"{server.Name} was not ready within 90 s. The end of {server.LogPath}:\n{server.Tail()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
