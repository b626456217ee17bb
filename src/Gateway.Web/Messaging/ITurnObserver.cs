using Gateway.Core.Sessions;

namespace Gateway.Web.Messaging;

/// <summary>
/// Told of each turn once the gateway has made it durable (the session saved, its reports stored) and before the
/// person is answered, whatever the channel. None is registered by default; a test or an audit registers one to
/// see the path a conversation took through the flows, the same record on every channel. It runs inside the
/// message's path: it must be quick and must not throw.
/// </summary>
public interface ITurnObserver
{
    void OnTurn(TurnRecord turn);
}

/// <summary>
/// One turn as the gateway kept it: the contact's hashed id, the channel, the states entered in order, the state
/// the person is now in (null once a flow ended), the events and the references of the reports it stored.
/// The events hold what the flow kept (a place as typed): anything written out should use
/// <see cref="FlowEvent.Describe"/>, which leaves free text out.
/// </summary>
public sealed record TurnRecord(
    string ContactId,
    string Channel,
    IReadOnlyList<string> Visited,
    string? State,
    IReadOnlyList<FlowEvent> Events,
    IReadOnlyList<string> Reports);
