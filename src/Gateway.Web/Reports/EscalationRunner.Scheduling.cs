using Gateway.Core.Cases;
using Hangfire;

namespace Gateway.Web.Reports;

/// <summary>Scheduling the next step, and finishing that when the process that committed the step died first.</summary>
public sealed partial class EscalationRunner
{
    /// <summary>Schedules the step with <paramref name="token"/> after <paramref name="after"/>, then notes that it is scheduled.</summary>
    private async Task ScheduleStepAsync(string reference, string token, TimeSpan after, CancellationToken cancellationToken)
    {
        if (after <= TimeSpan.Zero)
        {
            jobs.Enqueue<EscalationJobs>(j => j.StepAsync(reference, token));
        }
        else
        {
            jobs.Schedule<EscalationJobs>(j => j.StepAsync(reference, token), after);
        }

        await reports.UpdateAsync(reference, r => r.Escalation is { } state && state.Token == token && !state.NextStepScheduled
            ? r with { Escalation = state with { NextStepScheduled = true } }
            : null, cancellationToken);
    }

    /// <summary>
    /// A step whose token is no longer the report's runs again when Hangfire gave up waiting for it (its process
    /// died). When this step is the one that moved the chain on and the next step was never scheduled, it schedules
    /// it now, at the time it was due; returns true then.
    /// </summary>
    private async Task<bool> ScheduleWhatThisStepCommittedAsync(Report? report, string token, CancellationToken cancellationToken)
    {
        if (report is not { IsActive: true } || report.Escalation is not { Exhausted: false, NextStepScheduled: false, NextStepAt: { } due } state
            || state.MovedBy != token)
        {
            return false;
        }

        var wait = due - clock.GetUtcNow();
        LogScheduledAfterCrash(logger, report.Reference, state.Token, wait < TimeSpan.Zero ? TimeSpan.Zero : wait);
        await ScheduleStepAsync(report.Reference, state.Token, wait, cancellationToken);
        return true;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: the step that moved the chain on stopped before scheduling the next one; step {Token} is scheduled now, due in {Wait}")]
    private static partial void LogScheduledAfterCrash(ILogger logger, string reference, string token, TimeSpan wait);
}
