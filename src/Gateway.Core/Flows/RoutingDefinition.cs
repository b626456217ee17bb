namespace Gateway.Core.Flows;

/// <summary>
/// Where a conversation starts: a person never seen before, a person whose language is known,
/// and the main menu that "too many wrong answers" and a moved session fall back to.
/// </summary>
public sealed record RoutingDefinition(StateTarget FirstContact, StateTarget Returning, StateTarget Menu);
