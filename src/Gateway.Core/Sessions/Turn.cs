using Gateway.Core.Flows;

namespace Gateway.Core.Sessions;

/// <summary>
/// What one inbound message produced: the session to store, the messages to send (already paged to
/// the channel's budget), the current menu for channels that draw buttons, the events for the host, the states entered and the
/// node types exercised (<see cref="NodeTypes"/>).
/// Texts may still hold <c>{ref}</c>, which the host fills once the report is stored.
/// </summary>
public sealed record Turn(
    Session Session,
    IReadOnlyList<string> Messages,
    IReadOnlyList<MenuItem> Menu,
    IReadOnlyList<FlowEvent> Events,
    IReadOnlyList<string> Visited,
    IReadOnlyList<string> Trace)
{
    /// <summary>Texts said in another language than the person's because theirs has none yet (for editors, not the phone).</summary>
    public IReadOnlyList<BorrowedText> Borrowed { get; init; } = [];
}

/// <summary>An option of the state the person is now in: its number and its label in their language.</summary>
public readonly record struct MenuItem(int Key, string Label);
