using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;

namespace Gateway.Bench.Http;

/// <summary>
/// Sends one server its webhooks and checks every answer: 200, text/xml, a &lt;Response&gt; with a
/// &lt;Message&gt;. Anything else (another status, another body, a refused connection, a timeout) is an error, and
/// one error voids the run: a broken server must not produce a fast figure.
/// </summary>
internal sealed class LoadRunner(string name, HttpClient client, WebhookTraffic traffic)
{
    private const int MaxErrorsPerPhase = 100;

    private readonly ConcurrentQueue<string> _errorSamples = new();
    private long _errors;
    private long _answered;
    private int _nextContact;
    private int[] _cursors = [];

    public string Name { get; } = name;

    public WebhookTraffic Traffic { get; } = traffic;

    public long Errors => Interlocked.Read(ref _errors);

    public long Answered => Interlocked.Read(ref _answered);

    public IEnumerable<string> ErrorSamples => _errorSamples;

    /// <summary>
    /// Closed loop: <paramref name="workers"/> requests in flight at all times for <paramref name="duration"/>; each
    /// worker owns every workers-th number and takes them in turn. Returns the requests answered per second.
    /// </summary>
    public async Task<ThroughputRound> RunClosedAsync(int workers, TimeSpan duration, CancellationToken cancellationToken)
    {
        if (_cursors.Length != workers)
        {
            _cursors = new int[workers];
        }

        var answeredBefore = Answered;
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var errorsBefore = Errors;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            async () =>
            {
                var owned = (Traffic.Contacts - w + workers - 1) / workers;
                while (Stopwatch.GetTimestamp() < deadline && Errors - errorsBefore < MaxErrorsPerPhase && !cancellationToken.IsCancellationRequested)
                {
                    var contact = w + (workers * (_cursors[w]++ % owned));
                    await SendAsync(Traffic.Next(contact), cancellationToken);
                }
            },
            cancellationToken)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return new ThroughputRound(Answered - answeredBefore, elapsed);
    }

    /// <summary>
    /// Sends each number as many messages as its index modulo the journey's length, so that from then on the
    /// numbers are spread evenly over the journey's steps and every phase sees the same mix of messages (a report
    /// costs more than a menu).
    /// </summary>
    public Task StaggerAsync(int workers, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, workers).Select(w => Task.Run(
            async () =>
            {
                for (var contact = w; contact < Traffic.Contacts && !cancellationToken.IsCancellationRequested; contact += workers)
                {
                    for (var i = 0; i < contact % WebhookTraffic.JourneyLength; i++)
                    {
                        await SendAsync(Traffic.Next(contact), cancellationToken);
                    }
                }
            },
            cancellationToken)));

    /// <summary>
    /// Whole journeys: <paramref name="journeys"/> numbers send the journey's next ten messages, at most
    /// <paramref name="workers"/> requests in flight, so that what one request costs is averaged over every step.
    /// </summary>
    public async Task RunJourneysAsync(int journeys, int workers, CancellationToken cancellationToken)
    {
        var total = journeys * WebhookTraffic.JourneyLength;
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(_ => Task.Run(
            async () =>
            {
                // Request k goes to number k mod journeys: a number's messages are a whole round of the others apart.
                for (var k = Interlocked.Increment(ref next); k < total && !cancellationToken.IsCancellationRequested; k = Interlocked.Increment(ref next))
                {
                    await SendAsync(Traffic.Next(k % journeys), cancellationToken);
                }
            },
            cancellationToken)));
    }

    /// <summary>
    /// Open loop: requests at a fixed rate whatever the answers do. Request i is due at start + i / rate; its latency
    /// is measured from when it was due, not from when it was sent, so a slow answer that holds up the next sends
    /// is counted in full (no coordinated omission). The sender sleeps in 1 ms steps, so a request leaves up to
    /// about 1 ms after it was due; that lag is reported separately and is part of the latency.
    /// </summary>
    public async Task<LatencyResult> RunFixedRateAsync(int rate, TimeSpan duration, CancellationToken cancellationToken)
    {
        var total = Math.Max(1, (int)(rate * duration.TotalSeconds));
        var latencies = new long[total];
        var lags = new long[total];
        var tasks = new Task[total];
        var errorsBefore = Errors;
        var start = Stopwatch.GetTimestamp();
        var sent = await Task.Factory.StartNew(
            () =>
            {
                var i = 0;
                for (; i < total && Errors - errorsBefore < MaxErrorsPerPhase && !cancellationToken.IsCancellationRequested; i++)
                {
                    var due = start + (long)(i * (double)Stopwatch.Frequency / rate);
                    while (Stopwatch.GetTimestamp() < due)
                    {
                        Thread.Sleep(1);
                    }

                    var index = i;
                    lags[index] = Stopwatch.GetTimestamp() - due;
                    tasks[index] = TimedAsync(Traffic.Next(NextContactInTurn()), due, latencies, index, cancellationToken);
                }

                return i;
            },
            cancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
        await Task.WhenAll(tasks.Take(sent));
        return LatencyResult.From(latencies.AsSpan(0, sent), lags.AsSpan(0, sent));
    }

    private async Task TimedAsync(Webhook webhook, long due, long[] latencies, int index, CancellationToken cancellationToken)
    {
        await SendAsync(webhook, cancellationToken);
        latencies[index] = Stopwatch.GetTimestamp() - due;
    }

    private int NextContactInTurn() => (int)((uint)Interlocked.Increment(ref _nextContact) % (uint)Traffic.Contacts);

    private async Task SendAsync(Webhook webhook, CancellationToken cancellationToken)
    {
        using var request = webhook.Request;
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (Problem(response, body) is { } problem)
            {
                Fail(problem);
                return;
            }

            Interlocked.Increment(ref _answered);
            if (webhook.OpensReport)
            {
                Traffic.CountReport();
            }
        }
        catch (HttpRequestException e)
        {
            Fail($"no answer: {e.Message}");
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Fail($"no answer within {client.Timeout.TotalSeconds:0} s");
        }
    }

    private static string? Problem(HttpResponseMessage response, string body)
    {
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"{(int)response.StatusCode} {response.StatusCode}: {Shorten(body)}";
        }

        if (response.Content.Headers.ContentType?.MediaType != "text/xml")
        {
            return $"200 but {response.Content.Headers.ContentType?.MediaType ?? "no content type"} instead of text/xml: {Shorten(body)}";
        }

        return body.Contains("<Response>", StringComparison.Ordinal) && body.Contains("<Message>", StringComparison.Ordinal)
            ? null
            : $"200 text/xml without a <Response> holding a <Message>: {Shorten(body)}";
    }

    private void Fail(string problem)
    {
        if (Interlocked.Increment(ref _errors) <= 5)
        {
            _errorSamples.Enqueue(problem);
        }
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}

/// <summary>Requests answered in one timed round, and how long the round took until its last answer.</summary>
internal sealed record ThroughputRound(long Answered, TimeSpan Elapsed)
{
    public double PerSecond => Answered / Elapsed.TotalSeconds;
}

/// <summary>Latency at a fixed rate, in milliseconds from when each request was due.</summary>
internal sealed record LatencyResult(int Requests, double P50, double P99, double Max, double LagP50, double LagP99)
{
    public static LatencyResult From(Span<long> latencies, Span<long> lags)
    {
        latencies.Sort();
        lags.Sort();
        return new LatencyResult(
            latencies.Length,
            Milliseconds(Percentile(latencies, 0.50)),
            Milliseconds(Percentile(latencies, 0.99)),
            Milliseconds(latencies.Length == 0 ? 0 : latencies[^1]),
            Milliseconds(Percentile(lags, 0.50)),
            Milliseconds(Percentile(lags, 0.99)));
    }

    /// <summary>The nearest-rank percentile of sorted values.</summary>
    private static long Percentile(Span<long> sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Milliseconds(long ticks) => ticks * 1000.0 / Stopwatch.Frequency;
}
