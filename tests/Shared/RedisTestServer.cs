using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using StackExchange.Redis;

namespace Gateway.Tests.Support;

/// <summary>
/// The Redis server the tests use: the one scripts/test.sh started (GATEWAY_TEST_REDIS=host:port), or, when run
/// alone, a private redis-server started here on a free loopback port. When neither is possible the tests that
/// need Redis fail with this message; they are never skipped.
/// </summary>
public static class RedisTestServer
{
    private static readonly Lazy<ConnectionMultiplexer> Connection = new(Connect);
    private static Process? _ownServer;

    public static ConnectionMultiplexer Multiplexer => Connection.Value;

    public static string Endpoint { get; private set; } = string.Empty;

    private static ConnectionMultiplexer Connect()
    {
        var endpoint = Environment.GetEnvironmentVariable("GATEWAY_TEST_REDIS");
        if (string.IsNullOrWhiteSpace(endpoint))
        {
            endpoint = StartOwnServer();
        }

        Endpoint = endpoint;
        try
        {
            return ConnectionMultiplexer.Connect($"{endpoint},abortConnect=true,connectTimeout=5000");
        }
        catch (RedisConnectionException e)
        {
            throw new InvalidOperationException($"These tests need Redis and none answers at {endpoint}: run them with `bash scripts/test.sh`, which installs and starts redis-server.", e);
        }
    }

    private static string StartOwnServer()
    {
        var port = FreePort();
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        try
        {
            _ownServer = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need Redis: redis-server is not installed and GATEWAY_TEST_REDIS is not set. Run `bash scripts/test.sh`, which installs and starts it.", e);
        }

        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                _ownServer?.Kill();
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        };
        var endpoint = $"127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return endpoint;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not open port {port} within 5 seconds.");
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
