using System.Globalization;
using Gateway.Core.Outbound;

namespace Gateway.Channels.Webhooks;

/// <summary>What the gateway does next after one webhook attempt.</summary>
public enum WebhookOutcome
{
    /// <summary>The receiver answered 2xx: it has the page.</summary>
    Delivered,

    /// <summary>5xx, 408, 429, a timeout or a network error: try again later with the same delivery id.</summary>
    Retry,

    /// <summary>Any other answer (most 4xx, a redirect not followed): trying again will not help; an operator must look.</summary>
    Failed,
}

/// <summary>
/// The answer to one attempt. Neither the body sent nor the body received is kept: the receiver may echo the
/// page back. The caller schedules a retry (see <see cref="DelayBeforeRetry"/>) and records
/// <see cref="MayHaveBeenDelivered"/> as a possible duplicate.
/// </summary>
public sealed record WebhookResult(WebhookOutcome Outcome, int HttpStatus)
{
    /// <summary>The receiver's own id for what it made of the page (the <c>id</c> of a JSON answer), at most 64 characters.</summary>
    public string? ResponseId { get; init; }

    /// <summary>How long the receiver asked the gateway to wait (Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For a retry: the receiver may have the page already (the request was sent but the answer never came, or a
    /// proxy timed out waiting), so the next attempt may deliver it twice. Receivers drop repeats by delivery id.
    /// </summary>
    public bool MayHaveBeenDelivered { get; init; }

    /// <summary>For a retry or a failure: a sentence for an operator saying what went wrong.</summary>
    public string? Problem { get; init; }

    /// <summary>How long the attempt took.</summary>
    public TimeSpan Elapsed { get; init; }

    /// <summary>
    /// The wait before attempt number <paramref name="attempts"/> + 1: <see cref="RetryBackoff"/> doubling from
    /// <paramref name="baseDelay"/> (2 s) to <paramref name="maxDelay"/> (2 min) with jitter
    /// (<paramref name="random"/>, 0 to 1), never shorter than the receiver's Retry-After up to the maximum.
    /// </summary>
    public TimeSpan DelayBeforeRetry(int attempts, double random, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) =>
        RetryBackoff.Delay(attempts, baseDelay ?? TimeSpan.FromSeconds(2), maxDelay ?? TimeSpan.FromMinutes(2), random, RetryAfter);

    /// <summary>A sentence for an operator saying what happened, without the body.</summary>
    public string Describe() => Outcome switch
    {
        WebhookOutcome.Delivered when ResponseId is not null => $"Delivered (HTTP {Status}, the receiver's id {ResponseId}).",
        WebhookOutcome.Delivered => $"Delivered (HTTP {Status}).",
        _ => Problem ?? $"HTTP {Status}.",
    };

    private string Status => HttpStatus.ToString(CultureInfo.InvariantCulture);
}
