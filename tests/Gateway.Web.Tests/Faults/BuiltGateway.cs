using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Gateway.Tests.Support;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// The gateway as built beside these tests (same configuration), in a process of its own, as an operator runs it:
/// <c>dotnet Gateway.Web.dll --urls …</c> from src/Gateway.Web, with only the given settings (as environment
/// variables; none of the caller's gateway variables are passed on). <see cref="Kill"/> ends it with SIGKILL.
/// </summary>
public sealed class BuiltGateway : IDisposable
{
    private readonly List<string> _log = [];
    private readonly Process _process;

    public BuiltGateway(IReadOnlyDictionary<string, string> settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var project = Path.Combine(SharedData.RepositoryRoot, "src", "Gateway.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "Gateway.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build tests/Gateway.Web.Tests (it builds the gateway) first.");
        }

        Url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = project, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(Url);
        foreach (var name in start.Environment.Keys.ToList())
        {
            if (name.Contains("__", StringComparison.Ordinal) || name.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase) || name.StartsWith("GATEWAY_", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(name);
            }
        }

        start.Environment["NO_COLOR"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => Append(e.Data);
        _process.ErrorDataReceived += (_, e) => Append(e.Data);
        _process.Start();
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>Where this process listens (a free loopback port).</summary>
    public string Url { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return string.Join('\n', _log);
            }
        }
    }

    /// <summary>Waits until the process says it listens; fails when it stops first or takes longer than <paramref name="timeout"/>.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Log.Contains("Now listening on: " + Url, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"The gateway stopped (exit {(_process.HasExited ? _process.ExitCode : 0)}) before it listened:\n{Log}");
            Assert.True(DateTime.UtcNow < deadline, $"The gateway did not listen within {timeout}:\n{Log}");
            await Task.Delay(50);
        }
    }

    /// <summary>Ends the process at once with SIGKILL: no shutdown, nothing released, nothing flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_log)
            {
                _log.Add(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
