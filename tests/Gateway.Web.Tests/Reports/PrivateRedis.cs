using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Support;

namespace Gateway.Web.Tests.Reports;

/// <summary>A redis-server of a test's own on a free loopback port, stopped when disposed: no shared database numbers.</summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly Process _server;

    public PrivateRedis()
    {
        var port = RedisTestServer.FreePort();
        _server = Process.Start(new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("redis-server did not start.");
        Endpoint = $"127.0.0.1:{port}";
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not open port {port} within 5 seconds.");
    }

    public string Endpoint { get; }

    public void Dispose()
    {
        _server.Kill();
        _server.WaitForExit(5000);
        _server.Dispose();
    }
}
