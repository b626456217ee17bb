using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using CsCheck;

namespace Gateway.Tests.Support;

/// <summary>
/// Property-based fuzzing with CsCheck: generated inputs (random, and mutations of valid samples) run through a
/// parser, which must answer with its documented refusal and nothing else, within a time limit per input. A CI run
/// is short (each property's own iteration count); longer runs are asked for with environment variables:
/// <list type="bullet">
/// <item><c>GATEWAY_FUZZ_ITERATIONS</c>: inputs per property (e.g. 200000), instead of the CI count;</item>
/// <item><c>GATEWAY_FUZZ_SECONDS</c>: seconds per property instead of a count (e.g. 600 for an overnight run);</item>
/// <item><c>GATEWAY_FUZZ_SEED</c>: the seed CsCheck printed for a failure, to run that failure again.</item>
/// </list>
/// A failure is shrunk by CsCheck to a small input and printed with its seed; it then becomes a regression fact of
/// its own beside the parser's other facts.
/// </summary>
public static class Fuzzing
{
    public const string IterationsVariable = "GATEWAY_FUZZ_ITERATIONS";
    public const string SecondsVariable = "GATEWAY_FUZZ_SECONDS";
    public const string SeedVariable = "GATEWAY_FUZZ_SEED";

    /// <summary>How long one input may take: anything slower is reported as a hang, with the input.</summary>
    public static readonly TimeSpan PerInput = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Runs <paramref name="property"/> on <paramref name="iterations"/> inputs of <paramref name="gen"/> (or what
    /// the environment asks for). Fails with the smallest failing input found, or with the input that took longer
    /// than <see cref="PerInput"/>; a parser stuck for good fails the test rather than hanging it.
    /// </summary>
    public static void Check<T>(Gen<T> gen, Action<T> property, long iterations, Func<T, string>? print = null)
    {
        ArgumentNullException.ThrowIfNull(gen);
        ArgumentNullException.ThrowIfNull(property);
        var show = print ?? (value => Show(value));
        var running = new ConcurrentDictionary<int, (T Input, long Started)>();
        var seconds = Number(SecondsVariable);
        var iter = Number(IterationsVariable) ?? iterations;
        var seed = Environment.GetEnvironmentVariable(SeedVariable);
        var run = Task.Factory.StartNew(
            () => gen.Sample(
                input =>
                {
                    var thread = Environment.CurrentManagedThreadId;
                    var started = Stopwatch.GetTimestamp();
                    running[thread] = (input, started);
                    try
                    {
                        property(input);
                    }
                    finally
                    {
                        running.TryRemove(thread, out _);
                    }

                    var took = Stopwatch.GetElapsedTime(started);
                    if (took > PerInput)
                    {
                        throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"One input took {took.TotalSeconds:0.0} s (the limit is {PerInput.TotalSeconds:0} s)."));
                    }
                },
                seed: string.IsNullOrWhiteSpace(seed) ? null : seed,
                iter: seconds is null ? iter : -1,
                time: seconds is { } s ? (int)s : -1,
                print: show),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);

        // A watch beside the run: an input that never returns fails the test with that input, instead of hanging it.
        while (!run.Wait(TimeSpan.FromMilliseconds(200)))
        {
            foreach (var (input, started) in running.Values)
            {
                if (Stopwatch.GetElapsedTime(started) > PerInput * 4)
                {
                    Assert.Fail($"An input has run for more than {(PerInput * 4).TotalSeconds:0} s and is still running: {show(input)}");
                }
            }
        }

        run.GetAwaiter().GetResult();
    }

    /// <summary>A text for a failure message: control characters and unusual ones escaped, long texts cut.</summary>
    public static string Show(object? value)
    {
        var text = value switch
        {
            null => "null",
            string s => s,
            IEnumerable<KeyValuePair<string, string>> pairs => string.Join("&", pairs.Select(p => $"{p.Key}={p.Value}")),
            byte[] bytes => Convert.ToHexString(bytes),
            _ => value.ToString() ?? string.Empty,
        };
        var shown = string.Concat(text.Take(2000).Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
        return "\"" + shown + (text.Length > 2000 ? $"…\" ({text.Length} characters)" : "\"");
    }

    /// <summary>
    /// Mutations of a valid sample, the way fuzzers find what hand-written tests miss: a character changed, a run
    /// deleted or repeated, a token inserted, two parts swapped, the text cut short.
    /// </summary>
    public static Gen<string> Mutations(IReadOnlyList<string> samples, IReadOnlyList<string> tokens)
    {
        ArgumentNullException.ThrowIfNull(samples);
        ArgumentNullException.ThrowIfNull(tokens);
        var sample = Gen.Int[0, samples.Count - 1].Select(i => samples[i]);
        var token = Gen.OneOf(Gen.Int[0, tokens.Count - 1].Select(i => tokens[i]), Texts(8));
        var mutation = Gen.Select(Gen.Int[0, 5], Gen.Double[0, 1], Gen.Double[0, 1], token)
            .Select<(int Kind, double At, double To, string Token), Func<string, string>>(m => text => Mutate(text, m.Kind, m.At, m.To, m.Token));
        return Gen.Select(sample, mutation.Array[1, 6]).Select((text, steps) => steps.Aggregate(text, (current, step) => step(current)));
    }

    /// <summary>Short texts mixing ASCII, control characters, Burmese, Thai, full-width forms, surrogates and emoji.</summary>
    public static Gen<string> Texts(int maxLength) =>
        Gen.OneOf(
            Gen.Char.Array[0, maxLength],
            Gen.Char['\0', '\u007f'].Array[0, maxLength],
            Gen.OneOf(Alphabet).Array[0, maxLength])
        .Select(chars => new string(chars));

    /// <summary>
    /// <see cref="Texts"/> as they can arrive over the wire: UTF-8 carries no lone surrogate, so a round trip
    /// through JSON or a form is only asked of well-formed text (a lone surrogate becomes U+FFFD, as decoding does).
    /// </summary>
    public static Gen<string> WellFormedTexts(int maxLength) =>
        Texts(maxLength).Select(text => System.Text.Encoding.UTF8.GetString(System.Text.Encoding.UTF8.GetBytes(text)));

    private static readonly char[] Alphabet =
    [
        'a', 'Z', '0', '9', ' ', '\t', '\r', '\n', '"', '\'', ',', ':', '-', '#', '&', '=', '+', '@', '*', '%', '{', '}', '[', ']', '\\', '/', '|', '>', '<', '!', '?', '~',
        '\u0000', '\u00a0', '\u200b', '\u200d', '\u2028', '\ufeff', '\ufffd', '\uff1d', '\uff0b', '\u1000', '\u1031', '\u103a', '\u0e01', '\u0e48', '\u17a0',
        '\ud83d', '\ude00', '\ud800', '\udfff',
    ];

    private static string Mutate(string text, int kind, double at, double to, string token)
    {
        var i = (int)(at * text.Length);
        var j = Math.Min(text.Length, i + (int)(to * Math.Min(64, text.Length - i)));
        return kind switch
        {
            0 => text[..i] + token + text[i..],
            1 => text[..i] + text[j..],
            2 => text[..j] + text[i..j] + text[i..],
            3 when i < text.Length => text[..i] + (token.Length > 0 ? token[0] : '\0') + text[(i + 1)..],
            4 => text[..i],
            _ => text[j..] + text[..i] + text[i..j],
        };
    }

    private static long? Number(string variable) =>
        long.TryParse(Environment.GetEnvironmentVariable(variable), NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;
}
