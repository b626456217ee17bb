using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using Gateway.Tests.Support;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// Runs tests/e2e/quickstart.test.mjs once for <see cref="QuickStartBrowserFacts"/>, against the gateway as the
/// README starts it: the built Gateway.Web in its own process, from its project folder as <c>dotnet run --project
/// src/Gateway.Web</c> runs it, with no settings at all (none of the gateway's variables are passed on) except a free
/// loopback port instead of 5000. The local admin's account and password are read from its start-up log, as a
/// newcomer reads them. QUICKSTART_SCREENSHOTS=&lt;folder&gt; saves each step there.
/// </summary>
public sealed partial class QuickStartBrowserHost : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private readonly List<string> _log = [];
    private Process? _gateway;

    public Dictionary<string, bool> Results { get; } = new(StringComparer.Ordinal);

    public string Output { get; private set; } = string.Empty;

    public string? SetupError { get; private set; }

    public string Url { get; private set; } = string.Empty;

    public string Account { get; private set; } = string.Empty;

    /// <summary>The gateway's start-up log as the console formatter wrote it: one entry per log call, in order.</summary>
    public IReadOnlyList<(string Level, string Category, string Message)> LogEntries { get; private set; } = [];

    public async Task InitializeAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            SetupError = e + "\nGateway output:\n" + Log();
        }
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_gateway is { HasExited: false })
        {
            _gateway.Kill(entireProcessTree: true);
            _gateway.WaitForExit(10_000);
        }

        _gateway?.Dispose();
        _gateway = null;
    }

    private async Task RunAsync()
    {
        if (!File.Exists(ConsoleBrowserHost.Chromium))
        {
            throw new InvalidOperationException($"No chromium at {ConsoleBrowserHost.Chromium}: the browser tests drive Debian's chromium (apt-get install -y chromium; scripts/test.sh does). They never skip.");
        }

        await ConsoleBrowserHost.NpmCiAsync();
        Url = $"http://127.0.0.1:{FreePort()}";
        StartGateway();
        var signIn = await WaitForLogAsync(SignInLine(), StartTimeout);
        Account = signIn.Groups["account"].Value;
        await WaitForLogAsync(ListeningLine(), StartTimeout);
        LogEntries = Entries();

        var start = new ProcessStartInfo("node", "--test --test-concurrency=1 --test-reporter=tap quickstart.test.mjs") { WorkingDirectory = ConsoleBrowserHost.Folder };
        start.Environment["GATEWAY_URL"] = Url;
        start.Environment["ADMIN_ACCOUNT"] = Account;
        start.Environment["ADMIN_PASSWORD"] = signIn.Groups["password"].Value;
        start.Environment["CHROMIUM_PATH"] = ConsoleBrowserHost.Chromium;
        if (Environment.GetEnvironmentVariable("QUICKSTART_SCREENSHOTS") is { Length: > 0 } shots)
        {
            Directory.CreateDirectory(shots);
            start.Environment["SCREENSHOTS_DIR"] = Path.GetFullPath(shots);
        }

        var (code, output) = await ConsoleBrowserHost.RunProcessAsync(start, RunTimeout);
        Output = output + "\nGateway output:\n" + Log();
        foreach (Match line in TapLine().Matches(output))
        {
            Results[line.Groups["name"].Value.Trim()] = line.Groups["not"].Length == 0;
        }

        if (Results.Count == 0)
        {
            throw new InvalidOperationException($"node --test ran no test (exit {code}):\n{Output}");
        }
    }

    /// <summary>The gateway as built beside these tests (same configuration), run from src/Gateway.Web with a clean environment.</summary>
    private void StartGateway()
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var project = Path.Combine(SharedData.RepositoryRoot, "src", "Gateway.Web");
        var dll = Path.Combine(project, "bin", configuration, "net10.0", "Gateway.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build tests/Gateway.Web.Tests (it builds the gateway) first.");
        }

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

        // The console formatter's colours off, as when the log goes to a file; the words are the same.
        start.Environment["NO_COLOR"] = "1";
        _gateway = new Process { StartInfo = start };
        _gateway.OutputDataReceived += (_, e) => Append(e.Data);
        _gateway.ErrorDataReceived += (_, e) => Append(e.Data);
        _gateway.Start();
        _gateway.BeginOutputReadLine();
        _gateway.BeginErrorReadLine();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_log)
        {
            _log.Add(line);
        }
    }

    private string Log()
    {
        lock (_log)
        {
            return string.Join('\n', _log);
        }
    }

    private async Task<Match> WaitForLogAsync(Regex pattern, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var match = pattern.Match(Log());
            if (match.Success)
            {
                return match;
            }

            if (_gateway!.HasExited)
            {
                throw new InvalidOperationException($"The gateway stopped (exit {_gateway.ExitCode}) before saying {pattern}.");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"The gateway did not say {pattern} within {timeout}.");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>"warn: Category[id]" lines, each followed by its message indented six spaces.</summary>
    private List<(string Level, string Category, string Message)> Entries()
    {
        var entries = new List<(string Level, string Category, string Message)>();
        foreach (Match entry in EntryPattern().Matches(Log()))
        {
            var message = string.Join(' ', entry.Groups["message"].Captures.Select(c => c.Value.Trim()));
            entries.Add((entry.Groups["level"].Value, entry.Groups["category"].Value, message));
        }

        return entries;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"sign in to the console at \S+ as account (?<account>acc_[a-z2-7]+) with the password (?<password>[a-z2-7]+) \(")]
    private static partial Regex SignInLine();

    [GeneratedRegex(@"Now listening on: http://127\.0\.0\.1:\d+")]
    private static partial Regex ListeningLine();

    [GeneratedRegex(@"^(?<level>trce|dbug|info|warn|fail|crit): (?<category>[^\[\n]+)\[\d+\]\n(?:(?<message>      [^\n]*)\n?)+", RegexOptions.Multiline)]
    private static partial Regex EntryPattern();

    [GeneratedRegex(@"^(?<not>not )?ok \d+ - (?<name>.+?)\s*$", RegexOptions.Multiline)]
    private static partial Regex TapLine();
}
