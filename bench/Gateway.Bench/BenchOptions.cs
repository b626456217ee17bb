using System.Globalization;

namespace Gateway.Bench;

/// <summary>The command line of the benchmark: where the flows are and how long to measure.</summary>
internal sealed class BenchOptions
{
    public string? Flows { get; private set; }

    public string? Localization { get; private set; }

    /// <summary>How long each workload runs before it is timed, so the JIT has finished tiering up.</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromMilliseconds(1500);

    /// <summary>Timed rounds; in each every row runs once, and the median over rounds is reported.</summary>
    public int Rounds { get; private set; } = 7;

    public TimeSpan RoundLength { get; private set; } = TimeSpan.FromSeconds(1);

    /// <summary>Journeys run to count allocated bytes.</summary>
    public int AllocationJourneys { get; private set; } = 20_000;

    /// <summary>Exit with 2 when a goal is missed (for CI); by default the figures are only reported.</summary>
    public bool RequireGoals { get; private set; }

    /// <summary>Rows to measure (all when empty), e.g. to profile one of them.</summary>
    public IReadOnlyCollection<string> Only => _only;

    /// <summary>Also measure pieces of a turn alone (the state machine, the session copy, reading the message).</summary>
    public bool Parts { get; private set; }

    /// <summary>Also sample what the measured rows allocate, by type.</summary>
    public bool AllocationProfile { get; private set; }

    public bool ShowHelp { get; private set; }

    private readonly List<string> _only = [];

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Gateway.Bench -- [options]

          --flows DIR           flow files (default: flows/ next to Gateway.sln)
          --localization DIR    language files (default: localization/ next to Gateway.sln)
          --warmup-ms N         untimed running per workload before the rounds (default 1500)
          --rounds N            timed rounds; in each, every row runs in turn (default 7)
          --round-ms N          how long each row runs in a round (default 1000)
          --alloc-journeys N    journeys run to count allocated bytes (default 20000)
          --quick               short run to try the harness: 300 ms warm-up, 3 rounds of 300 ms
          --only ROW            measure only this row (repeatable): baseline, "engine sms en", "engine sms my", "engine ussd my"
          --parts               also time pieces of a turn alone: the Stateless machine, the session copy, reading the message
          --alloc-profile       also list the types the rows allocate most (sampled every ~100 KB)
          --require-goals       exit with 2 when a goal is not met
        """;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--flows":
                    options.Flows = Value(args, ref i);
                    break;
                case "--localization":
                    options.Localization = Value(args, ref i);
                    break;
                case "--warmup-ms":
                    options.Warmup = TimeSpan.FromMilliseconds(Number(args, ref i, minimum: 0));
                    break;
                case "--rounds":
                    options.Rounds = Number(args, ref i, minimum: 1);
                    break;
                case "--round-ms":
                    options.RoundLength = TimeSpan.FromMilliseconds(Number(args, ref i, minimum: 10));
                    break;
                case "--alloc-journeys":
                    options.AllocationJourneys = Number(args, ref i, minimum: 1);
                    break;
                case "--quick":
                    options.Warmup = TimeSpan.FromMilliseconds(300);
                    options.Rounds = 3;
                    options.RoundLength = TimeSpan.FromMilliseconds(300);
                    options.AllocationJourneys = 2_000;
                    break;
                case "--only":
                    options._only.Add(Value(args, ref i));
                    break;
                case "--parts":
                    options.Parts = true;
                    break;
                case "--alloc-profile":
                    options.AllocationProfile = true;
                    break;
                case "--require-goals":
                    options.RequireGoals = true;
                    break;
                case "--help" or "-h":
                    options.ShowHelp = true;
                    break;
                default:
                    throw new ArgumentException($"unknown option \"{arg}\".");
            }
        }

        return options;
    }

    private static string Value(IReadOnlyList<string> args, ref int i) =>
        i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");

    private static int Number(IReadOnlyList<string> args, ref int i, int minimum)
    {
        var name = args[i];
        var text = Value(args, ref i);
        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= minimum
            ? value
            : throw new ArgumentException($"{name} needs a whole number of at least {minimum}, not \"{text}\".");
    }
}
