namespace Gateway.Channels.Ussd;

/// <summary>What a USSD request is, as far as the provider says.</summary>
public enum UssdRequestKind
{
    /// <summary>The person dialled the service code: the first request of a provider session.</summary>
    Dial,

    /// <summary>The person answered the last screen.</summary>
    Answer,

    /// <summary>The provider closed the session (the person cancelled, or it timed out): nothing to answer.</summary>
    Closed,
}
