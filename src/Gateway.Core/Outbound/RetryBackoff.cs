namespace Gateway.Core.Outbound;

/// <summary>
/// How long to wait before trying a message again: doubling from a base delay up to a maximum, with jitter so that
/// many messages refused at once (a 429 from the provider) do not all come back at the same moment.
/// </summary>
public static class RetryBackoff
{
    /// <summary>
    /// The wait after <paramref name="attempts"/> attempts: half of the doubled delay fixed, half drawn from
    /// <paramref name="random"/> (0 to 1). A provider's Retry-After is respected up to the maximum.
    /// </summary>
    /// <example>Base 2 s, maximum 5 min: after 1 attempt 1–2 s, after 3 attempts 4–8 s, after 10 attempts 150–300 s.</example>
    public static TimeSpan Delay(int attempts, TimeSpan baseDelay, TimeSpan maxDelay, double random, TimeSpan? retryAfter = null)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 30);
        var doubled = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
        var delay = (doubled / 2) + (doubled / 2 * Math.Clamp(random, 0, 1));
        if (retryAfter is { } after)
        {
            delay = Math.Max(delay, Math.Min(after.TotalMilliseconds, maxDelay.TotalMilliseconds));
        }

        return TimeSpan.FromMilliseconds(delay);
    }
}
