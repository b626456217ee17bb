namespace Gateway.Core.Cases;

/// <summary>
/// The targets of a level to page now, and one sentence per target passed over (or paged despite a mismatch),
/// for the report's timeline: "th-ngo-khmer/sms: speaks km, not my".
/// </summary>
public sealed record RoutingDecision(IReadOnlyList<EscalationTarget> Page, IReadOnlyList<string> Reasons);
