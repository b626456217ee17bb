using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench.Http;

/// <summary>
/// A server the benchmark started: redis-server, the baseline or the gateway. Its output goes to a log file (read
/// in blocks, so the benchmark spends little on it); every one still running is killed when the benchmark ends,
/// fails or is stopped with Ctrl+C.
/// </summary>
internal sealed class ServerProcess : IDisposable
{
    private static readonly ConcurrentDictionary<ServerProcess, bool> Running = new();

    private readonly Process _process;
    private readonly Task _copyOutput;
    private readonly Task _copyError;

    private ServerProcess(string name, Process process, string logPath)
    {
        Name = name;
        _process = process;
        LogPath = logPath;
        var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.ReadWrite, 4096, useAsync: true);
        var gate = new SemaphoreSlim(1, 1);
        _copyOutput = CopyAsync(process.StandardOutput.BaseStream, log, gate);
        _copyError = CopyAsync(process.StandardError.BaseStream, log, gate);
        _ = Task.WhenAll(_copyOutput, _copyError).ContinueWith(_ => log.Dispose(), TaskScheduler.Default);
    }

    public string Name { get; }

    public string LogPath { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="file"/> with the arguments and extra environment, logging to <paramref name="logPath"/>.</summary>
    public static ServerProcess Start(string name, string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string workingDirectory, string logPath)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = false,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"{name} could not be started ({file}: {e.Message}).", e);
        }

        var server = new ServerProcess(name, process, logPath);
        Running[server] = true;
        return server;
    }

    /// <summary>
    /// Processor time the server has used so far (user and system, from /proc; zero where there is no /proc). It
    /// is counted in clock ticks, a hundredth of a second on Linux: compare it over seconds, not milliseconds.
    /// </summary>
    public TimeSpan ProcessorTime()
    {
        var stat = $"/proc/{_process.Id}/stat";
        if (!File.Exists(stat))
        {
            return TimeSpan.Zero;
        }

        try
        {
            // pid (comm) state ... : fields 14 and 15 (utime, stime) counted after the closing parenthesis.
            var text = File.ReadAllText(stat);
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            var ticks = long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
            return TimeSpan.FromSeconds(ticks / 100.0);
        }
        catch (IOException)
        {
            return TimeSpan.Zero;
        }
    }

    /// <summary>Kills every server still running (on exit, Ctrl+C or failure).</summary>
    public static void KillAll()
    {
        foreach (var server in Running.Keys)
        {
            server.Dispose();
        }
    }

    /// <summary>The last lines of the server's log, to say why it failed.</summary>
    public string Tail(int lines = 20)
    {
        try
        {
            using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var all = reader.ReadToEnd().Split('\n');
            return string.Join('\n', all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(its log {LogPath} cannot be read: {e.Message})";
        }
    }

    public void Dispose()
    {
        if (!Running.TryRemove(this, out _))
        {
            return;
        }

        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        _process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static async Task CopyAsync(Stream from, FileStream to, SemaphoreSlim gate)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            int read;
            while ((read = await from.ReadAsync(buffer)) > 0)
            {
                await gate.WaitAsync();
                try
                {
                    await to.WriteAsync(buffer.AsMemory(0, read));
                    await to.FlushAsync();
                }
                finally
                {
                    gate.Release();
                }
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process is gone.
        }
    }
}
