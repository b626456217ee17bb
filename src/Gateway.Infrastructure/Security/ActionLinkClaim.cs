namespace Gateway.Infrastructure.Security;

/// <summary>
/// What a genuine action link says: the report, the escalation level and the target it was sent to, when it
/// expires, and its own id (<see cref="TokenId"/>), which <see cref="Core.Cases.IUsedLinkStore"/> uses to let it act once.
/// </summary>
public sealed record ActionLinkClaim(string Reference, string Level, string TargetId, DateTimeOffset Expires, string TokenId);
