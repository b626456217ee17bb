using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using Gateway.Bench;
using Gateway.Bench.Escalation;
using Gateway.Bench.Http;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.Redis;
using StackExchange.Redis;

// Escalation lateness and memory: reports opened by SOS whose chains page webhook levels on the real gateway, next to
// bare Hangfire chains of no-op jobs on the same Redis (the scheduler's own lateness), measured in the same run.
Console.OutputEncoding = Encoding.UTF8;
const double GoalP99Seconds = 2;

EscalationBenchOptions options;
try
{
    options = EscalationBenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(EscalationBenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(EscalationBenchOptions.Usage);
    return 0;
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
    Console.Error.WriteLine($"{gatewayDll} does not exist: build it with `dotnet build -c Release src/Gateway.Web` (`dotnet run -c Release --project bench/Gateway.Bench.Escalation` does).");
    return 1;
}

var reports = options.Reports;
var levels = options.Levels;
var steps = options.StepsPerChain;
var ack = options.AcknowledgeWithin;
Console.WriteLine("Safe Migration Gateway: escalation lateness and memory");
foreach (var line in MachineInfo.Describe())
{
    Console.WriteLine(line);
}

Console.WriteLine($"load:    {LoadAverage()} (load average at the start)");
Console.WriteLine($"gateway: {gatewayDll} ({File.GetLastWriteTimeUtc(gatewayDll):yyyy-MM-dd HH:mm} UTC)");
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"chains:  {reports:N0} reports opened over {options.OpenWindow.TotalSeconds:0} s; {levels} level(s) {ack.TotalSeconds:0} s apart, one webhook page each, then the end of the chain: {steps} steps per report"));

using var stop = new CancellationTokenSource();
var signals = new[] { PosixSignal.SIGINT, PosixSignal.SIGTERM, PosixSignal.SIGHUP, PosixSignal.SIGQUIT }
    .Select(signal => PosixSignalRegistration.Create(signal, context =>
    {
        context.Cancel = true;
        stop.Cancel();
    }))
    .ToList();
AppDomain.CurrentDomain.ProcessExit += (_, _) => ServerProcess.KillAll();

var folder = Directory.CreateTempSubdirectory("gateway-bench-escalation-").FullName;
var succeeded = false;
try
{
    // A private redis-server without persistence.
    var redisPort = ServerProcess.FreePort();
    var redisEndpoint = $"127.0.0.1:{redisPort.ToString(CultureInfo.InvariantCulture)}";
    using var redisServer = ServerProcess.Start("redis-server", "redis-server",
        ["--port", redisPort.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", string.Empty, "--appendonly", "no"],
        new Dictionary<string, string>(), folder, Path.Combine(folder, "redis.log"));
    using var redis = await ConnectAsync(redisEndpoint, stop.Token);
    var server = redis.GetServer(redisEndpoint);
    var db = redis.GetDatabase();
    Console.WriteLine($"redis:   redis-server {server.Version} on {redisEndpoint} (no persistence); logs in {folder}");
    Console.WriteLine();

    // The baseline: bare Hangfire chains of no-op jobs, with the gateway's job storage and server options.
    Lateness? baseFirst = null, baseScheduled = null;
    Lateness[] baseByStep = [];
    double baseBytesPerChain = 0;
    if (!options.SkipBaseline)
    {
        var workers = options.BaselineWorkers ?? Gateway.Infrastructure.Jobs.JobStorageFactory.ServerOptions().WorkerCount;
        var schedulers = options.BaselineSchedulers ?? Gateway.Infrastructure.Jobs.JobStorageFactory.ServerOptions().MaxDegreeOfParallelismForSchedulers;
        Console.WriteLine($"baseline: {reports:N0} bare Hangfire chains of {steps} no-op steps, {workers} workers, due jobs moved {schedulers} at a time, polling every {Gateway.Infrastructure.Jobs.JobStorageFactory.SchedulePollingInterval.TotalSeconds:0.#} s");
        Console.Error.WriteLine($"baseline: {reports:N0} bare Hangfire chains of {steps} no-op steps…");
        var before = await RedisMemory.UsedAsync(server);
        var (lateness, runs) = await SchedulerBaseline.RunAsync(redis, reports, steps, ack, options.OpenWindow, workers, schedulers, stop.Token);
        var after = await RedisMemory.UsedAsync(server);
        var wrong = new List<string>();
        for (var chain = 0; chain < reports; chain++)
        {
            for (var step = 0; step < steps; step++)
            {
                if (runs[chain, step] != 1 && wrong.Count < 10)
                {
                    wrong.Add($"chain {chain} step {step} ran {runs[chain, step]} time(s)");
                }
            }
        }

        if (wrong.Count > 0)
        {
            Console.Error.WriteLine("The baseline lost or repeated jobs; the figures are void:\n  " + string.Join("\n  ", wrong));
            return 1;
        }

        var byStep = Enumerable.Range(0, steps).Select(s => Enumerable.Range(0, reports).Select(c => lateness[c, s] / 1e6).ToList()).ToArray();
        baseFirst = Lateness.Of(byStep[0]);
        baseScheduled = Lateness.Of(byStep.Skip(1).SelectMany(s => s));
        baseByStep = [.. byStep.Select(Lateness.Of)];
        baseBytesPerChain = (after - before) / (double)reports;
        Console.Error.WriteLine($"baseline: scheduled steps {baseScheduled.Describe()}; load {LoadAverage()}");
        await server.FlushAllDatabasesAsync();
    }

    // The gateway, paging a webhook sink in this process.
    await using var sink = await PageSink.StartAsync(ServerProcess.FreePort());
    var flows = BenchGateway.WriteFlows(root, folder, levels, ack);
    Console.Error.WriteLine("starting the gateway…");
    using var gateway = await BenchGateway.StartAsync(gatewayDll, root, folder, flows, redisEndpoint, sink.Url, levels, stop.Token);
    await Task.Delay(TimeSpan.FromSeconds(3), stop.Token);
    var usedBefore = await RedisMemory.UsedAsync(server);
    var cpuBefore = (Gateway: gateway.Process.ProcessorTime(), Redis: redisServer.ProcessorTime());

    Console.Error.WriteLine($"gateway: opening {reports:N0} reports by SOS over {options.OpenWindow.TotalSeconds:0} s…");
    var numbers = BenchGateway.Numbers(reports);
    var errors = new List<string>();
    using (var inFlight = new SemaphoreSlim(32))
    {
        var sends = new List<Task>(reports);
        var start = DateTimeOffset.UtcNow;
        for (var i = 0; i < reports; i++)
        {
            await EvenPace.WaitAsync(start, i, reports, options.OpenWindow, stop.Token);
            await inFlight.WaitAsync(stop.Token);
            var number = numbers[i];
            sends.Add(Task.Run(async () =>
            {
                try
                {
                    if (await gateway.SosAsync(number, stop.Token) is { } error)
                    {
                        lock (errors)
                        {
                            errors.Add(error);
                        }
                    }
                }
                finally
                {
                    inFlight.Release();
                }
            }));
        }

        await Task.WhenAll(sends);
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gateway: opened in {(DateTimeOffset.UtcNow - start).TotalSeconds:0.0} s; load {LoadAverage()}"));
    }

    var usedOpen = await RedisMemory.UsedAsync(server);
    var opened = DateTime.UtcNow;

    // Wait for every page, then for every chain's last step (acknowledge_within after its last page).
    var expectedPages = (long)reports * levels;
    var deadline = opened + (ack * (levels + 1)) + TimeSpan.FromSeconds(120);
    var stalled = ack + TimeSpan.FromSeconds(15);
    var (lastCount, lastChange) = (-1, DateTime.UtcNow);
    while (sink.Deliveries.Count < expectedPages && DateTime.UtcNow < deadline && DateTime.UtcNow - lastChange < stalled)
    {
        await Task.Delay(1000, stop.Token);
        if (sink.Deliveries.Count != lastCount)
        {
            (lastCount, lastChange) = (sink.Deliveries.Count, DateTime.UtcNow);
        }
    }

    Console.Error.WriteLine($"gateway: {sink.Deliveries.Count:N0} of {expectedPages:N0} pages in; waiting for the chains' last steps…");
    await Task.Delay(ack + TimeSpan.FromSeconds(3), stop.Token);
    var store = new RedisReportStore(redis);
    List<Report> stored;
    (lastCount, lastChange) = (-1, DateTime.UtcNow);
    while (true)
    {
        var references = (await db.SortedSetRangeByRankAsync("gateway:reports:opened")).Select(r => r.ToString()).ToList();
        stored = [];
        foreach (var chunk in references.Chunk(200))
        {
            stored.AddRange((await Task.WhenAll(chunk.Select(r => store.FindAsync(r, stop.Token)))).OfType<Report>());
        }

        var ended = stored.Count(r => r.Escalation is { Exhausted: true });
        if (ended != lastCount)
        {
            (lastCount, lastChange) = (ended, DateTime.UtcNow);
        }

        if ((stored.Count == reports && ended == reports) || DateTime.UtcNow > deadline || DateTime.UtcNow - lastChange > stalled)
        {
            break;
        }

        await Task.Delay(3000, stop.Token);
    }

    var cpu = (Gateway: gateway.Process.ProcessorTime() - cpuBefore.Gateway, Redis: redisServer.ProcessorTime() - cpuBefore.Redis);
    // A step that would run twice would do so within seconds (a retry, a second fetch): give it the chance.
    await Task.Delay(TimeSpan.FromSeconds(3), stop.Token);
    var usedAfter = await RedisMemory.UsedAsync(server);
    var families = await RedisMemory.ByFamilyAsync(server, db);
    var jsonBytes = await RedisMemory.ReportJsonBytesAsync(db, [.. stored.Select(r => r.Reference)]);

    // The checks: every report reached the end of its chain with one page per level, and the sink got each page once.
    var (gatewayByStep, problems) = ChainCheck.Read(stored, levels);
    if (stored.Count != reports)
    {
        problems.Insert(0, $"{stored.Count:N0} reports stored for {reports:N0} SOS messages");
    }

    var repeated = sink.Deliveries.Count(d => d.Value != 1);
    if (sink.Deliveries.Count != expectedPages || repeated > 0 || sink.Unsigned > 0)
    {
        problems.Insert(0, $"the sink got {sink.Requests:N0} page request(s): {sink.Deliveries.Count:N0} distinct deliveries for {expectedPages:N0} pages, {repeated:N0} delivered more than once, {sink.Unsigned:N0} unsigned");
    }

    if (errors.Count > 0)
    {
        problems.Insert(0, $"{errors.Count:N0} SOS message(s) were not answered with TwiML, e.g. {string.Join(" | ", errors.Take(3))}");
    }

    var first = Lateness.Of(gatewayByStep[0]);
    var scheduled = Lateness.Of(gatewayByStep.Skip(1).SelectMany(s => s));

    // The tables.
    Console.WriteLine("Lateness: a step's start after the time it was due (its NextStepAt)");
    Console.WriteLine();
    Console.WriteLine("| chains | steps | first step (enqueued) p50 / p99 / max s | scheduled steps | p50 s | p99 s | max s |");
    Console.WriteLine("|---|---:|---|---:|---:|---:|---:|");
    if (baseScheduled is not null && baseFirst is not null)
    {
        Console.WriteLine(Row("bare Hangfire (baseline)", baseFirst, baseScheduled));
    }

    Console.WriteLine(Row("gateway escalation", first, scheduled));
    if (baseScheduled is not null)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"| gateway ÷ baseline | | | | {Ratio(scheduled.P50, baseScheduled.P50)} | {Ratio(scheduled.P99, baseScheduled.P99)} | {Ratio(scheduled.Max, baseScheduled.Max)} |"));
    }

    Console.WriteLine();
    Console.WriteLine("By step (p50 / p99 / max s):");
    for (var step = 0; step < steps; step++)
    {
        var g = Lateness.Of(gatewayByStep[step]);
        var b = step < baseByStep.Length ? baseByStep[step] : null;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  step {step + 1}{(step == 0 ? " (enqueued)" : step == levels ? " (end of chain)" : string.Empty),-17} gateway {g.P50:0.000} / {g.P99:0.000} / {g.Max:0.000}{(b is null ? string.Empty : $"   baseline {b.P50:0.000} / {b.P99:0.000} / {b.Max:0.000}")}"));
    }

    Console.WriteLine();
    Console.WriteLine("Redis memory (INFO used_memory):");
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  gateway: {usedBefore / 1048576.0:0.0} MB before, {usedOpen / 1048576.0:0.0} MB once all reports were open, {usedAfter / 1048576.0:0.0} MB at the end: {(usedAfter - usedBefore) / (double)reports:N0} bytes per report ({(usedOpen - usedBefore) / (double)reports:N0} once open)"));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"  report JSON alone: {jsonBytes:N0} bytes on average; gateway bytes per report ÷ JSON: {(usedAfter - usedBefore) / (double)reports / jsonBytes:0.0}"));
    if (!options.SkipBaseline)
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  bare Hangfire chain of {steps} finished no-op jobs: {baseBytesPerChain:N0} bytes per chain"));
    }

    Console.WriteLine();
    Console.WriteLine("| key family | keys | bytes (MEMORY USAGE) | bytes per report |");
    Console.WriteLine("|---|---:|---:|---:|");
    foreach (var (family, keys, bytes) in families.Where(f => f.Bytes >= reports))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| `{family}` | {keys:N0} | {bytes:N0} | {bytes / (double)reports:N0} |"));
    }

    var small = families.Where(f => f.Bytes < reports).ToList();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {small.Count} other families | {small.Sum(f => f.Keys):N0} | {small.Sum(f => f.Bytes):N0} | {small.Sum(f => f.Bytes) / (double)reports:N0} |"));
    Console.WriteLine();
    var totalSteps = (double)reports * steps;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"CPU:     gateway {cpu.Gateway.TotalSeconds:0.0} s, redis-server {cpu.Redis.TotalSeconds:0.0} s over the gateway phase: {cpu.Gateway.TotalMilliseconds * 1000 / totalSteps:N0} / {cpu.Redis.TotalMilliseconds * 1000 / totalSteps:N0} µs per step (the SOS webhooks included)"));
    Console.WriteLine(problems.Count > 0 ? "checks:  FAILED (below)" : $"checks:  {reports:N0} reports each at the end of its chain with {levels} page(s) sent once; the sink got {sink.Deliveries.Count:N0} signed pages, none twice");
    Console.WriteLine($"load:    {LoadAverage()} (load average at the end)");
    Console.WriteLine();
    if (problems.Count > 0)
    {
        // The figures above are of the chains that ran as they should; the run still fails.
        Console.WriteLine("The gateway misbehaved (lost, failed or repeated steps); the figures are void:\n  " + string.Join("\n  ", problems));
        return 1;
    }

    var met = scheduled.P99 < GoalP99Seconds;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"Goal: p99 lateness of scheduled steps < {GoalP99Seconds:0} s: {(met ? "met" : "NOT met")} ({scheduled.P99:0.000} s)"));
    succeeded = true;
    return options.RequireGoals && !met ? 2 : 0;
}
catch (InvalidOperationException e)
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
    ServerProcess.KillAll();
    if (succeeded)
    {
        TryDelete(folder);
    }
    else
    {
        Console.Error.WriteLine($"The servers' logs are kept in {folder}.");
    }
}

static async Task<ConnectionMultiplexer> ConnectAsync(string endpoint, CancellationToken cancellationToken)
{
    var deadline = DateTime.UtcNow.AddSeconds(20);
    while (true)
    {
        try
        {
            return await ConnectionMultiplexer.ConnectAsync($"{endpoint},allowAdmin=true,abortConnect=true,connectTimeout=1000,syncTimeout=30000,asyncTimeout=30000");
        }
        catch (RedisConnectionException) when (DateTime.UtcNow < deadline)
        {
            await Task.Delay(200, cancellationToken);
        }
    }
}

static string Row(string name, Lateness first, Lateness scheduled) => string.Create(CultureInfo.InvariantCulture,
    $"| {name} | {scheduled.Count + first.Count:N0} | {first.P50:0.000} / {first.P99:0.000} / {first.Max:0.000} | {scheduled.Count:N0} | {scheduled.P50:0.000} | {scheduled.P99:0.000} | {scheduled.Max:0.000} |");

static string Ratio(double value, double baseline) =>
    baseline <= 0 ? "-" : (value / baseline).ToString("0.00", CultureInfo.InvariantCulture);

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
