namespace Gateway.Web.Messaging;

/// <summary>
/// A message from a person, as a channel endpoint verified and parsed it. The address is a phone number for
/// SMS, USSD and voice, or a channel-scoped id for chat and the simulator. <c>Language</c> and <c>Country</c>
/// are what the channel already knows (the simulator's choices); they are used for a contact seen for the
/// first time, when the number does not tell.
/// </summary>
public sealed record InboundMessage(string Channel, string Address, string Text, string? ProviderMessageId, bool IsTest = false, string? Language = null, string? Country = null);

/// <summary>
/// What the gateway answers one inbound message: the texts (references filled in), the menu the person is now
/// at (for channels that draw buttons or read options aloud), the state they are in (null once a flow ended,
/// which ends a USSD session) and the turn's events.
/// </summary>
public sealed record Reply(IReadOnlyList<string> Messages, IReadOnlyList<Core.Sessions.MenuItem> Menu, string? State, IReadOnlyList<Core.Sessions.FlowEvent> Events)
{
    public bool Ended => State is null;
}
