using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Gateway.Bench.Ussd;

/// <summary>The processes the benchmark starts (redis-server, the gateway, the baseline) and stops, by their own handles.</summary>
internal sealed class ChildProcesses : IDisposable
{
    private readonly List<Process> _started = [];

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public Process Start(string file, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start.");
        var tail = new Queue<string>();
        void Keep(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (tail)
            {
                tail.Enqueue(line);
                if (tail.Count > 30)
                {
                    tail.Dequeue();
                }
            }
        }

        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _started.Add(process);
        Tails[process] = tail;
        return process;
    }

    public Dictionary<Process, Queue<string>> Tails { get; } = [];

    /// <summary>The last lines a process wrote, to explain why it did not come up.</summary>
    public string TailOf(Process process)
    {
        var tail = Tails[process];
        lock (tail)
        {
            return string.Join('\n', tail);
        }
    }

    public static void Stop(Process process)
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
    }

    public void Dispose()
    {
        foreach (var process in _started)
        {
            Stop(process);
            process.Dispose();
        }

        _started.Clear();
    }
}
