namespace Gateway.Web.Messaging;

/// <summary>
/// A message from a person, as a channel endpoint verified and parsed it. The address is a phone number for
/// SMS, USSD and voice, or a channel-scoped id for chat and the simulator. <c>Language</c> and <c>Country</c>
/// are what the channel already knows (the simulator's choices); they are used for a contact seen for the
/// first time, when the number does not tell. <c>Dialogue</c> is set on channels whose provider keeps a session
/// of its own (USSD): then <c>Text</c> is read against it (see <see cref="ProviderDialogue"/>).
/// </summary>
public sealed record InboundMessage(string Channel, string Address, string Text, string? ProviderMessageId, bool IsTest = false, string? Language = null, string? Country = null, ProviderDialogue? Dialogue = null)
{
    /// <summary>
    /// The person picked <c>Language</c> and <c>Country</c> just now (the simulator's pickers): those given replace the
    /// session's, for a contact seen before too.
    /// </summary>
    public bool Chosen { get; init; }
}

/// <summary>
/// Where a message stands in the provider's own session (a USSD session). A new <c>Id</c> is a new dial: the person
/// sees the screen they were at (or the start). A <c>Step</c> already read is the provider retrying: the same
/// reply, the flow not moved. With <c>CumulativeText</c> the text holds every answer of the session joined by
/// <c>*</c>, and only what follows the part already read is the new answer.
/// </summary>
public sealed record ProviderDialogue(string Id, long Step, bool CumulativeText);

/// <summary>
/// What the gateway answers one inbound message: the texts (references filled in), the menu the person is now
/// at (for channels that draw buttons or read options aloud), the state they are in (null once a flow ended,
/// which ends a USSD session) and the turn's events.
/// </summary>
public sealed record Reply(IReadOnlyList<string> Messages, IReadOnlyList<Core.Sessions.MenuItem> Menu, string? State, IReadOnlyList<Core.Sessions.FlowEvent> Events)
{
    /// <summary>Pages of the reply wait behind "0. More": a USSD session stays open for them, even after the flow ended.</summary>
    public bool HasMore { get; init; }

    /// <summary>Nothing more to say or ask: a USSD session ends.</summary>
    public bool Ended => State is null && !HasMore;

    /// <summary>On voice: the texts one by one, with their keys and languages (references filled in), for recordings.</summary>
    public IReadOnlyList<Core.Sessions.SaidText> Said { get; init; } = [];

    /// <summary>The person's language and country after the turn, for what a channel says around the reply.</summary>
    public string? Language { get; init; }

    /// <inheritdoc cref="Language"/>
    public string? Country { get; init; }
}
