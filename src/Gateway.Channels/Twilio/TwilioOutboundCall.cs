namespace Gateway.Channels.Twilio;

/// <summary>
/// One call to place through the Calls API. What the call does when answered is either inline TwiML
/// (<see cref="Twiml"/>, at most <see cref="MaxTwimlLength"/> characters) or a URL Twilio fetches it from
/// (<see cref="Url"/>); exactly one of the two. <see cref="Timeout"/> is how long it rings before Twilio gives up
/// with no-answer (Twilio's default 60 s, at most 600 s).
/// </summary>
/// <example>
/// <code>
/// new TwilioOutboundCall(to, pagesNumber) { Twiml = VoiceTwiML.Page("K7M2QXH", "labour", acceptUrl), StatusCallback = statusUrl, Timeout = TimeSpan.FromSeconds(30) }
/// </code>
/// </example>
public sealed record TwilioOutboundCall(string To, string From)
{
    /// <summary>Twilio's limit for the Twiml parameter, in characters.</summary>
    public const int MaxTwimlLength = 4000;

    /// <summary>Every call progress event Twilio can post to the status callback.</summary>
    public static readonly IReadOnlyList<string> AllStatusEvents = ["initiated", "ringing", "answered", "completed"];

    public string? Twiml { get; init; }

    public Uri? Url { get; init; }

    /// <summary>Where Twilio posts the call's progress (CallSid, CallStatus…).</summary>
    public Uri? StatusCallback { get; init; }

    /// <summary>The events posted to <see cref="StatusCallback"/>; Twilio posts only completed when none are named.</summary>
    public IReadOnlyList<string> StatusCallbackEvents { get; init; } = AllStatusEvents;

    public TimeSpan? Timeout { get; init; }

    // The number stays out of anything that prints this record.
    public override string ToString() =>
        $"TwilioOutboundCall {{ Twiml = {Twiml?.Length ?? 0} characters, Url = {Url}, StatusCallback = {StatusCallback} }}";
}
