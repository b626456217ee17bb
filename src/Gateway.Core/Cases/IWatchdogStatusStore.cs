namespace Gateway.Core.Cases;

/// <summary>The escalation watchdog's last run, shared by every gateway process for <c>/health/escalations</c>.</summary>
public interface IWatchdogStatusStore
{
    Task SaveAsync(WatchdogStatus status, CancellationToken cancellationToken = default);

    /// <summary>The last run saved, or null when the watchdog never ran.</summary>
    Task<WatchdogStatus?> LoadAsync(CancellationToken cancellationToken = default);
}

/// <summary>What one watchdog run found: how many overdue steps it scheduled again and what it could not repair.</summary>
public sealed record WatchdogStatus
{
    public required DateTimeOffset RanAt { get; init; }

    /// <summary>Reports with an overdue or missing step that the run looked at.</summary>
    public int Checked { get; init; }

    public int Repaired { get; init; }

    public IReadOnlyList<WatchdogAlert> Alerts { get; init; } = [];
}

/// <summary>A report the watchdog could not put right, and why, in a sentence for an operator.</summary>
public sealed record WatchdogAlert(string Reference, string Problem);
