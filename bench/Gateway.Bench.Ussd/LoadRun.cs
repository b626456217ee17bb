using System.Diagnostics;
using System.Globalization;
using Gateway.Core.Localization;

namespace Gateway.Bench.Ussd;

/// <summary>What one server did under the load.</summary>
internal sealed record LoadResult(string Name, long Requests, long Journeys, long Errors, double Seconds, double P50, double P99, double Max, string? FirstError)
{
    public double RequestsPerSecond => Requests / Seconds;

    public double JourneysPerSecond => Journeys / Seconds;
}

/// <summary>
/// Drives one server with <c>sessions</c> concurrent simulated people: each runs journeys one after another, one
/// request at a time (dial, then each answer with the whole history, as Africa's Talking sends it), on a phone
/// and session id of its own. Latencies are kept only inside the measured window, after the warm-up.
/// </summary>
internal static class LoadRun
{
    private static long s_phones;

    public static async Task<LoadResult> RunAsync(string name, Uri endpoint, int sessions, TimeSpan think, TimeSpan warmup, TimeSpan duration, bool checkJourneys)
    {
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = sessions + 16, PooledConnectionLifetime = Timeout.InfiniteTimeSpan };
        using var client = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        var start = Stopwatch.GetTimestamp();
        var measureFrom = start + (long)(warmup.TotalSeconds * Stopwatch.Frequency);
        var stopAt = measureFrom + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Worker[sessions];
        for (var i = 0; i < sessions; i++)
        {
            workers[i] = new Worker(i, client, endpoint, think, measureFrom, stopAt, checkJourneys);
        }

        await Task.WhenAll(workers.Select(w => Task.Run(w.RunAsync)));

        var latencies = workers.SelectMany(w => w.Latencies).ToArray();
        Array.Sort(latencies);
        return new LoadResult(
            name,
            latencies.Length,
            workers.Sum(w => w.Journeys),
            workers.Sum(w => w.Errors),
            duration.TotalSeconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies.Length == 0 ? double.NaN : latencies[^1],
            workers.Select(w => w.FirstError).FirstOrDefault(e => e is not null));
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private sealed class Worker(int index, HttpClient client, Uri endpoint, TimeSpan think, long measureFrom, long stopAt, bool checkJourneys)
    {
        private int _journey;

        public List<double> Latencies { get; } = new(capacity: 4096);

        public long Journeys { get; private set; }

        public long Errors { get; private set; }

        public string? FirstError { get; private set; }

        public async Task RunAsync()
        {
            // People do not all dial at the same moment.
            if (think > TimeSpan.Zero)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * think.TotalMilliseconds * 2));
            }

            while (Stopwatch.GetTimestamp() < stopAt)
            {
                var journey = _journey++;
                var answers = Gateway.Bench.Ussd.Journeys.For(journey + index);

                // A phone never seen before for every journey, in this whole run (never dialled: nothing is sent to it).
                var phone = "+6681" + Interlocked.Increment(ref s_phones).ToString("D7", CultureInfo.InvariantCulture);
                var session = $"ATUid_{index}_{journey}_{Guid.NewGuid():N}";
                var history = string.Empty;
                var completed = true;
                for (var step = 0; step <= answers.Length; step++)
                {
                    if (step > 0)
                    {
                        history = step == 1 ? answers[0] : history + "*" + answers[step - 1];
                    }

                    var (body, ok) = await PostAsync(phone, session, history);
                    var last = step == answers.Length;
                    if (ok && checkJourneys)
                    {
                        ok = body.Length > 4 && UssdScreen.Fits(body[4..]) && body.StartsWith(last ? "END " : "CON ", StringComparison.Ordinal);
                    }
                    else if (ok)
                    {
                        ok = body.StartsWith("CON ", StringComparison.Ordinal) || body.StartsWith("END ", StringComparison.Ordinal);
                    }

                    if (!ok)
                    {
                        Errors++;
                        FirstError ??= $"journey {string.Join('*', answers)} at \"{history}\": {body}";
                        completed = false;
                        break;
                    }

                    if (Stopwatch.GetTimestamp() >= stopAt)
                    {
                        completed = false;
                        break;
                    }

                    if (think > TimeSpan.Zero && !last)
                    {
                        // Reading the screen and typing the answer.
                        await Task.Delay(TimeSpan.FromMilliseconds(think.TotalMilliseconds * (0.5 + Random.Shared.NextDouble())));
                    }
                }

                if (completed && Stopwatch.GetTimestamp() >= measureFrom)
                {
                    Journeys++;
                }
            }
        }

        private async Task<(string Body, bool Ok)> PostAsync(string phone, string session, string text)
        {
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = session,
                ["serviceCode"] = "*384*1234#",
                ["phoneNumber"] = phone,
                ["networkCode"] = "52001",
                ["text"] = text,
            });
            var started = Stopwatch.GetTimestamp();
            try
            {
                using var response = await client.PostAsync(endpoint, content);
                var body = await response.Content.ReadAsStringAsync();
                Record(started);
                return (response.IsSuccessStatusCode ? body : $"HTTP {(int)response.StatusCode}: {body}", response.IsSuccessStatusCode);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                Record(started);
                return (e.Message, false);
            }
        }

        private void Record(long started)
        {
            var now = Stopwatch.GetTimestamp();
            if (started >= measureFrom && now <= stopAt)
            {
                Latencies.Add((now - started) * 1000.0 / Stopwatch.Frequency);
            }
        }
    }
}
