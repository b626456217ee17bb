using Gateway.Core.Flows;

namespace Gateway.Core.Sessions;

/// <summary>
/// What one inbound message produced: the session to store, the messages to send (already paged to
/// the channel's budget), the current menu for channels that draw buttons, and the events for the host.
/// Texts may still hold <c>{ref}</c>, which the host fills once the report is stored.
/// </summary>
public sealed record Turn(
    Session Session,
    IReadOnlyList<string> Messages,
    IReadOnlyList<MenuItem> Menu,
    IReadOnlyList<FlowEvent> Events,
    IReadOnlyList<string> Visited);

/// <summary>An option of the state the person is now in: its number and its label in their language.</summary>
public readonly record struct MenuItem(int Key, string Label);
