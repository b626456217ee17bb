using System.Globalization;

namespace Gateway.Bench.Http;

/// <summary>The command line of the HTTP benchmark: load shape, phase lengths and where the gateway is.</summary>
internal sealed class HttpBenchOptions
{
    /// <summary>Concurrent requests in the throughput phase, and the client's connections per server.</summary>
    public int Connections { get; private set; } = 32;

    /// <summary>Requests per second of the fixed-rate (latency) phase.</summary>
    public int Rate { get; private set; } = 500;

    /// <summary>Length of one timed throughput round per server.</summary>
    public TimeSpan RoundLength { get; private set; } = TimeSpan.FromSeconds(5);

    public int Rounds { get; private set; } = 3;

    /// <summary>Untimed closed-loop load per server before the rounds (JIT tiering, connection pools, Redis keys).</summary>
    public TimeSpan Warmup { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Length of the fixed-rate phase per server.</summary>
    public TimeSpan LatencyLength { get; private set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whole journeys (ten requests each) sent per server, one request at a time, to count the round trips.</summary>
    public int RoundTripJourneys { get; private set; } = 100;

    /// <summary>People writing in: each has a session that moves through the flows.</summary>
    public int Contacts { get; private set; } = 2_000;

    /// <summary>Gateway.Web.dll to start; by default the Release build beside Gateway.sln.</summary>
    public string? GatewayDll { get; private set; }

    public bool RequireGoals { get; private set; }

    public bool ShowHelp { get; private set; }

    public bool Quick { get; private set; }

    public const string Usage = """
        Usage: dotnet run -c Release --project bench/Gateway.Bench.Http -- [options]

          --connections N     concurrent requests (and connections per server) in the throughput phase (default 32)
          --rate N            requests per second of the fixed-rate latency phase (default 500)
          --seconds N         length of each timed throughput round (default 5); the latency phase lasts twice as long
          --rounds N          timed throughput rounds per server, taken in turns (default 3)
          --warmup N          seconds of untimed load per server first (default 10)
          --contacts N        distinct phone numbers writing in (default 2000)
          --gateway PATH      Gateway.Web.dll to start (default: src/Gateway.Web/bin/Release/net10.0/ beside Gateway.sln)
          --quick             short run to try the harness: 1 s warm-up, 3 rounds of 1 s, 2 s at the fixed rate
          --require-goals     exit with 2 when a goal is not met
        Exit codes: 0 done, 1 a server did not start or answered wrongly (the figures are void), 2 goals missed
        (with --require-goals), 64 bad options.
        """;

    public static HttpBenchOptions Parse(IReadOnlyList<string> args)
    {
        var options = new HttpBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            switch (arg)
            {
                case "--connections":
                    options.Connections = Number(args, ref i, minimum: 1);
                    break;
                case "--rate":
                    options.Rate = Number(args, ref i, minimum: 1);
                    break;
                case "--seconds":
                    var seconds = Number(args, ref i, minimum: 1);
                    options.RoundLength = TimeSpan.FromSeconds(seconds);
                    options.LatencyLength = TimeSpan.FromSeconds(2 * seconds);
                    break;
                case "--rounds":
                    options.Rounds = Number(args, ref i, minimum: 1);
                    break;
                case "--warmup":
                    options.Warmup = TimeSpan.FromSeconds(Number(args, ref i, minimum: 0));
                    break;
                case "--contacts":
                    options.Contacts = Number(args, ref i, minimum: 1);
                    break;
                case "--gateway":
                    options.GatewayDll = Value(args, ref i);
                    break;
                case "--quick":
                    options.Quick = true;
                    options.Warmup = TimeSpan.FromSeconds(1);
                    options.RoundLength = TimeSpan.FromSeconds(1);
                    options.Rounds = 3;
                    options.LatencyLength = TimeSpan.FromSeconds(2);
                    options.RoundTripJourneys = 30;
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
