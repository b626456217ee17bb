using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Channels.Webhooks;

/// <summary>
/// Posts a page to a hotline's system: the JSON body, signed (<see cref="WebhookSigner"/>) at the moment of the
/// attempt, with the delivery id that stays the same on every retry. One call is one attempt; the result says
/// whether it arrived, whether to try again (and whether the receiver may have it already), or why it failed.
/// Nothing here logs, and neither the body nor the receiver's answer is kept.
/// </summary>
/// <example>
/// <code>
/// var result = await webhooks.DeliverAsync(target, deliveryId, PagePayload.For(report, place, "ngo", ackUrl).ToJson(), ct);
/// if (result.Outcome == WebhookOutcome.Retry) { schedule(result.DelayBeforeRetry(attempts, Random.Shared.NextDouble())); }
/// </code>
/// </example>
public sealed class WebhookClient(HttpClient http, TimeProvider? clock = null)
{
    /// <summary>The most of an answer read, looking for its id.</summary>
    internal const int MaxAnswerBytes = 8 * 1024;

    private const int MaxResponseIdLength = 64;
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;

    /// <summary>
    /// One attempt. Throws only when <paramref name="cancellationToken"/> is cancelled; every answer, a timeout
    /// (the target's <see cref="WebhookTarget.Timeout"/>) and a network error come back as a result.
    /// </summary>
    public async Task<WebhookResult> DeliverAsync(WebhookTarget target, string deliveryId, string jsonBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        ArgumentNullException.ThrowIfNull(jsonBody);
        var body = Encoding.UTF8.GetBytes(jsonBody);
        using var request = new HttpRequestMessage(HttpMethod.Post, target.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("SafeMigrationGateway", "1"));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        foreach (var (name, value) in WebhookSigner.Headers(target.Secrets, deliveryId, body, _clock.GetUtcNow()))
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var started = _clock.GetTimestamp();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(target.Timeout);
        try
        {
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var answer = response.IsSuccessStatusCode ? await ReadAnswerAsync(response, timeout.Token) : null;
            return Read(target, response, answer) with { Elapsed = _clock.GetElapsedTime(started) };
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The target's timeout, or HttpClient's own: the request went out and the answer did not come back.
            var waited = _clock.GetElapsedTime(started);
            return new WebhookResult(WebhookOutcome.Retry, 0)
            {
                MayHaveBeenDelivered = true,
                Elapsed = waited,
                Problem = $"{target.Name} did not answer within {Seconds(waited)} seconds; it may have the page already.",
            };
        }
        catch (HttpRequestException e)
        {
            // Refused, unresolved or a failed TLS handshake means nothing was sent; a connection lost later may have delivered it.
            var notSent = e.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError;
            return new WebhookResult(WebhookOutcome.Retry, 0)
            {
                MayHaveBeenDelivered = !notSent,
                Elapsed = _clock.GetElapsedTime(started),
                Problem = $"{target.Name} could not be reached ({Kind(e.HttpRequestError)}).",
            };
        }
    }

    private static WebhookResult Read(WebhookTarget target, HttpResponseMessage response, string? answer)
    {
        var status = (int)response.StatusCode;
        var code = status.ToString(CultureInfo.InvariantCulture);
        if (response.IsSuccessStatusCode)
        {
            return new WebhookResult(WebhookOutcome.Delivered, status) { ResponseId = ResponseId(answer) };
        }

        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        return status switch
        {
            429 => new WebhookResult(WebhookOutcome.Retry, status) { RetryAfter = retryAfter, Problem = $"{target.Name} asked the gateway to slow down (HTTP 429)." },
            408 => new WebhookResult(WebhookOutcome.Retry, status) { RetryAfter = retryAfter, Problem = $"{target.Name} gave up waiting for the request (HTTP 408)." },
            // A proxy's 502 or 504: the system behind it may have taken the page before the proxy gave up.
            502 or 504 => new WebhookResult(WebhookOutcome.Retry, status) { RetryAfter = retryAfter, MayHaveBeenDelivered = true, Problem = $"A proxy in front of {target.Name} answered HTTP {code}; the page may have arrived." },
            >= 500 => new WebhookResult(WebhookOutcome.Retry, status) { RetryAfter = retryAfter, Problem = $"{target.Name} answered HTTP {code}." },
            401 or 403 => Failed(status, $"{target.Name} refused the signature (HTTP {code}): check that it holds the target's current secret and that its clock is right."),
            404 or 405 or 410 => Failed(status, $"{target.Name} has no endpoint for pages at the target's URL (HTTP {code}): check the URL."),
            413 => Failed(status, $"{target.Name} refused the page as too large (HTTP 413)."),
            >= 300 and < 400 => Failed(status, $"{target.Name} answered with a redirect (HTTP {code}): set the target's URL to the address it points to."),
            _ => Failed(status, $"{target.Name} refused the page (HTTP {code})."),
        };
    }

    private static WebhookResult Failed(int status, string problem) => new(WebhookOutcome.Failed, status) { Problem = problem };

    private static async Task<string?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is { } type && !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxAnswerBytes];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return Encoding.UTF8.GetString(buffer, 0, length);
    }

    /// <summary>The <c>id</c> of a JSON object answer (a string or a number), when it is short and printable.</summary>
    internal static string? ResponseId(string? answer)
    {
        if (string.IsNullOrWhiteSpace(answer))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(answer);
            if (document.RootElement.ValueKind != JsonValueKind.Object || !document.RootElement.TryGetProperty("id", out var id))
            {
                return null;
            }

            var text = id.ValueKind switch
            {
                JsonValueKind.String => id.GetString(),
                JsonValueKind.Number => id.GetRawText(),
                _ => null,
            };
            return text is { Length: > 0 and <= MaxResponseIdLength } && text.All(c => c is > ' ' and < '\u007f') ? text : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Kind(HttpRequestError error) => error switch
    {
        HttpRequestError.NameResolutionError => "its host name does not resolve",
        HttpRequestError.ConnectionError => "the connection was refused or failed",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        HttpRequestError.ResponseEnded => "the connection closed before the answer",
        HttpRequestError.InvalidResponse => "its answer was not valid HTTP",
        _ => "a network error",
    };
}
