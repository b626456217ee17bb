namespace Gateway.Core.Sessions;

/// <summary>
/// Where one person is in a conversation. The engine never changes a session it was given:
/// each turn returns a new one, which the host stores (one message at a time per contact).
/// </summary>
public sealed class Session
{
    /// <summary>"flow:state" while a flow is running; null before the first message, after an end or expiry.</summary>
    public string? State { get; set; }

    public string? Language { get; set; }

    /// <summary>ISO 3166 alpha-2 country, from the number's prefix or asked once.</summary>
    public string? Country { get; set; }

    /// <summary>Replies go out in the Zawgyi encoding (chosen in the language menu).</summary>
    public bool ZawgyiOutput { get; set; }

    /// <summary>
    /// The person asked for discreet replies (the <c>discreet</c> keyword): every text is said in its neutral
    /// wording, without "trafficking", "SOS" or a hotline's name. Copied from and back to <see cref="ContactProfile.Discreet"/>.
    /// </summary>
    public bool Discreet { get; set; }

    /// <summary>The content hash of flows/ and localization/ the session was last served from.</summary>
    public string? Revision { get; set; }

    public DateTimeOffset LastActivity { get; set; }

    /// <summary>Wrong answers in a row in the current state.</summary>
    public int InvalidAnswers { get; set; }

    /// <summary>Pages of a long reply not sent yet; "more" sends the next.</summary>
    public List<string> PendingPages { get; init; } = [];

    /// <summary>Answers kept by the flow (category, place, consents …).</summary>
    public Dictionary<string, string> Variables { get; init; } = new(StringComparer.Ordinal);

    /// <summary>The provider session (USSD) the last message came in; the host keeps it, the engine only copies it.</summary>
    public ProviderSession? Provider { get; set; }

    public Session Clone() => new()
    {
        State = State,
        Language = Language,
        Country = Country,
        ZawgyiOutput = ZawgyiOutput,
        Discreet = Discreet,
        Revision = Revision,
        LastActivity = LastActivity,
        InvalidAnswers = InvalidAnswers,
        PendingPages = PendingPages.Count == 0 ? [] : [.. PendingPages],
        Variables = Variables.Count == 0 ? new(StringComparer.Ordinal) : new(Variables, StringComparer.Ordinal),
        Provider = Provider,
    };
}
