using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;
using Gateway.Bench;
using Gateway.Bench.Http;

// Inbound SMS over HTTP, end to end: signed Twilio webhooks, sessions in Redis, TwiML out; the real gateway next
// to a bare Kestrel baseline (form, one Redis GET and SET, fixed TwiML) measured in the same run.
if (args.Length > 0 && args[0] == BaselineServer.Switch)
{
    return await BaselineServer.RunAsync(args);
}

Console.OutputEncoding = Encoding.UTF8;

const double GoalRatio = 0.5;
const double GoalP99Milliseconds = 10;

HttpBenchOptions options;
try
{
    options = HttpBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(HttpBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(HttpBenchOptions.Usage);
    return 0;
}

if (options.Contacts < options.Connections)
{
    Console.Error.WriteLine($"--contacts ({options.Contacts}) must be at least --connections ({options.Connections}): each connection needs numbers of its own.");
    return 64;
}

var root = RepositoryRoot.Find();
if (root is null)
{
    Console.Error.WriteLine("no Gateway.sln in the current folder, the benchmark's folder or any folder above them: run from the repository.");
    return 1;
}

var gatewayDll = Path.GetFullPath(options.GatewayDll ?? Path.Combine(root, "src", "Gateway.Web", "bin", "Release", "net10.0", "Gateway.Web.dll"));
if (!File.Exists(gatewayDll))
{
    Console.Error.WriteLine($"{gatewayDll} does not exist: build it with `dotnet build -c Release src/Gateway.Web` (`dotnet run -c Release --project bench/Gateway.Bench.Http` does).");
    return 1;
}

Console.WriteLine("Safe Migration Gateway: inbound SMS over HTTP");
foreach (var line in MachineInfo.Describe())
{
    Console.WriteLine(line);
}

Console.WriteLine($"load:    {LoadAverage()} (load average at the start)");
Console.WriteLine($"gateway: {gatewayDll} ({File.GetLastWriteTimeUtc(gatewayDll):yyyy-MM-dd HH:mm} UTC)");

// Ctrl+C, a closed terminal or a kill: stop the phase under way, and kill the servers on the way out.
using var stop = new CancellationTokenSource();
var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
    .Select(signal => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    }))
    .ToList();
AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerProcess.KillAll();

Servers? servers = null;
var succeeded = false;
try
{
    Console.Error.WriteLine("starting redis-server, the baseline and the gateway…");
    servers = await Servers.StartAsync(root, gatewayDll, stop.Token);
    var counters = await RedisCounters.ConnectAsync(servers.RedisEndpoint);
    var timeout = TimeSpan.FromSeconds(10);
    using var baselineClient = Client(options.Connections, timeout);
    using var gatewayClient = Client(options.Connections, timeout);
    var path = WebhookTraffic.Path;
    LoadRunner[] runners =
    [
        new("baseline", baselineClient, new WebhookTraffic(new Uri(servers.BaselineUrl, path), Servers.PublicBaseUrl + path, servers.AuthToken, servers.AccountSid, options.Contacts)),
        new("gateway", gatewayClient, new WebhookTraffic(new Uri(servers.GatewayUrl, path), Servers.PublicBaseUrl + path, servers.AuthToken, servers.AccountSid, options.Contacts)),
    ];
    var gateway = runners[1];

    Console.WriteLine($"servers: redis-server {servers.RedisEndpoint} (no persistence), baseline {servers.BaselineUrl}, gateway {servers.GatewayUrl}, both on the server GC; logs in {servers.Folder}");
    Console.WriteLine($"traffic: signed Twilio SMS webhooks from {options.Contacts:N0} numbers, each on the journey hello → language → 5 2 2 1 1 1 2 (report) → MENU, spread evenly over its steps");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"timing:  {options.Warmup.TotalSeconds:0} s warm-up per server; {options.Rounds} rounds of {options.RoundLength.TotalSeconds:0} s per server, in 1 s slices taken in turn, {options.Connections} requests in flight; "
        + $"then {options.LatencyLength.TotalSeconds:0} s at {options.Rate:N0} requests/s per server"));
    Console.WriteLine();

    // Redis commands nobody's requests cause (the gateway's job server and outbound worker poll), per second.
    var idleWindow = options.Quick ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(3);
    var idleBefore = await counters.StatsAsync();
    await Task.Delay(idleWindow, stop.Token);
    var idle = await counters.StatsAsync() - idleBefore;
    var idlePerSecond = Math.Max(0, (idle.Commands - 1) / idleWindow.TotalSeconds);
    var idleReadsPerSecond = Math.Max(0, (idle.Reads - 1) / idleWindow.TotalSeconds);

    foreach (var runner in runners)
    {
        Console.Error.WriteLine($"warm-up: {runner.Name}");
        await runner.StaggerAsync(options.Connections, stop.Token);
        await runner.RunClosedAsync(options.Connections, options.Warmup, stop.Token);
        Fail.IfErrors(runner);
    }

    // Each round gives every server the same time in slices of one second, taken in turn, so that load from
    // elsewhere on the machine (which comes and goes within seconds) falls on both alike.
    var rounds = runners.ToDictionary(r => r.Name, _ => new List<(ThroughputRound Round, double CommandsPerRequest, double ServerCpu, double RedisCpu)>());
    var processes = new Dictionary<string, ServerProcess> { ["baseline"] = servers.Baseline, ["gateway"] = servers.Gateway };
    var slice = TimeSpan.FromSeconds(Math.Min(1, options.RoundLength.TotalSeconds));
    var slices = (int)Math.Max(1, Math.Round(options.RoundLength / slice));
    for (var round = 1; round <= options.Rounds; round++)
    {
        var totals = runners.ToDictionary(r => r.Name, _ => (Answered: 0L, Elapsed: TimeSpan.Zero, Commands: 0.0, ServerCpu: TimeSpan.Zero, RedisCpu: TimeSpan.Zero));
        for (var i = 0; i < slices; i++)
        {
            foreach (var runner in runners)
            {
                var before = (await counters.StatsAsync()).Commands;
                var (serverCpu, redisCpu) = (processes[runner.Name].ProcessorTime(), servers.Redis.ProcessorTime());
                var result = await runner.RunClosedAsync(options.Connections, slice, stop.Token);
                serverCpu = processes[runner.Name].ProcessorTime() - serverCpu;
                redisCpu = servers.Redis.ProcessorTime() - redisCpu;
                var commands = (await counters.StatsAsync()).Commands - before - 1 - (idlePerSecond * result.Elapsed.TotalSeconds);
                Fail.IfErrors(runner);
                var total = totals[runner.Name];
                totals[runner.Name] = (total.Answered + result.Answered, total.Elapsed + result.Elapsed, total.Commands + commands, total.ServerCpu + serverCpu, total.RedisCpu + redisCpu);
            }
        }

        foreach (var runner in runners)
        {
            var total = totals[runner.Name];
            var answered = Math.Max(1, total.Answered);
            var result = new ThroughputRound(total.Answered, total.Elapsed);
            rounds[runner.Name].Add((result, total.Commands / answered, total.ServerCpu.TotalMicroseconds / answered, total.RedisCpu.TotalMicroseconds / answered));
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round}: {runner.Name,-8} {result.PerSecond,9:N0} requests/s, {total.ServerCpu.TotalMicroseconds / answered,5:N0} µs of server CPU per request"));
        }
    }

    var latencies = new Dictionary<string, LatencyResult>();
    foreach (var runner in runners)
    {
        Console.Error.WriteLine($"fixed rate: {runner.Name}, {options.Rate:N0} requests/s for {options.LatencyLength.TotalSeconds:0} s");
        latencies[runner.Name] = await runner.RunFixedRateAsync(options.Rate, options.LatencyLength, stop.Token);
        Fail.IfErrors(runner);
    }

    // Round trips: one request at a time over whole journeys, counting the times Redis read from a socket, less
    // what arrives with no request at all; MONITOR at the same time names the commands.
    Console.Error.WriteLine("counting Redis round trips…");
    var (idleCommands, idleElapsed) = await counters.MonitorAsync(() => Task.Delay(idleWindow, stop.Token));
    var roundTrips = new Dictionary<string, (double Total, List<(string Command, double PerRequest)> ByCommand)>();
    foreach (var runner in runners)
    {
        var journeys = Math.Min(options.RoundTripJourneys, options.Contacts);
        var sample = journeys * WebhookTraffic.JourneyLength;
        var before = await counters.StatsAsync();
        var (commands, elapsed) = await counters.MonitorAsync(() => runner.RunJourneysAsync(journeys, 1, stop.Token));
        var reads = (await counters.StatsAsync() - before).Reads - 2 - (idleReadsPerSecond * elapsed.TotalSeconds);
        Fail.IfErrors(runner);
        var scale = elapsed.TotalSeconds / idleElapsed.TotalSeconds;
        var byCommand = commands
            .Select(c => (Command: c.Key, PerRequest: Math.Max(0, c.Value - (idleCommands.GetValueOrDefault(c.Key) * scale)) / sample))
            .Where(c => c.PerRequest >= 0.005)
            .OrderByDescending(c => c.PerRequest)
            .ToList();
        roundTrips[runner.Name] = (reads / sample, byCommand);
    }

    // The gateway answered every request with TwiML; check that it really ran the flows: no failure or refusal
    // counted, and one report stored for every journey that reached its report message.
    var problems = await GatewayChecks.RunAsync(gatewayClient, servers.GatewayUrl, servers.MetricsKey, counters.Database, gateway.Traffic.ReportsAnswered);
    if (problems.Count > 0)
    {
        Console.Error.WriteLine("The gateway answered, but not as the flows say; the figures are void:");
        foreach (var problem in problems)
        {
            Console.Error.WriteLine("  " + problem);
        }

        return 1;
    }

    // The table.
    Console.WriteLine("| server   | requests/s (median) |    min |    max | p50 ms | p99 ms | max ms | errors | server CPU µs/request | Redis CPU µs/request | Redis commands/request | round trips/request |");
    Console.WriteLine("|----------|--------------------:|-------:|-------:|-------:|-------:|-------:|-------:|----------------------:|---------------------:|-----------------------:|--------------------:|");
    foreach (var runner in runners)
    {
        var perSecond = rounds[runner.Name].Select(r => r.Round.PerSecond).ToList();
        var latency = latencies[runner.Name];
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {runner.Name,-8} | {Median(perSecond),19:N0} | {perSecond.Min(),6:N0} | {perSecond.Max(),6:N0} | {latency.P50,6:0.00} | {latency.P99,6:0.00} | {latency.Max,6:0.0} | {runner.Errors,6:N0} | {Median(rounds[runner.Name].Select(r => r.ServerCpu).ToList()),21:N0} | {Median(rounds[runner.Name].Select(r => r.RedisCpu).ToList()),20:N0} | {Median(rounds[runner.Name].Select(r => r.CommandsPerRequest).ToList()),22:0.00} | {roundTrips[runner.Name].Total,19:0.00} |"));
    }

    var ratios = Enumerable.Range(0, options.Rounds)
        .Select(i => rounds["gateway"][i].Round.PerSecond / rounds["baseline"][i].Round.PerSecond)
        .ToList();
    var ratio = Median(ratios);
    var p99 = latencies["gateway"].P99;
    Console.WriteLine();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"gateway ÷ baseline: {ratio:0.00} (median of the rounds' ratios: {string.Join(", ", ratios.Select(r => r.ToString("0.00", CultureInfo.InvariantCulture)))})"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"requests/s: answered requests per second with {options.Connections} in flight, median of {options.Rounds} rounds of {options.RoundLength.TotalSeconds:0} s; "
        + $"p50/p99/max: at {options.Rate:N0} requests/s for {options.LatencyLength.TotalSeconds:0} s ({latencies["gateway"].Requests:N0} requests), from when each was due"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  (the sender left each request {latencies["gateway"].LagP50:0.00} ms after it was due at the median, {latencies["gateway"].LagP99:0.00} ms at p99; that is in the latencies)"));
    Console.WriteLine("CPU µs/request: processor time the server's process (and redis-server) used over the rounds, per request; less disturbed by other load than requests/s;");
    Console.WriteLine("Redis commands/request: INFO total_commands_processed over the rounds, the commands run inside a script included;");
    Console.WriteLine($"round trips/request: Redis's socket reads (INFO total_reads_processed) over {options.RoundTripJourneys:N0} whole journeys sent one request at a time;");
    Console.WriteLine("  what the server sent, per request and by command (MONITOR; a script counts once):");
    foreach (var runner in runners)
    {
        Console.WriteLine($"  {runner.Name,-8} {string.Join(", ", roundTrips[runner.Name].ByCommand.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Command} {c.PerRequest:0.00}")))}");
    }

    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"checks:  every answer 200 text/xml with a <Message>; the gateway counted no failure or refusal and stored {gateway.Traffic.ReportsAnswered:N0} reports, one per journey that reached its report"));
    Console.WriteLine($"load:    {LoadAverage()} (load average at the end)");
    Console.WriteLine();

    var fastEnough = ratio >= GoalRatio;
    var quickEnough = p99 < GoalP99Milliseconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Goals: throughput ≥ {GoalRatio:0.0} × the baseline's: {(fastEnough ? "met" : "NOT met")} ({ratio:0.00}); "
        + $"p99 < {GoalP99Milliseconds:0} ms at {options.Rate:N0} requests/s: {(quickEnough ? "met" : "NOT met")} ({p99:0.00} ms)"));
    succeeded = true;
    return options.RequireGoals && !(fastEnough && quickEnough) ? 2 : 0;
}
catch (BenchFailedException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (InvalidOperationException e) when (servers is null)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    Console.Error.WriteLine("stopped.");
    return 130;
}
finally
{
    signals.ForEach(s => s.Dispose());
    servers?.Dispose();
    ServerProcess.KillAll();
    if (succeeded && servers is not null)
    {
        TryDelete(servers.Folder);
    }
    else if (servers is not null)
    {
        Console.Error.WriteLine($"The servers' logs are kept in {servers.Folder}.");
    }
}

static HttpClient Client(int connections, TimeSpan timeout) => new(new SocketsHttpHandler
{
    MaxConnectionsPerServer = connections,
    PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
    UseCookies = false,
    UseProxy = false,
    AutomaticDecompression = DecompressionMethods.None,
})
{
    Timeout = timeout,
};

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted.Count == 0 ? 0 : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
}

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

static void TryDelete(string folder)
{
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
        // Left in the temporary folder.
    }
}
