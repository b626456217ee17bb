using Gateway.Core.Flows;

namespace Gateway.Core.Cases;

/// <summary>One step of an escalation chain: its targets are paged together and have a time to acknowledge.</summary>
public sealed record EscalationLevel
{
    /// <summary>Unique in the policy, e.g. ngo_partner.</summary>
    public required string Name { get; init; }

    public required IReadOnlyList<EscalationTarget> Targets { get; init; }

    /// <summary>How long the targets have to acknowledge before the chain moves to the next level.</summary>
    public required TimeSpan AcknowledgeWithin { get; init; }

    public SourceLocation Location { get; init; }
}
