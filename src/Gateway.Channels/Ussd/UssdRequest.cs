namespace Gateway.Channels.Ussd;

/// <summary>
/// One USSD request, whatever the provider's convention: who, which provider session, what was typed and where
/// in the session it stands. Parsed by <see cref="AfricasTalkingUssd"/> or <see cref="HubtelUssd"/>; answered
/// with a <see cref="UssdResponse"/>.
/// </summary>
/// <remarks>
/// Providers say what was typed in two ways. Africa's Talking sends every answer of the session so far joined by
/// <c>*</c> (<c>""</c>, <c>"1"</c>, <c>"1*3"</c>); an answer may itself hold a <c>*</c>, so the new answer is
/// found from how much of that history was already read (<see cref="NewInput"/>), never by splitting it.
/// Hubtel sends only the latest answer. Either way <see cref="Step"/> grows with every request of a session,
/// so a request at a step already answered is the provider retrying.
/// </remarks>
public sealed record UssdRequest
{
    /// <summary>The convention it came in: <c>africastalking</c> or <c>hubtel</c>.</summary>
    public required string Provider { get; init; }

    /// <summary>The provider's session id, the same for every request of one dial.</summary>
    public required string SessionId { get; init; }

    /// <summary>The person's number as the provider gave it (E.164, with or without the +).</summary>
    public required string PhoneNumber { get; init; }

    /// <summary>The code dialled, e.g. <c>*384*1234#</c>.</summary>
    public string? ServiceCode { get; init; }

    /// <summary>The operator (a network code or name), when given.</summary>
    public string? Network { get; init; }

    public required UssdRequestKind Kind { get; init; }

    /// <summary>What the provider sent as typed: the whole history (<see cref="CumulativeText"/>) or the latest answer.</summary>
    public required string Text { get; init; }

    /// <summary>True when <see cref="Text"/> holds every answer of the session joined by <c>*</c>.</summary>
    public bool CumulativeText { get; init; }

    /// <summary>Grows with every request of a session: the history's length, or the provider's sequence number.</summary>
    public required long Step { get; init; }

    /// <summary>Opaque state the provider echoes back (Hubtel's ClientState), if any.</summary>
    public string? ClientState { get; init; }

    /// <summary>The provider session id as the gateway keeps it: unique across providers.</summary>
    public string QualifiedSessionId => $"{Provider}:{SessionId}";

    /// <summary>
    /// The person's new answer, given the step already read in this session (<paramref name="consumedStep"/>):
    /// for a history, what follows the part read and its <c>*</c>; otherwise the text itself.
    /// </summary>
    public string NewInput(long consumedStep) => CumulativeText ? UssdHistory.After(Text, consumedStep) : Text;
}
