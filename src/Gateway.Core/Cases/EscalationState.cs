namespace Gateway.Core.Cases;

/// <summary>
/// Where a report's escalation chain stands. Every step that moves the chain on draws a new <see cref="Token"/>;
/// a scheduled step carries the token it was scheduled with and does nothing when the report's token has
/// changed since (it is stale, or a duplicate of a step that already ran).
/// </summary>
public sealed record EscalationState
{
    /// <summary>The policy the chain follows, as it was when the report opened.</summary>
    public required string PolicyId { get; init; }

    /// <summary>A copy of the policy (with its targets as the directory described them) taken when the report opened: later edits do not change a running chain.</summary>
    public required EscalationPolicy Policy { get; init; }

    /// <summary>The level the next step pages (0 = the first).</summary>
    public int Level { get; init; }

    /// <summary>How many times the whole chain has run (0 on the first pass).</summary>
    public int Round { get; init; }

    public required string Token { get; init; }

    /// <summary>When the next step is due; null once the chain stopped.</summary>
    public DateTimeOffset? NextStepAt { get; init; }

    /// <summary>Every level and repeat ran and nobody acknowledged: operators were alerted.</summary>
    public bool Exhausted { get; init; }

    /// <summary>The token the watchdog last found overdue and scheduled again; <see cref="Repairs"/> counts for it alone.</summary>
    public string? RepairedToken { get; init; }

    /// <summary>How many times the watchdog scheduled the step with <see cref="RepairedToken"/> again.</summary>
    public int Repairs { get; init; }

    /// <summary>
    /// The token of the step that moved the chain here. Hangfire runs a step again when the process running it died;
    /// finding the chain moved on by itself and the next step not scheduled (<see cref="NextStepScheduled"/>), that
    /// step schedules it: a crash between the commit and the scheduling never strands a report.
    /// </summary>
    public string? MovedBy { get; init; }

    /// <summary>The job for the step at <see cref="NextStepAt"/> is scheduled (written just after scheduling it).</summary>
    public bool NextStepScheduled { get; init; }

    public static string NewToken() => Guid.NewGuid().ToString("N")[..12];
}
