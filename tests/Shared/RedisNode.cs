using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Tests.Support;

/// <summary>
/// One redis-server (or sentinel) process of a test's own on a free loopback port, started from a generated
/// config file in its own folder, logging to a file there (so no pipe fills up). <see cref="Kill"/> is SIGKILL.
/// </summary>
public sealed class RedisNode : IDisposable
{
    private readonly string _config;
    private readonly bool _sentinel;
    private readonly string? _password;
    private Process? _process;

    public RedisNode(string folder, string name, IEnumerable<string> settings, bool sentinel = false, string? password = null)
    {
        _password = password;
        ArgumentNullException.ThrowIfNull(settings);
        Folder = Path.Combine(folder, name);
        Directory.CreateDirectory(Folder);
        _sentinel = sentinel;
        _config = Path.Combine(Folder, sentinel ? "sentinel.conf" : "redis.conf");
        File.WriteAllLines(_config, [
            $"port {Port.ToString(CultureInfo.InvariantCulture)}",
            "bind 127.0.0.1",
            $"dir {Folder}",
            "logfile redis.log",
            .. settings,
        ]);
        Start();
    }

    public int Port { get; } = RedisTestServer.FreePort();

    public string Endpoint => $"127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    public string Folder { get; }

    public bool Running => _process is { HasExited: false };

    public void Start()
    {
        var start = new ProcessStartInfo("redis-server") { ArgumentList = { _config }, UseShellExecute = false };
        if (_sentinel)
        {
            start.ArgumentList.Add("--sentinel");
        }

        try
        {
            _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("These tests need redis-server installed (scripts/test.sh installs it).", e);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !_process.HasExited)
            {
                Thread.Sleep(20);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"redis-server did not open port {Port}: {Tail()}", e);
            }
        }
    }

    /// <summary>Ends the process at once (SIGKILL), as a crash would.</summary>
    public void Kill()
    {
        if (_process is null)
        {
            return;
        }

        try
        {
            _process.Kill();
            _process.WaitForExit();
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }

        _process.Dispose();
        _process = null;
    }

    /// <summary>Runs one command with redis-cli and returns its raw output (never through the client under test).</summary>
    public string Cli(params string[] arguments) => _password is null ? Cli(Port, arguments) : Cli(Port, ["--no-auth-warning", "-a", _password, .. arguments]);

    /// <summary>The value of <paramref name="field"/> in the INFO output of this node ("role", "master_link_status"…).</summary>
    public string? Info(string field)
    {
        foreach (var line in Cli("INFO").Split('\n'))
        {
            var trimmed = line.TrimEnd('\r');
            if (trimmed.StartsWith(field + ":", StringComparison.Ordinal))
            {
                return trimmed[(field.Length + 1)..];
            }
        }

        return null;
    }

    /// <summary>The last lines of this node's log, for a failure message.</summary>
    public string Tail()
    {
        var log = Path.Combine(Folder, "redis.log");
        return File.Exists(log) ? string.Join('\n', File.ReadLines(log).TakeLast(8)) : "(no log)";
    }

    public static string Cli(int port, params string[] arguments)
    {
        var start = new ProcessStartInfo("redis-cli") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-h", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture) }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("redis-cli did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill();
            throw new TimeoutException($"redis-cli {string.Join(' ', arguments)} on port {port} did not finish in 30 s.");
        }

        return output.Result + error.Result;
    }

    /// <summary>Waits for <paramref name="condition"/>, checking every 50 ms, and fails with <paramref name="what"/> after <paramref name="timeout"/>.</summary>
    public static async Task WaitForAsync(Func<bool> condition, TimeSpan timeout, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTime.UtcNow + timeout;
        while (!condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Waited {timeout.TotalSeconds:0} s for {what}.");
            }

            await Task.Delay(50);
        }
    }

    public void Dispose() => Kill();
}
