using System.Globalization;

namespace Gateway.Bench.Ussd;

/// <summary>The benchmark's command line.</summary>
internal sealed record UssdBenchOptions
{
    public const string Usage = """
        dotnet run -c Release --project bench/Gateway.Bench.Ussd -- [--sessions 200] [--think-ms 2000] [--seconds 30] [--warmup-seconds 10] [--no-saturation] [--quick] [--no-build] [--require-goals]
        """;

    /// <summary>USSD sessions in flight at once, each a person working through a journey.</summary>
    public int Sessions { get; init; } = 200;

    /// <summary>
    /// How long a person takes to read a screen and type an answer, on average (each pause is drawn between half
    /// and one and a half times it). People on USSD take seconds; the operator allows 30 to 60.
    /// </summary>
    public TimeSpan Think { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Also measure both servers with no pause at all: how many requests they serve flat out.</summary>
    public bool Saturation { get; init; } = true;

    /// <summary>How long each server is measured.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Load before measuring, to let the JIT, connection pools and Redis settle.</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Skip building src/Gateway.Web in Release first.</summary>
    public bool NoBuild { get; init; }

    /// <summary>Exit with 2 when the gateway's p99 is 50 ms or more.</summary>
    public bool RequireGoals { get; init; }

    public static UssdBenchOptions? Parse(string[] args)
    {
        var options = new UssdBenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--sessions" when i + 1 < args.Length:
                    options = options with { Sessions = int.Parse(args[++i], CultureInfo.InvariantCulture) };
                    break;
                case "--seconds" when i + 1 < args.Length:
                    options = options with { Duration = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--warmup-seconds" when i + 1 < args.Length:
                    options = options with { Warmup = TimeSpan.FromSeconds(double.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--think-ms" when i + 1 < args.Length:
                    options = options with { Think = TimeSpan.FromMilliseconds(double.Parse(args[++i], CultureInfo.InvariantCulture)) };
                    break;
                case "--no-saturation":
                    options = options with { Saturation = false };
                    break;
                case "--quick":
                    options = options with { Duration = TimeSpan.FromSeconds(8), Warmup = TimeSpan.FromSeconds(3) };
                    break;
                case "--no-build":
                    options = options with { NoBuild = true };
                    break;
                case "--require-goals":
                    options = options with { RequireGoals = true };
                    break;
                default:
                    return null;
            }
        }

        return options;
    }
}
