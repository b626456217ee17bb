using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Support;

/// <summary>
/// A redis-server of a test's own, on a free loopback port, that the test can kill and start again. By default it
/// keeps an append-only file synced on every write, so a restart after a kill finds what was written; a test that
/// only needs a server of its own (and many writes at once) passes <c>durable: false</c>.
/// </summary>
public sealed class PrivateRedis : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-redis-").FullName;
    private readonly bool _durable;
    private readonly IReadOnlyList<string> _arguments;
    private Process? _server;

    /// <param name="durable">Keep an append-only file synced on every write.</param>
    /// <param name="arguments">More redis-server arguments, e.g. <c>["--replicaof", "127.0.0.1", "6379"]</c>.</param>
    public PrivateRedis(bool durable = true, IReadOnlyList<string>? arguments = null)
    {
        _durable = durable;
        _arguments = arguments ?? [];
        Start();
    }

    public int Port { get; } = RedisTestServer.FreePort();

    public string Endpoint => $"127.0.0.1:{Port}";

    public void Start()
    {
        var start = new ProcessStartInfo("redis-server")
        {
            ArgumentList = { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", _folder, "--save", string.Empty, "--appendonly", _durable ? "yes" : "no", "--appendfsync", "always" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in _arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _server = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start; these tests need it installed (scripts/test.sh installs it).");
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }

        throw new InvalidOperationException($"redis-server did not open port {Port}.");
    }

    /// <summary>Stops the server without ending it (SIGSTOP): it neither answers nor acknowledges anything until <see cref="Resume"/>.</summary>
    public void Suspend() => Signal("STOP");

    /// <summary>Lets a suspended server run again (SIGCONT).</summary>
    public void Resume() => Signal("CONT");

    private void Signal(string signal)
    {
        var pid = (_server ?? throw new InvalidOperationException("The server is not running.")).Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-" + signal, pid } }) ?? throw new InvalidOperationException("kill did not start.");
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} {pid} failed with exit code {kill.ExitCode}.");
        }
    }

    /// <summary>Ends the server at once, as a crash would.</summary>
    public void Kill()
    {
        _server?.Kill();
        _server?.WaitForExit();
        _server?.Dispose();
        _server = null;
    }

    public void Dispose()
    {
        Kill();
        Directory.Delete(_folder, recursive: true);
    }
}
