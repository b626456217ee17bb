using System.Globalization;

namespace Gateway.Bench.Escalation;

/// <summary>How late a set of steps started after they were due: p50, p99 and max by nearest rank, in seconds.</summary>
internal sealed record Lateness(int Count, double P50, double P99, double Max, double Min)
{
    public static Lateness Of(IEnumerable<double> seconds)
    {
        var sorted = seconds.Order().ToArray();
        return sorted.Length == 0
            ? new Lateness(0, 0, 0, 0, 0)
            : new Lateness(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.99), sorted[^1], sorted[0]);
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"{Count,7:N0} steps, p50 {P50,7:0.000} s, p99 {P99,7:0.000} s, max {Max,7:0.000} s");

    private static double Rank(double[] sorted, double quantile) =>
        sorted[Math.Clamp((int)Math.Ceiling(quantile * sorted.Length) - 1, 0, sorted.Length - 1)];
}
