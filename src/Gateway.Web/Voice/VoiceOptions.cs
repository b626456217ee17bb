namespace Gateway.Web.Voice;

/// <summary>The "Voice" configuration section (environment: Voice__CallerId, Voice__MaxCallBacksPerDay, …).</summary>
public sealed class VoiceOptions
{
    public const string Section = "Voice";

    /// <summary>
    /// The voice-capable Twilio number (E.164) call-backs come from; Twilio__FromNumber when unset. The same number is
    /// shown to a contact a caller is put through to from a call-back.
    /// </summary>
    public string? CallerId { get; set; }

    /// <summary>Call-backs (CALL) one person may have in a UTC day; more are refused and the person is told so.</summary>
    public int MaxCallBacksPerDay { get; set; } = 2;

    /// <summary>How long a call waits for a key after a menu is said, in seconds.</summary>
    public int GatherTimeoutSeconds { get; set; } = 6;

    /// <summary>How long a contact's phone rings when a caller is put through, in seconds.</summary>
    public int DialTimeoutSeconds { get; set; } = 30;

    /// <summary>How long the gateway may take before it gives up on the store and says the hotline (Twilio waits 15 s).</summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(8);

    /// <summary>How long the Calls API may take to take a call-back before the person is told it failed.</summary>
    public TimeSpan PlaceCallWithin { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long Twilio and other caches may keep a recording (Cache-Control max-age).</summary>
    public TimeSpan AudioMaxAge { get; set; } = TimeSpan.FromHours(1);
}
