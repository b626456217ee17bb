using System.Globalization;

namespace Gateway.Bench.Escalation;

/// <summary>The command line of the escalation benchmark: how many reports, how long their chains are, and where the gateway is.</summary>
internal sealed class EscalationBenchOptions
{
    /// <summary>Reports opened (one SOS each from a number of its own), and bare chains in the baseline.</summary>
    public int Reports { get; private set; } = 10_000;

    /// <summary>Levels of the benchmark's policy, each paging one webhook; after the last, one more step ends the chain.</summary>
    public int Levels { get; private set; } = 3;

    /// <summary>Each level's acknowledge_within: the time from one step to the next.</summary>
    public TimeSpan AcknowledgeWithin { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>The window over which the reports are opened, at an even rate.</summary>
    public TimeSpan OpenWindow { get; private set; } = TimeSpan.FromSeconds(20);

    /// <summary>Gateway.Web.dll to start; by default the Release build beside Gateway.sln.</summary>
    public string? GatewayDll { get; private set; }

    public bool SkipBaseline { get; private set; }

    /// <summary>The baseline's Hangfire workers; by default the gateway's own (<c>JobStorageFactory.ServerOptions</c>), set it to match an older gateway.</summary>
    public int? BaselineWorkers { get; private set; }

    /// <summary>How many due jobs the baseline's scheduler moves at a time; by default the gateway's.</summary>
    public int? BaselineSchedulers { get; private set; }

    public bool RequireGoals { get; private set; }

    public bool ShowHelp { get; private set; }

    /// <summary>Steps in one chain: the first (enqueued when the report opens), one per further level, and the end of the chain.</summary>
    public int StepsPerChain => Levels + 1;

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Gateway.Bench.Escalation -- [options]

          --reports N         reports opened, one SOS from each of N numbers (default 10000)
          --levels N          levels of the policy, one webhook page each (default 3); a chain has N + 1 steps
          --ack-seconds N     acknowledge_within of every level (default 20)
          --open-seconds N    the reports are opened evenly over this many seconds (default 20)
          --gateway PATH      Gateway.Web.dll to start (default: src/Gateway.Web/bin/Release/net10.0/ beside Gateway.sln)
          --skip-baseline     measure the gateway only (no bare Hangfire chains first)
          --baseline-workers N  Hangfire workers of the baseline (default: the gateway's, JobStorageFactory.ServerOptions)
          --baseline-schedulers N  due jobs the baseline's scheduler moves at a time (default: the gateway's)
          --quick             1,000 reports, 2 levels, 10 s apart, opened over 5 s: to try the harness
          --require-goals     exit with 2 when the goal is not met
        Exit codes: 0 done, 1 a server did not start or a step was lost or run twice (the figures are void),
        2 goal missed (with --require-goals), 64 bad options.
        """;

    public static EscalationBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new EscalationBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--reports":
                    options.Reports = Number(args, ref i, minimum: 1);
                    break;
                case "--levels":
                    options.Levels = Number(args, ref i, minimum: 1);
                    break;
                case "--ack-seconds":
                    options.AcknowledgeWithin = TimeSpan.FromSeconds(Number(args, ref i, minimum: 2));
                    break;
                case "--open-seconds":
                    options.OpenWindow = TimeSpan.FromSeconds(Number(args, ref i, minimum: 1));
                    break;
                case "--gateway":
                    options.GatewayDll = Value(args, ref i);
                    break;
                case "--baseline-workers":
                    options.BaselineWorkers = Number(args, ref i, minimum: 1);
                    break;
                case "--baseline-schedulers":
                    options.BaselineSchedulers = Number(args, ref i, minimum: 1);
                    break;
                case "--skip-baseline":
                    options.SkipBaseline = true;
                    break;
                case "--quick":
                    options.Reports = 1_000;
                    options.Levels = 2;
                    options.AcknowledgeWithin = TimeSpan.FromSeconds(10);
                    options.OpenWindow = TimeSpan.FromSeconds(5);
                    break;
                case "--require-goals":
                    options.RequireGoals = true;
                    break;
                case "--help" or "-h":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown option {args[i]}.");
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        ++i < args.Count ? args[i] : throw new ArgumentException($"{args[i - 1]} needs a value.");

    private static int Number(IReadOnlyList<string> args, ref int i, int minimum)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{name} needs a whole number of at least {minimum}, not \"{text}\".");
    }
}
