using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>The figures of one workload.</summary>
/// <param name="Name">The row name.</param>
/// <param name="Rounds">Operations per second (wall clock) in each timed round, in the order run.</param>
/// <param name="CpuRounds">
/// Operations per second of processor time used by the process in each round: less sensitive than the wall
/// clock to other work on a shared machine, as long as the benchmark is the only busy thread of its process.
/// </param>
/// <param name="BytesPerOperation">Bytes allocated on the measuring thread per operation.</param>
/// <param name="FailedJourneys">Journeys that did not end where they must; any makes the run invalid.</param>
internal sealed record Measured(
    string Name,
    IReadOnlyList<double> Rounds,
    IReadOnlyList<double> CpuRounds,
    double BytesPerOperation,
    long FailedJourneys)
{
    public double Median => MedianOf(Rounds);

    public double CpuMedian => MedianOf(CpuRounds);

    public double Min => Rounds.Min();

    public double Max => Rounds.Max();

    /// <summary>
    /// The median over rounds of this row's speed divided by <paramref name="other"/>'s in the same round.
    /// Rounds of all rows alternate, so each pair ran under about the same load.
    /// </summary>
    public double SpeedRatioTo(Measured other) =>
        MedianOf([.. Rounds.Zip(other.Rounds, (mine, theirs) => mine / theirs)]);

    public static double MedianOf(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}

/// <summary>
/// The one measuring loop every workload goes through: a warm-up of each, timed rounds that take the
/// workloads in turn (so a burst of other load on the machine hits all rows alike), then a count of the
/// bytes allocated over many journeys. Everything runs on this thread.
/// </summary>
internal static class Measurement
{
    // The clock is read once per batch; a batch is sized to take about this long.
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(5);

    public static IReadOnlyList<Measured> Run(IReadOnlyList<IWorkload> workloads, BenchOptions options, Action<string>? progress = null)
    {
        var failed = new long[workloads.Count];
        var batches = new int[workloads.Count];
        var rounds = workloads.Select(_ => new List<double>(options.Rounds)).ToArray();
        var cpuRounds = workloads.Select(_ => new List<double>(options.Rounds)).ToArray();

        for (var w = 0; w < workloads.Count; w++)
        {
            progress?.Invoke($"warming up {workloads[w].Name}");
            (batches[w], failed[w]) = WarmUp(workloads[w], options.Warmup);
        }

        for (var round = 0; round < options.Rounds; round++)
        {
            progress?.Invoke($"round {round + 1} of {options.Rounds}");
            for (var w = 0; w < workloads.Count; w++)
            {
                var (wall, cpu, roundFailed) = TimeRound(workloads[w], batches[w], options.RoundLength);
                rounds[w].Add(wall);
                cpuRounds[w].Add(cpu);
                failed[w] += roundFailed;
            }
        }

        var results = new List<Measured>(workloads.Count);
        for (var w = 0; w < workloads.Count; w++)
        {
            var workload = workloads[w];
            var before = GC.GetAllocatedBytesForCurrentThread();
            failed[w] += RunBatch(workload, options.AllocationJourneys);
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            var operations = (double)options.AllocationJourneys * workload.OperationsPerJourney;
            results.Add(new Measured(workload.Name, rounds[w], cpuRounds[w], allocated / operations, failed[w]));
        }

        return results;
    }

    /// <summary>Lets tiered compilation and PGO settle, and sizes the batches between clock reads.</summary>
    private static (int Batch, long Failed) WarmUp(IWorkload workload, TimeSpan length)
    {
        long failed = 0;
        var batch = 1;
        var clock = Stopwatch.StartNew();
        do
        {
            var started = clock.Elapsed;
            failed += RunBatch(workload, batch);
            if (clock.Elapsed - started < BatchTarget && batch < 1 << 20)
            {
                batch *= 2;
            }
        }
        while (clock.Elapsed < length);

        return (batch, failed);
    }

    private static (double Wall, double Cpu, long Failed) TimeRound(IWorkload workload, int batch, TimeSpan length)
    {
        long failed = 0;
        long journeys = 0;
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        do
        {
            failed += RunBatch(workload, batch);
            journeys += batch;
        }
        while (clock.Elapsed < length);

        var seconds = clock.Elapsed.TotalSeconds;
        var cpuSeconds = (Environment.CpuUsage.TotalTime - cpuBefore).TotalSeconds;
        var operations = (double)journeys * workload.OperationsPerJourney;
        return (operations / seconds, cpuSeconds > 0 ? operations / cpuSeconds : double.NaN, failed);
    }

    private static long RunBatch(IWorkload workload, int journeys)
    {
        long failed = 0;
        for (var i = 0; i < journeys; i++)
        {
            if (!workload.RunJourney())
            {
                failed++;
            }
        }

        return failed;
    }
}
