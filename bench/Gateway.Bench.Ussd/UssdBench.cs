using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Security.Cryptography;

namespace Gateway.Bench.Ussd;

/// <summary>
/// Starts redis-server, then measures the bare Kestrel baseline and the gateway (src/Gateway.Web, Release) one
/// after the other under the same load, each as a child process on a free loopback port, and prints the figures
/// and their ratios.
/// </summary>
internal static class UssdBench
{
    private const double GoalP99Ms = 50;

    public static async Task<int> RunAsync(UssdBenchOptions options)
    {
        var root = FindRoot() ?? throw new DirectoryNotFoundException("no Gateway.sln in the current folder or above it.");
        var gatewayDll = Path.Combine(root, "src", "Gateway.Web", "bin", "Release", "net10.0", "Gateway.Web.dll");
        if (!options.NoBuild && await BuildGatewayAsync(root) != 0)
        {
            Console.Error.WriteLine("dotnet build -c Release src/Gateway.Web failed.");
            return 1;
        }

        if (!File.Exists(gatewayDll))
        {
            Console.Error.WriteLine($"{gatewayDll} is missing: run dotnet build -c Release src/Gateway.Web.");
            return 1;
        }

        using var children = new ChildProcesses();
        var scratch = Directory.CreateTempSubdirectory("gateway-ussd-bench-").FullName;
        try
        {
            var redisPort = ChildProcesses.FreePort();
            var redis = children.Start("redis-server", ["--port", Invariant(redisPort), "--bind", "127.0.0.1", "--dir", scratch, "--save", string.Empty, "--appendonly", "no"]);
            await WaitAsync(children, redis, () => Probe.TcpAsync(redisPort), "redis-server");
            var redisEndpoint = $"127.0.0.1:{redisPort}";

            Console.WriteLine($"USSD over HTTP: {options.Sessions} concurrent sessions, {options.Warmup.TotalSeconds:0} s warm-up then {options.Duration.TotalSeconds:0} s measured per server and load");
            Console.WriteLine($"machine: {Environment.ProcessorCount} logical cores, {RuntimeInformation.OSDescription.Trim()}, .NET {Environment.Version}; load generator, servers and redis-server share it");
            Console.WriteLine($"load average at start: {LoadAverage()} (other work on the machine shows in the tails)");
            Console.WriteLine();

            // The baseline: this same executable, switched to serve the bare endpoint.
            var baselinePort = ChildProcesses.FreePort();
            var (self, selfArgs) = SelfCommand();
            var baseline = children.Start(self, [.. selfArgs, BaselineServer.Switch, $"http://127.0.0.1:{baselinePort}", redisEndpoint]);
            var baselineUri = new Uri($"http://127.0.0.1:{baselinePort}/ussd");
            await WaitAsync(children, baseline, () => Probe.PostAsync(baselineUri), "the baseline");
            var loads = options.Saturation && options.Think > TimeSpan.Zero ? new[] { options.Think, TimeSpan.Zero } : [options.Think];
            var baselineResults = new List<LoadResult>();
            foreach (var think in loads)
            {
                baselineResults.Add(await LoadRun.RunAsync("baseline", baselineUri, options.Sessions, think, options.Warmup, options.Duration, checkJourneys: false));
            }

            ChildProcesses.Stop(baseline);

            var gatewayPort = ChildProcesses.FreePort();
            var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
            var gateway = children.Start("dotnet", [gatewayDll], new Dictionary<string, string>
            {
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{gatewayPort}",
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ConnectionStrings__Redis"] = redisEndpoint,
                ["Gateway__DataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
                ["Gateway__FlowsPath"] = Path.Combine(root, "flows"),
                ["Gateway__LocalizationPath"] = Path.Combine(root, "localization"),
                ["Gateway__JournalPath"] = Path.Combine(scratch, "journal"),
                // The load is many senders on one channel, far past the channel's limit: measure the gateway, not its limit.
                ["Inbound__MaxPerChannel"] = "0",
                ["Ussd__SharedSecret"] = secret,
                ["Logging__LogLevel__Default"] = "Warning",
            });
            var gatewayUri = new Uri($"http://127.0.0.1:{gatewayPort}/ussd/africastalking?key={secret}");
            await WaitAsync(children, gateway, () => Probe.GetAsync(new Uri($"http://127.0.0.1:{gatewayPort}/health/ready")), "the gateway");
            var gatewayResults = new List<LoadResult>();
            foreach (var think in loads)
            {
                gatewayResults.Add(await LoadRun.RunAsync("gateway", gatewayUri, options.Sessions, think, options.Warmup, options.Duration, checkJourneys: true));
            }

            ChildProcesses.Stop(gateway);

            for (var i = 0; i < loads.Length; i++)
            {
                Console.WriteLine(loads[i] > TimeSpan.Zero
                    ? $"-- people reading and typing: {loads[i].TotalMilliseconds:0} ms on average between a screen and the answer"
                    : "-- saturation: no pause between a screen and the answer (every session always has a request in flight)");
                Print(baselineResults[i], gatewayResults[i], goal: i == 0);
                Console.WriteLine();
            }

            Console.WriteLine($"load average at the end: {LoadAverage()}");
            var failed = baselineResults.Concat(gatewayResults).FirstOrDefault(r => r.Errors > 0);
            if (failed is not null)
            {
                Console.Error.WriteLine($"errors ({failed.Name}): {failed.FirstError}");
                return 1;
            }

            return options.RequireGoals && !(gatewayResults[0].P99 < GoalP99Ms) ? 2 : 0;
        }
        finally
        {
            // redis-server must be gone before its folder is.
            children.Dispose();
            Directory.Delete(scratch, recursive: true);
        }
    }

    private static void Print(LoadResult baseline, LoadResult gateway, bool goal)
    {
        Console.WriteLine("server     requests   req/s  sessions/s   p50 ms   p99 ms   max ms  errors");
        foreach (var r in new[] { baseline, gateway })
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Name,-9} {r.Requests,9} {r.RequestsPerSecond,7:0} {r.JourneysPerSecond,11:0.0} {r.P50,8:0.00} {r.P99,8:0.00} {r.Max,8:0.0} {r.Errors,7}"));
        }

        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"gateway / baseline: p50 x{gateway.P50 / baseline.P50:0.0}, p99 x{gateway.P99 / baseline.P99:0.0}, requests/s x{gateway.RequestsPerSecond / baseline.RequestsPerSecond:0.00}"));
        if (goal)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"goal: gateway p99 < {GoalP99Ms:0} ms: {(gateway.P99 < GoalP99Ms ? "met" : "MISSED")} ({gateway.P99:0.00} ms)"));
        }
    }

    /// <summary>How to start this executable again: its apphost, or dotnet and its dll.</summary>
    private static (string File, string[] Arguments) SelfCommand()
    {
        var process = Environment.ProcessPath!;
        var dll = typeof(UssdBench).Assembly.Location;
        return Path.GetFileNameWithoutExtension(process) == "dotnet" ? (process, [dll]) : (process, []);
    }

    private static async Task<int> BuildGatewayAsync(string root)
    {
        Console.WriteLine("building src/Gateway.Web (Release)…");
        using var build = Process.Start(new ProcessStartInfo("dotnet", ["build", "-c", "Release", "-v", "q", "-nologo", Path.Combine(root, "src", "Gateway.Web")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = build.StandardOutput.ReadToEndAsync();
        var errors = build.StandardError.ReadToEndAsync();
        await build.WaitForExitAsync();
        if (build.ExitCode != 0)
        {
            Console.Error.WriteLine(await output + await errors);
        }

        return build.ExitCode;
    }

    private static async Task WaitAsync(ChildProcesses children, Process process, Func<Task<bool>> ready, string what)
    {
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"{what} stopped at start:\n{children.TailOf(process)}");
            }

            if (await ready())
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{what} did not answer within a minute:\n{children.TailOf(process)}");
    }

    /// <summary>The 1, 5 and 15 minute load averages, where the system tells them (Linux).</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                if (File.Exists(Path.Combine(folder.FullName, "Gateway.sln")))
                {
                    return folder.FullName;
                }
            }
        }

        return null;
    }

    /// <summary>Whether a child process answers yet.</summary>
    private static class Probe
    {
        private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

        public static async Task<bool> TcpAsync(int port)
        {
            try
            {
                using var tcp = new System.Net.Sockets.TcpClient();
                await tcp.ConnectAsync("127.0.0.1", port);
                return true;
            }
            catch (System.Net.Sockets.SocketException)
            {
                return false;
            }
        }

        public static async Task<bool> GetAsync(Uri uri)
        {
            try
            {
                using var response = await Client.GetAsync(uri);
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }

        public static async Task<bool> PostAsync(Uri uri)
        {
            try
            {
                using var content = new StringContent("sessionId=probe&phoneNumber=%2B66810000000&text=", new MediaTypeHeaderValue("application/x-www-form-urlencoded"));
                using var response = await Client.PostAsync(uri, content);
                return response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }
    }
}
