using System.Globalization;
using System.Text;
using Gateway.Bench;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

// Throughput and allocation of FlowEngine.Handle over a ten-message journey through the sample flows,
// next to a baseline (a dictionary lookup and a formatted string per message) measured by the same code.
Console.OutputEncoding = Encoding.UTF8;

const double GoalTurnsPerSecond = 300_000;
const double GoalBytesPerTurn = 8 * 1024;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 64;
}

if (options.ShowHelp)
{
    Console.WriteLine(BenchOptions.Usage);
    return 0;
}

string flowsFolder, localizationFolder;
try
{
    (flowsFolder, localizationFolder) = RepositoryFolders.Resolve(options.Flows, options.Localization);
}
catch (DirectoryNotFoundException e)
{
    Console.Error.WriteLine(e.Message);
    return 1;
}

var loaded = FlowLoader.Load(flowsFolder, localizationFolder, DateOnly.FromDateTime(DateTime.UtcNow));
if (loaded.Bundle is not { } bundle)
{
    foreach (var finding in loaded.Findings.Where(f => f.IsError))
    {
        Console.Error.WriteLine(finding);
    }

    Console.Error.WriteLine($"The flows in {flowsFolder} and {localizationFolder} have errors; nothing was measured.");
    return 1;
}

Console.WriteLine("Safe Migration Gateway: engine benchmark");
foreach (var line in MachineInfo.Describe())
{
    Console.WriteLine(line);
}

Console.WriteLine($"flows:   {Path.GetFullPath(flowsFolder)}, {Path.GetFullPath(localizationFolder)} (revision {bundle.Revision})");

var engine = new FlowEngine(bundle);
Journey[] journeys =
[
    Journey.Create(Channel.Sms, "en"),
    Journey.Create(Channel.Sms, "my"),
    Journey.Create(Channel.Ussd, "my"),
];
Console.WriteLine($"journey: {string.Join(" → ", journeys[0].Inputs)} ({journeys[0].Inputs.Length} turns; language option 2 for my)");

// A broken engine must not produce a fast figure: every journey is checked message by message first.
var problems = new List<string>();
IReadOnlyList<Turn>? englishTurns = null;
foreach (var journey in journeys)
{
    problems.AddRange(journey.Verify(engine, out var turns));
    englishTurns ??= turns;
}

if (problems.Count > 0)
{
    Console.Error.WriteLine("The journeys did not go as the sample flows say; nothing was measured:");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine("  " + problem);
    }

    return 1;
}

Console.WriteLine($"checks:  {journeys.Length} journeys end in {Journey.FinalState} with the expected states, events, menus and replies");
Console.WriteLine($"timing:  {options.Warmup.TotalMilliseconds:0} ms warm-up per row, then {options.Rounds} rounds in which each row runs {options.RoundLength.TotalMilliseconds:0} ms in turn, one thread; "
    + $"allocation over {options.AllocationJourneys:N0} journeys");
Console.WriteLine();

IWorkload[] workloads =
[
    new BaselineWorkload(bundle, journeys[0], englishTurns!),
    .. journeys.Select(j => new EngineWorkload(engine, j)),
    .. options.Parts ? PartWorkload.For(bundle, journeys[0], englishTurns!) : [],
];
var partNames = workloads.OfType<PartWorkload>().Select(w => w.Name).ToHashSet();

if (options.Only.Count > 0)
{
    var unknown = options.Only.Where(name => !workloads.Any(w => w.Name == name)).ToList();
    if (unknown.Count > 0)
    {
        Console.Error.WriteLine($"no row named {string.Join(", ", unknown.Select(n => $"\"{n}\""))}; the rows are {string.Join(", ", workloads.Select(w => $"\"{w.Name}\""))}.");
        return 64;
    }

    workloads = [.. workloads.Where(w => options.Only.Contains(w.Name))];
}

var results = Measurement.Run(workloads, options, step => Console.Error.WriteLine(step)).ToList();

var failed = results.Where(r => r.FailedJourneys > 0).ToList();
if (failed.Count > 0)
{
    foreach (var result in failed)
    {
        Console.Error.WriteLine($"{result.Name}: {result.FailedJourneys:N0} journeys did not end in {Journey.FinalState} with the expected events; the figures are void.");
    }

    return 1;
}

var baseline = results.Find(r => r.Name == "baseline");
Console.WriteLine("| row            | ops/s (median) |       min |       max | ops/CPU-s | B/op    | speed ÷ baseline | bytes ÷ baseline |");
Console.WriteLine("|----------------|---------------:|----------:|----------:|----------:|--------:|-----------------:|-----------------:|");
foreach (var result in results.Where(r => !partNames.Contains(r.Name)))
{
    var speed = baseline is null ? "-" : result.SpeedRatioTo(baseline).ToString("0.000", CultureInfo.InvariantCulture);
    var bytes = baseline is null ? "-" : (result.BytesPerOperation / baseline.BytesPerOperation).ToString("0.0", CultureInfo.InvariantCulture);
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"| {result.Name,-14} | {result.Median,14:N0} | {result.Min,9:N0} | {result.Max,9:N0} | {result.CpuMedian,9:N0} | {result.BytesPerOperation,7:N0} | {speed,16} | {bytes,16} |"));
}

Console.WriteLine();
Console.WriteLine("ops/s: turns per second for the engine rows, steps per second for the baseline, by the wall clock; one op allocates B/op bytes.");
Console.WriteLine("ops/CPU-s: the same per second of processor time the process used (median of the rounds), which other load on the machine disturbs less.");
Console.WriteLine("speed ÷ baseline: engine turns/s ÷ baseline ops/s, the median over rounds of the ratio within a round (the rows take turns,");
Console.WriteLine("  so each ratio compares runs a few seconds apart); bytes ÷ baseline: engine B/turn ÷ baseline B/op.");
Console.WriteLine();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Goals: ≥ {GoalTurnsPerSecond:N0} turns/s on one core, ≤ {GoalBytesPerTurn:N0} B allocated per turn"));
var allMet = true;
foreach (var result in results.Where(r => r != baseline && !partNames.Contains(r.Name)))
{
    var fast = result.Median >= GoalTurnsPerSecond;
    var small = result.BytesPerOperation <= GoalBytesPerTurn;
    allMet &= fast && small;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"  {result.Name,-14}  speed {(fast ? "met" : "NOT met"),-7} ({result.Median:N0} turns/s)   allocation {(small ? "met" : "NOT met"),-7} ({result.BytesPerOperation:N0} B/turn)"));
}

if (results.Find(r => r.Name == "engine sms en") is { } english && partNames.Count > 0)
{
    Console.WriteLine();
    Console.WriteLine("Pieces of an \"engine sms en\" turn, each done alone for the same ten messages:");
    Console.WriteLine("| piece          |   ops/s (median) | B/op    | share of a turn's time | share of its bytes |");
    Console.WriteLine("|----------------|-----------------:|--------:|-----------------------:|-------------------:|");
    foreach (var part in results.Where(r => partNames.Contains(r.Name)))
    {
        // Time per op of the piece ÷ time per turn, round by round.
        var timeShare = english.SpeedRatioTo(part);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {part.Name,-14} | {part.Median,16:N0} | {part.BytesPerOperation,7:N0} | {timeShare,22:P0} | {part.BytesPerOperation / english.BytesPerOperation,18:P0} |"));
    }
}

if (options.AllocationProfile)
{
    // Sampled, not counted: a type's share is right to a few percent over this many journeys.
    using var sampler = new AllocationSampler();
    foreach (var workload in workloads)
    {
        var journeysToSample = Math.Max(options.AllocationJourneys, 20_000);
        sampler.Start();
        for (var i = 0; i < journeysToSample; i++)
        {
            workload.RunJourney();
        }

        var sampled = sampler.Stop();
        var total = Math.Max(1, sampled.Sum(s => s.Bytes));
        var operations = (double)journeysToSample * workload.OperationsPerJourney;
        Console.WriteLine();
        Console.WriteLine($"Allocations of {workload.Name}, sampled over {journeysToSample:N0} journeys (B/op estimated from the samples):");
        foreach (var (type, bytes) in sampled.Take(15))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {100.0 * bytes / total,5:0.0}%  {bytes / operations,7:N0} B/op  {type}"));
        }

        // Types named after Stateless's own (its closures and delegates over plain strings are not counted).
        var stateless = sampled.Where(s => AllocationSampler.IsStatelessType(s.Type)).Sum(s => s.Bytes);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"  {100.0 * stateless / total,5:0.0}%  {stateless / operations,7:N0} B/op  at least, in Stateless's types (machine, state representations, triggers, guards, transitions)"));
    }
}

return options.RequireGoals && !allMet ? 2 : 0;
