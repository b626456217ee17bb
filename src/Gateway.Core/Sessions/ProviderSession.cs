namespace Gateway.Core.Sessions;

/// <summary>
/// The provider's own session that a person's last message came in, on channels that have one (a USSD session
/// between the operator and the gateway): its id, how far into it the gateway has read (a step that grows with
/// each request: the length of a USSD text history, or a request's sequence number), and the reply it gave.
/// A request at a step already read is the provider retrying: it gets the same reply and the flow does not
/// move. A request with another id is a new dial.
/// </summary>
/// <param name="Id">The provider's session id, prefixed with the provider's name.</param>
/// <param name="Step">How far the gateway has read the provider session.</param>
/// <param name="Reply">The messages answered at that step, references filled in.</param>
/// <param name="Ended">Whether that answer ended the provider session.</param>
public sealed record ProviderSession(string Id, long Step, IReadOnlyList<string> Reply, bool Ended);
