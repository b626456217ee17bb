namespace Gateway.Channels.BotFramework;

/// <summary>What became of one activity posted to the connector.</summary>
public enum BotSendOutcome
{
    /// <summary>The connector took it (2xx).</summary>
    Sent,

    /// <summary>429, 5xx, a timeout or a broken connection: worth another try after a wait.</summary>
    Retry,

    /// <summary>401 or 403: the connector refused the gateway's token.</summary>
    Unauthorized,

    /// <summary>Any other 4xx: trying again will not help.</summary>
    Rejected,
}

/// <summary>One attempt's outcome, with the connector's status (0 when it could not be reached) and the id it gave.</summary>
public sealed record BotSendResult(BotSendOutcome Outcome, int Status)
{
    public string? Id { get; init; }

    /// <summary>The connector's Retry-After, when it gave one.</summary>
    public TimeSpan? RetryAfter { get; init; }
}
