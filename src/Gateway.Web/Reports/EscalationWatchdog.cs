using System.Globalization;
using Gateway.Core.Cases;
using Gateway.Web.Messaging;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Checks, as a Hangfire recurring job (every minute by default), that every open report's escalation really runs:
/// a report whose next step is overdue by more than <see cref="EscalationOptions.WatchdogGrace"/> (its job was lost,
/// a process crashed between committing a level and scheduling the next, or its chain never started) has the step
/// scheduled again with its current token, which the step checks, so a repair never runs a stale step. What it
/// cannot repair (no policy covers the report, the report cannot be read, a step that stays overdue after
/// <see cref="EscalationOptions.WatchdogMaxRepairs"/> repairs) is an ALERT in the log, the
/// <c>gateway.escalation.watchdog_overdue</c> gauge and <c>/health/escalations</c>. <c>/health/ready</c> never
/// depends on it, so a load balancer keeps taking SOS messages.
/// <para>
/// It reads only reports whose step is due (the stores' due index), so 10,000 open reports cost what is overdue.
/// A step not yet due is trusted to be scheduled; if its job is gone it becomes overdue and is repaired then.
/// Before that, each run adds back the index entries a crash or a failover between a report's writes removed
/// (<see cref="IReportStore.RepairIndexesAsync"/>: on Redis a scan of the report records, decision 0011).
/// </para>
/// </summary>
public sealed partial class EscalationWatchdog(
    IReportStore reports,
    IWatchdogStatusStore statuses,
    FlowHost flows,
    IBackgroundJobClient jobs,
    IServiceProvider services,
    TimeProvider clock,
    EscalationMetrics metrics,
    IOptionsMonitor<EscalationOptions> options,
    ILogger<EscalationWatchdog> logger)
{
    public const string RecurringJobId = "escalation-watchdog";

    private readonly DateTimeOffset _startedAt = clock.GetUtcNow();

    /// <summary>One run: repairs what it can, saves and returns what it found.</summary>
    public async Task<WatchdogStatus> RunAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var overdueBefore = now - settings.WatchdogGrace;
        await RepairIndexesAsync(cancellationToken);
        var due = await reports.ListDueAsync(overdueBefore, Math.Max(1, settings.WatchdogBatch), cancellationToken);
        var alerts = new List<WatchdogAlert>();
        var repaired = 0;
        var looked = 0;
        foreach (var reference in due)
        {
            try
            {
                var report = await reports.FindAsync(reference, cancellationToken);
                if (report is null)
                {
                    continue;
                }

                if (report.PendingStepDue() is not { } pending || pending > overdueBefore)
                {
                    // The index was early (a crash between a save and its index): saving the report again corrects it.
                    await reports.UpdateAsync(reference, r => r with { }, cancellationToken);
                    continue;
                }

                looked++;
                var (fixedIt, problem) = await RepairAsync(report, pending, now, settings, cancellationToken);
                repaired += fixedIt ? 1 : 0;
                if (problem is not null)
                {
                    alerts.Add(new WatchdogAlert(reference, problem));
                }
            }
            catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
            {
                alerts.Add(new WatchdogAlert(reference, $"The watchdog could not check or repair it: {e.GetType().Name}: {e.Message}"));
            }
        }

        foreach (var alert in alerts)
        {
            LogAlert(logger, alert.Reference, alert.Problem);
        }

        metrics.WatchdogRepaired.Add(repaired);
        metrics.WatchdogOverdue(alerts.Count);
        var status = new WatchdogStatus { RanAt = now, Checked = looked, Repaired = repaired, Alerts = alerts };
        await statuses.SaveAsync(status, cancellationToken);
        LogRun(logger, looked, repaired, alerts.Count);
        return status;
    }

    /// <summary>
    /// First, every stored report back in the indexes it lacks (opened, per contact, due): a crash or a Redis
    /// failover between a report's write and its indexes would otherwise leave it out of the console's list, or its
    /// overdue step unseen. Done before the due index is read, so that a step it adds back is checked in this run.
    /// </summary>
    private async Task RepairIndexesAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (await reports.RepairIndexesAsync(cancellationToken) is > 0 and var added)
            {
                LogReindexed(logger, added);
            }
        }
        catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
        {
            // The overdue steps are still checked; the next run tries the indexes again.
            LogReindexFailed(logger, e.GetType().Name, e.Message);
        }
    }

    /// <summary>What <c>/health/escalations</c> says about the watchdog: its last run, whether it stopped, what it could not repair.</summary>
    public async Task<WatchdogHealth> HealthAsync(CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var last = await statuses.LoadAsync(cancellationToken);
        var enabled = !string.IsNullOrWhiteSpace(settings.WatchdogSchedule);
        var stale = enabled && now - (last?.RanAt ?? _startedAt) > settings.WatchdogStaleAfter;
        var alerts = last?.Alerts ?? [];
        return new WatchdogHealth(
            !stale && alerts.Count == 0,
            last?.RanAt,
            stale ? $"The escalation watchdog has not run since {(last?.RanAt ?? _startedAt).ToString("u", CultureInfo.InvariantCulture)}: are the Hangfire servers running?" : null,
            alerts.Count,
            [.. alerts.Select(a => a.Reference)],
            alerts);
    }

    private async Task<(bool Repaired, string? Problem)> RepairAsync(Report report, DateTimeOffset pending, DateTimeOffset now, EscalationOptions settings, CancellationToken cancellationToken)
    {
        var late = (now - pending).ToString(@"d\.hh\:mm\:ss", CultureInfo.InvariantCulture);
        if (report.Escalation is not { } state)
        {
            // Stored but its chain never started (a crash between the two): start it, if a policy covers it now.
            if (flows.Engine.Bundle.Escalation.For(report.Country, report.Category) is null)
            {
                return (false, $"Its escalation never started and no policy covers {report.Country ?? "an unknown country"} and {report.Category}: nobody is paged. Add a policy, or take the report in the console.");
            }

            await services.GetRequiredService<IEscalation>().StartAsync(report, cancellationToken);
            await reports.UpdateAsync(report.Reference, r => r.With(new TimelineEntry(clock.GetUtcNow(), "watchdog_repaired", "gateway", $"The escalation had not started {late} after the report opened: the watchdog started it.")), cancellationToken);
            LogRepaired(logger, report.Reference, "start");
            return (true, null);
        }

        var token = state.Token;
        var repairs = (state.RepairedToken == token ? state.Repairs : 0) + 1;
        var levelName = state.Level < state.Policy.Levels.Count ? state.Policy.Levels[state.Level].Name : "the end of the chain";
        var (_, changed) = await reports.UpdateAsync(report.Reference, r => r.Escalation is not { } current || current.Token != token || r.PendingStepDue() > now - settings.WatchdogGrace ? null : (r with
        {
            Escalation = current with { RepairedToken = token, Repairs = repairs, NextStepAt = now },
        }).With(new TimelineEntry(now, "watchdog_repaired", "gateway", $"The step for {levelName} (round {state.Round + 1}) was due {late} ago and had not run: the watchdog scheduled it again (repair {repairs}).")), cancellationToken);
        if (!changed)
        {
            // It moved on or was repaired by another run meanwhile.
            return (false, null);
        }

        jobs.Enqueue<EscalationJobs>(j => j.StepAsync(report.Reference, token));
        LogRepaired(logger, report.Reference, levelName);
        return (true, repairs > settings.WatchdogMaxRepairs
            ? $"The step for {levelName} was scheduled again {repairs} times and still has not run: see the Hangfire dashboard and this report's log lines."
            : null);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT escalation watchdog: report {Reference}: {Problem}")]
    private static partial void LogAlert(ILogger logger, string reference, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation watchdog: report {Reference} had an overdue step ({Level}); scheduled again")]
    private static partial void LogRepaired(ILogger logger, string reference, string level);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation watchdog: {Added} index entries of stored reports were missing (a crash or a Redis failover between a report's writes) and were added back")]
    private static partial void LogReindexed(ILogger logger, int added);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation watchdog: could not check the report indexes ({Kind}: {Reason}); the next run tries again")]
    private static partial void LogReindexFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation watchdog: {Checked} overdue report(s), {Repaired} repaired, {Alerts} alert(s)")]
    private static partial void LogRun(ILogger logger, int @checked, int repaired, int alerts);
}

/// <summary>The watchdog's part of <c>/health/escalations</c>.</summary>
public sealed record WatchdogHealth(bool Ok, DateTimeOffset? LastRunAt, string? Stale, int Overdue, IReadOnlyList<string> References, IReadOnlyList<WatchdogAlert> Alerts);

/// <summary>The Hangfire entry point of the watchdog; registered as a recurring job at start-up.</summary>
public sealed class EscalationWatchdogJobs(EscalationWatchdog watchdog)
{
    [DisableConcurrentExecution(timeoutInSeconds: 60)]
    [AutomaticRetry(Attempts = 0)]
    public Task RunAsync() => watchdog.RunAsync(CancellationToken.None);
}

/// <summary>
/// Registers (or removes) the watchdog's recurring job when the host starts, then checks every
/// <see cref="EscalationOptions.WatchdogSelfCheck"/> that it is still there with its schedule. The watchdog cannot
/// notice its own job missing from inside it (nothing would run it), and a job deleted from the jobs dashboard or
/// lost with the job storage would leave stalled chains unrepaired; so every process looks, registers it again and
/// logs an ALERT. Registering is idempotent, so processes checking at once do no harm.
/// </summary>
public sealed partial class EscalationWatchdogRegistration(
    IRecurringJobManager recurring,
    JobStorage storage,
    IOptionsMonitor<EscalationOptions> options,
    EscalationWatchdog watchdog,
    ILogger<EscalationWatchdogRegistration> logger) : BackgroundService
{
    public override Task StartAsync(CancellationToken cancellationToken)
    {
        _ = watchdog; // created now, so that "not run for too long" counts from start-up
        var schedule = options.CurrentValue.WatchdogSchedule;
        try
        {
            if (string.IsNullOrWhiteSpace(schedule))
            {
                recurring.RemoveIfExists(EscalationWatchdog.RecurringJobId);
            }
            else
            {
                Register(schedule);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The job storage is down at start-up (the process starts anyway and journals messages): the first
            // check of the registration registers it once the storage answers.
            LogCheckFailed(logger, e, EscalationWatchdog.RecurringJobId);
        }

        return base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Registers the watchdog's recurring job again when it is missing or no longer runs the watchdog on its
    /// schedule; returns whether it did. Does nothing while the watchdog is turned off.
    /// </summary>
    public bool CheckRegistration()
    {
        var schedule = options.CurrentValue.WatchdogSchedule;
        if (string.IsNullOrWhiteSpace(schedule))
        {
            return false;
        }

        using (var connection = storage.GetConnection())
        {
            var job = connection.GetRecurringJobs([EscalationWatchdog.RecurringJobId]).FirstOrDefault();
            if (job is { Removed: false } && job.Cron == schedule && job.Job?.Type == typeof(EscalationWatchdogJobs))
            {
                return false;
            }

            Register(schedule);
            LogRegisteredAgain(logger, EscalationWatchdog.RecurringJobId, job is null or { Removed: true } ? "missing" : "changed", schedule);
        }

        return true;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(options.CurrentValue.WatchdogSelfCheck, stoppingToken);
                CheckRegistration();
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The job storage is down, say: the next check tries again.
                LogCheckFailed(logger, e, EscalationWatchdog.RecurringJobId);
            }
        }
    }

    private void Register(string schedule) =>
        recurring.AddOrUpdate<EscalationWatchdogJobs>(EscalationWatchdog.RecurringJobId, j => j.RunAsync(), schedule);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT escalation watchdog: its recurring job {JobId} was {State} (deleted from the jobs dashboard, or lost with the job storage); registered again on {Schedule}")]
    private static partial void LogRegisteredAgain(ILogger logger, string jobId, string state, string schedule);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation watchdog: could not check that its recurring job {JobId} is registered; trying again at the next check")]
    private static partial void LogCheckFailed(ILogger logger, Exception exception, string jobId);
}
