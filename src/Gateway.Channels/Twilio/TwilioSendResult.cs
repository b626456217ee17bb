namespace Gateway.Channels.Twilio;

/// <summary>What the gateway does next after one request to the Messages or the Calls API.</summary>
public enum TwilioSendOutcome
{
    /// <summary>201: Twilio took the message (or call) and gave its sid.</summary>
    Accepted,

    /// <summary>429, 20429, a 5xx, a timeout or a broken connection: try again later.</summary>
    Retry,

    /// <summary>21610: the person replied STOP to this sender; never send to them again.</summary>
    OptedOut,

    /// <summary>Any other 4xx (21211 invalid number, 21612 unroutable, 13224 uncallable…): it cannot be sent as it is.</summary>
    Rejected,
}

/// <summary>
/// The answer to one send (a message) or one call placed. Twilio's own error message is not kept: it can repeat the number ("The 'To' number
/// +66… is not valid"); the code and the more_info link say the same without it.
/// </summary>
public sealed record TwilioSendResult(TwilioSendOutcome Outcome, int HttpStatus)
{
    /// <summary>The <see cref="Subject"/> of a result from the Messages API.</summary>
    public const string Message = "message";

    /// <summary>The <see cref="Subject"/> of a result from the Calls API.</summary>
    public const string Call = "call";

    /// <summary>What was sent: <see cref="Message"/> or <see cref="Call"/>; the sentences of <see cref="Describe"/> name it.</summary>
    public string Subject { get; init; } = Message;

    public string? Sid { get; init; }

    /// <summary>The first status (queued, accepted, scheduled…) from the 201 body.</summary>
    public string? Status { get; init; }

    public int? ErrorCode { get; init; }

    public string? MoreInfo { get; init; }

    /// <summary>How long Twilio asked the gateway to wait (Retry-After), if it said.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>
    /// For a retry: the message or call may have reached Twilio anyway (a 5xx, a timeout, a lost answer), so the next
    /// attempt may deliver it twice. A 429 or 20429 was never processed: always safe to retry.
    /// </summary>
    public bool MayHaveBeenSent { get; init; }

    /// <summary>A sentence for an operator saying what happened, without the number or the text.</summary>
    public string Describe() => Outcome switch
    {
        TwilioSendOutcome.Accepted => $"Twilio took the {Subject} as {Sid} ({Status}).",
        TwilioSendOutcome.Retry when HttpStatus == 0 => "Twilio could not be reached (timeout or broken connection).",
        TwilioSendOutcome.Retry when HttpStatus == 429 || ErrorCode == 20429 => "Twilio asked the gateway to slow down (HTTP 429, 20429).",
        TwilioSendOutcome.Retry => $"Twilio answered HTTP {HttpStatus}{(ErrorCode is { } c ? $" with error {c}" : string.Empty)}.",
        _ => TwilioErrors.Describe(ErrorCode, HttpStatus, MoreInfo, Subject),
    };
}
