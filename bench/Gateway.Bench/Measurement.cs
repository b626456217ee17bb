using System.Diagnostics;

namespace Gateway.Bench;

/// <summary>The figures of one workload.</summary>
/// <param name="Name">The row name.</param>
/// <param name="Rounds">Operations per second in each timed round, in the order run.</param>
/// <param name="BytesPerOperation">Bytes allocated on the measuring thread per operation.</param>
/// <param name="FailedJourneys">Journeys that did not end where they must; any makes the run invalid.</param>
internal sealed record Measured(string Name, IReadOnlyList<double> Rounds, double BytesPerOperation, long FailedJourneys)
{
    public double Median
    {
        get
        {
            var sorted = Rounds.Order().ToArray();
            var middle = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }
    }

    public double Min => Rounds.Min();

    public double Max => Rounds.Max();
}

/// <summary>
/// The one measuring loop every workload goes through: a warm-up, timed rounds on this thread, then a
/// count of the bytes allocated over many journeys.
/// </summary>
internal static class Measurement
{
    // The clock is read once per batch; a batch is sized to take about this long.
    private static readonly TimeSpan BatchTarget = TimeSpan.FromMilliseconds(5);

    public static Measured Run(IWorkload workload, BenchOptions options)
    {
        long failed = 0;

        // Warm-up: lets tiered compilation and PGO settle, and sizes the batches between clock reads.
        var batch = 1;
        var clock = Stopwatch.StartNew();
        do
        {
            var started = clock.Elapsed;
            failed += RunBatch(workload, batch);
            var took = clock.Elapsed - started;
            if (took < BatchTarget && batch < 1 << 20)
            {
                batch *= 2;
            }
        }
        while (clock.Elapsed < options.Warmup);

        var rounds = new List<double>(options.Rounds);
        for (var round = 0; round < options.Rounds; round++)
        {
            long journeys = 0;
            clock.Restart();
            do
            {
                failed += RunBatch(workload, batch);
                journeys += batch;
            }
            while (clock.Elapsed < options.RoundLength);

            var seconds = clock.Elapsed.TotalSeconds;
            rounds.Add(journeys * workload.OperationsPerJourney / seconds);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        failed += RunBatch(workload, options.AllocationJourneys);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var operations = (double)options.AllocationJourneys * workload.OperationsPerJourney;

        return new Measured(workload.Name, rounds, allocated / operations, failed);
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
