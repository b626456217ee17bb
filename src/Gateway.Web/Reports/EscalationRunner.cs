using System.Globalization;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Faults;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Walks a report's escalation chain, one Hangfire job per step. A step:
/// <list type="number">
/// <item>re-reads the report and drops itself when the report's escalation token differs from its own (a stale or
/// duplicated job), or the report was acknowledged or resolved;</item>
/// <item>chooses the level's targets by their hours and languages (from the policy snapshot taken when the report
/// opened) and writes why others were passed over; a level with nobody to page passes to the next at once;</item>
/// <item>records each page's intent before sending it and its provider id after; an intent whose lease ran out
/// without an answer is sent again and marked a possible duplicate (a missed page is worse than a duplicate);</item>
/// <item>commits the next level, with a new token, and only then schedules the next step.</item>
/// </list>
/// Job arguments are the reference and the token: no personal data. A page that fails (undelivered, refused, a
/// responder's STOP) moves the chain on at once.
/// </summary>
public sealed partial class EscalationRunner(
    IReportStore reports,
    FlowHost flows,
    IBackgroundJobClient jobs,
    PageSender pages,
    TimeProvider clock,
    EscalationMetrics metrics,
    IOptionsMonitor<EscalationOptions> options,
    IOptionsMonitor<ReportOptions> reportOptions,
    ILogger<EscalationRunner> logger,
    PageFlood flood,
    ICrashPoints crashPoints) : IEscalation, IOutboundFailureListener, IOutboundRepeatListener
{
    public const string PagePurpose = "page";

    /// <summary>The timeline kind of a page's SMS that the outbox sent again because an earlier attempt may have gone out.</summary>
    public const string PageRepeatKind = "page_repeat";

    /// <summary>The words that mark a timeline entry about a page that may repeat an earlier one.</summary>
    public const string PossibleDuplicateNote = "possible duplicate: an earlier attempt may have reached them";

    public async Task<Report> StartAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var now = clock.GetUtcNow();
        if (report.IsTest && !options.CurrentValue.PageTestReports)
        {
            return await AppendAsync(report, new TimelineEntry(now, "escalation_skipped", "gateway", "A test report from the simulator: nobody is paged."), cancellationToken);
        }

        var policy = flows.Engine.Bundle.Escalation.For(report.Country, report.Category);
        if (policy is null)
        {
            metrics.Unreachable.Add(1, new KeyValuePair<string, object?>("category", report.Category));
            LogNoPolicy(logger, report.Reference, report.Country ?? "-", report.Category);
            return await AppendAsync(report, new TimelineEntry(now, "escalation_unreachable", "gateway", $"No escalation policy covers {report.Country ?? "an unknown country"} and {report.Category}: nobody is paged. The person was given the numbers to call."), cancellationToken);
        }

        var token = EscalationState.NewToken();
        var (started, changed) = await reports.UpdateAsync(report.Reference, r => r.Escalation is not null ? null : (r with
        {
            Escalation = new EscalationState { PolicyId = policy.Id, Policy = policy, Token = token, NextStepAt = now },
        }).With(new TimelineEntry(now, "escalation_started", "gateway", $"Escalation started with policy {policy.Id} ({policy.Levels.Count} level(s): {string.Join(", ", policy.Levels.Select(l => l.Name))}).")), cancellationToken);
        if (changed)
        {
            jobs.Enqueue<EscalationJobs>(j => j.StepAsync(report.Reference, token));
        }

        return started ?? report;
    }

    public Task AcknowledgedAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        var stamp = report.AcknowledgedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "0";
        jobs.Schedule<EscalationJobs>(j => j.RemindAsync(report.Reference, stamp), reportOptions.CurrentValue.ResolveReminderAfter);
        return Task.CompletedTask;
    }

    public async Task<Report> RestartAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Escalation is null)
        {
            return await StartAsync(report, cancellationToken);
        }

        var token = EscalationState.NewToken();
        var now = clock.GetUtcNow();
        var (restarted, changed) = await reports.UpdateAsync(report.Reference, r => !r.IsActive || r.Escalation is null ? null : (r with
        {
            Escalation = r.Escalation with { Level = 0, Round = r.Escalation.Round + 1, Token = token, NextStepAt = now, Exhausted = false },
        }).With(new TimelineEntry(now, "escalation_restarted", "gateway", "The chain starts again from its first level.")), cancellationToken);
        if (changed)
        {
            jobs.Enqueue<EscalationJobs>(j => j.StepAsync(report.Reference, token));
        }

        return restarted ?? report;
    }

    /// <summary>One step of the chain; see the class summary. Safe to run twice or late.</summary>
    public async Task StepAsync(string reference, string token, CancellationToken cancellationToken)
    {
        var report = await reports.FindAsync(reference, cancellationToken);
        if (report?.Escalation is not { } state || state.Token != token || !report.IsActive || state.Exhausted)
        {
            if (await ScheduleWhatThisStepCommittedAsync(report, token, cancellationToken))
            {
                return;
            }

            LogStale(logger, reference, token);
            return;
        }

        var now = clock.GetUtcNow();
        var policy = state.Policy;
        if (state.Level >= policy.Levels.Count)
        {
            await EndOfChainAsync(report, state, now, cancellationToken);
            return;
        }

        var level = policy.Levels[state.Level];
        if (!RecipientKinds.Accepts(report.Recipients, level))
        {
            // The person asked that the report go only to NGOs: a police, government or hotline level is passed over.
            await AdvanceAsync(report, state, now, TimeSpan.Zero, new TimelineEntry(now, Report.LevelRefused, "gateway",
                $"Level {level.Name} ({RecipientKinds.Of(level)}) passed over: the person asked that the report go only to NGOs."), cancellationToken);
            return;
        }

        var decision = EscalationRouting.Choose(level, report.Language, now, report.Province);
        var reasons = decision.Reasons.Count == 0 ? string.Empty : " " + string.Join(" ", decision.Reasons.Select(r => r.TrimEnd('.') + "."));
        if (decision.Page.Count == 0)
        {
            await AdvanceAsync(report, state, now, TimeSpan.Zero, new TimelineEntry(now, "level_skipped", "gateway", $"Level {level.Name}: nobody to page now.{reasons}"), cancellationToken);
            return;
        }

        if (reasons.Length > 0 && !report.Timeline.Any(t => t.Kind == "routing" && t.Text.StartsWith($"Level {level.Name} (round {state.Round + 1})", StringComparison.Ordinal)))
        {
            report = await AppendAsync(report, new TimelineEntry(now, "routing", "gateway", $"Level {level.Name} (round {state.Round + 1}):{reasons}"), cancellationToken);
        }

        var retryIn = (TimeSpan?)null;
        var sent = 0;
        foreach (var target in decision.Page)
        {
            var outcome = await PageAsync(report.Reference, state, level, target, cancellationToken);
            if (outcome.RetryIn is { } delay)
            {
                retryIn = retryIn is null || delay < retryIn ? delay : retryIn;
            }

            sent += outcome.Reached ? 1 : 0;
        }

        if (retryIn is { } wait)
        {
            // Some page must be tried again (or waits for a flood's summary page): the same step runs again later
            // with the same token; pages already sent are not sent twice. The due time says so for the watchdog.
            var retryAt = clock.GetUtcNow() + wait;
            await reports.UpdateAsync(reference, r => r.Escalation?.Token != token ? null : r with { Escalation = r.Escalation with { NextStepAt = retryAt } }, cancellationToken);
            jobs.Schedule<EscalationJobs>(j => j.StepAsync(reference, token), wait);
            return;
        }

        var after = sent == 0 ? TimeSpan.Zero : level.AcknowledgeWithin;
        var summary = sent == 0
            ? $"Level {level.Name}: no page could be delivered; moving on."
            : $"Level {level.Name}: {sent} target(s) paged; waiting {level.AcknowledgeWithin} for an acknowledgement.";
        report = await reports.FindAsync(reference, cancellationToken) ?? report;
        // Stamped when the level is done (after its pages), not when the step began: the timeline reads in order.
        await AdvanceAsync(report, state, now, after, new TimelineEntry(clock.GetUtcNow(), "level_done", "gateway", summary), cancellationToken);
    }

    /// <summary>The person's report is acknowledged but not resolved after the configured time: remind its owner.</summary>
    public async Task RemindAsync(string reference, string acknowledgedStamp, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var (report, changed) = await reports.UpdateAsync(reference, r =>
            r.Status != ReportStatus.Acknowledged || r.RemindedAt is not null
            || (r.AcknowledgedAt?.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture) ?? "0") != acknowledgedStamp
                ? null
                : (r with { RemindedAt = now }).With(new TimelineEntry(now, "reminder", "gateway", $"Acknowledged by {r.AcknowledgedBy} {reportOptions.CurrentValue.ResolveReminderAfter} ago and not resolved yet: the owner was reminded.")),
            cancellationToken);
        if (!changed || report is null)
        {
            return;
        }

        metrics.Reminders.Add(1);
        LogReminder(logger, reference, report.AcknowledgedBy ?? "-");
        var paged = report.Notifications.LastOrDefault(n => (n.AccountId ?? n.TargetId) == report.AcknowledgedBy && n.SealedNumber is not null);
        if (paged is not null)
        {
            await pages.RemindAsync(report, paged, cancellationToken);
        }
    }

    /// <summary>A page's SMS failed for good: mark it, and move the chain on at once if that level is the one waiting.</summary>
    public Task OnFailedAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return message.Correlation?.Split(':') is ["page", var reference, var notificationId]
            ? PageFailedAsync(reference, notificationId, message.Error ?? "not delivered", optedOut: message.ErrorCode == 21610, cancellationToken)
            : Task.CompletedTask;
    }

    /// <summary>
    /// The outbox sent a page's SMS again after an earlier attempt ended without an answer (its process died after
    /// Twilio took it, or the call timed out): the notification is marked a possible duplicate and the timeline gets
    /// an entry for this copy, so the responder and the console see two pages where two may have arrived.
    /// </summary>
    public async Task OnSentAgainAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Correlation?.Split(':') is not ["page", var reference, var notificationId])
        {
            return;
        }

        var now = clock.GetUtcNow();
        var text = $"The SMS page {notificationId} went out again (attempt {message.Attempts}) after an earlier attempt ended without an answer; it was marked as a repeat ({PossibleDuplicateNote}).";
        await reports.UpdateAsync(reference, r => r.Timeline.Any(t => t.Kind == PageRepeatKind && t.Text == text)
            ? null
            : Replace(r, notificationId, n => n with { PossibleDuplicate = true })?.With(new TimelineEntry(now, PageRepeatKind, "gateway", text)), cancellationToken);
        LogSentAgain(logger, reference, notificationId, message.Attempts);
    }

    /// <summary>
    /// A page did not reach its target (undelivered, refused, a voice page nobody answered): it is marked failed, and
    /// when every page of the level waiting for an acknowledgement failed, the chain moves on at once.
    /// </summary>
    public async Task PageFailedAsync(string reference, string notificationId, string error, bool optedOut, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var token = EscalationState.NewToken();
        var moveOn = false;
        var (report, changed) = await reports.UpdateAsync(reference, r =>
        {
            moveOn = false;
            var notification = r.Notifications.FirstOrDefault(n => n.Id == notificationId);
            if (notification is null || notification.Status == NotificationStatus.Failed)
            {
                return null;
            }

            var failed = notification with { Status = NotificationStatus.Failed, Error = error };
            var next = (r with { Notifications = [.. r.Notifications.Select(n => n.Id == notificationId ? failed : n)] })
                .With(new TimelineEntry(now, "page_failed", "gateway", $"The page to {notification.TargetId} did not arrive{(optedOut ? " (that number replied STOP to the paging number; operators were alerted)" : string.Empty)}: {error}"));

            // The level waiting for an acknowledgement is the one before the next to run.
            moveOn = r.IsActive && r.Escalation is { Exhausted: false } state && state.NextStepAt is not null
                && notification.Round == state.Round && notification.Level == state.Level - 1
                && !r.Notifications.Any(n => n.Id != notificationId && n.Round == state.Round && n.Level == notification.Level && n.Status != NotificationStatus.Failed);
            return moveOn ? next with { Escalation = next.Escalation! with { Token = token, NextStepAt = now } } : next;
        }, cancellationToken);

        if (optedOut)
        {
            metrics.PageOptOuts.Add(1);
            LogPageOptedOut(logger, reference, notificationId);
        }

        if (changed && moveOn && report is not null)
        {
            LogMovedOn(logger, reference, notificationId);
            jobs.Enqueue<EscalationJobs>(j => j.StepAsync(reference, token));
        }
    }

    private async Task<PageOutcome> PageAsync(string reference, EscalationState state, EscalationLevel level, EscalationTarget target, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        var id = $"{state.Round}.{state.Level}.{target.Id}";
        var duplicate = false;
        var attempts = 0;

        // The intent first: recorded (or taken over when an earlier attempt's lease ran out) before anything is sent.
        var (report, leased) = await reports.UpdateAsync(reference, r =>
        {
            var existing = r.Notifications.FirstOrDefault(n => n.Id == id);
            if (existing is not null && (existing.Status != NotificationStatus.Intent || existing.LeaseUntil > now))
            {
                return null;
            }

            duplicate = existing?.LeaseUntil is not null;
            attempts = (existing?.Attempts ?? 0) + 1;
            var intent = (existing ?? new Notification
            {
                Id = id,
                Round = state.Round,
                Level = state.Level,
                LevelName = level.Name,
                TargetId = target.Id,
                By = target.By,
                IntentAt = now,
                Organisation = target.Organisation,
            }) with
            { LeaseUntil = now + settings.NotificationLease, Attempts = attempts, PossibleDuplicate = (existing?.PossibleDuplicate ?? false) || duplicate };
            var others = r.Notifications.Where(n => n.Id != id);
            var organisations = target.Organisation is { } org && !r.Organisations.Contains(org) ? [.. r.Organisations, org] : r.Organisations;
            return r with { Notifications = [.. others, intent], Organisations = organisations, UpdatedAt = now };
        }, cancellationToken);

        if (!leased || report is null)
        {
            var settled = report?.Notifications.FirstOrDefault(n => n.Id == id);
            // Another run of this step holds the page (a duplicated job, or one whose process died): come back when its
            // lease ends, rather than count a page as sent that may never go out.
            return settled is { Status: NotificationStatus.Intent, LeaseUntil: { } until }
                ? new PageOutcome(false, until - now + TimeSpan.FromMilliseconds(100))
                : new PageOutcome(settled is not null && settled.Status != NotificationStatus.Failed, null);
        }

        if (duplicate)
        {
            LogPossibleDuplicate(logger, reference, id);
        }

        if (await flood.HoldAsync(reference, level, target, id, cancellationToken) is { } summaryIn)
        {
            return new PageOutcome(true, summaryIn);
        }

        await crashPoints.ReachedAsync(CrashPoint.AfterIntentBeforeSend, $"{reference}:{id}");
        var result = await pages.SendAsync(report, level, target, id, duplicate, cancellationToken);
        if (result.Sent)
        {
            await crashPoints.ReachedAsync(CrashPoint.AfterProviderAcceptedBeforeIdStored, $"{reference}:{id}");
        }

        var after = clock.GetUtcNow();
        if (result.Retry && attempts < settings.MaxWebhookAttempts)
        {
            var delay = RetryBackoff.Delay(attempts, settings.WebhookRetryBaseDelay, settings.WebhookRetryMaxDelay, Random.Shared.NextDouble(), result.RetryAfter);
            await reports.UpdateAsync(reference, r => Replace(r, id, n => n with { LeaseUntil = null, PossibleDuplicate = n.PossibleDuplicate || result.MayHaveBeenSent, Error = result.Error })
                ?.With(new TimelineEntry(after, "page_retry", "gateway", $"The page to {target.Name} ({target.Id}) by {target.By}, attempt {attempts} of {settings.MaxWebhookAttempts}: {result.Error} Trying again in {delay.TotalSeconds:0.#} s.")), cancellationToken);
            metrics.PageRetries.Add(1, new KeyValuePair<string, object?>("by", target.By));
            LogPageRetry(logger, reference, id, attempts, delay);
            return new PageOutcome(false, delay);
        }

        var status = result.Sent ? NotificationStatus.Sent : NotificationStatus.Failed;
        var text = result.Sent
            ? $"Paged {target.Name} ({target.Id}) by {target.By} at level {level.Name}{(duplicate ? $" ({PossibleDuplicateNote})" : string.Empty)}."
            : $"The page to {target.Name} ({target.Id}) by {target.By} failed: {result.Error}";
        await reports.UpdateAsync(reference, r => Replace(r, id, n => n with
        {
            Status = status,
            LeaseUntil = null,
            DeliveryId = result.DeliveryId ?? n.DeliveryId,
            ProviderId = result.ProviderId ?? n.ProviderId,
            PagedContactId = result.PagedContactId ?? n.PagedContactId,
            SealedNumber = result.SealedNumber ?? n.SealedNumber,
            AccountId = result.AccountId ?? n.AccountId,
            Error = result.Sent ? null : result.Error,
        })?.With(new TimelineEntry(after, result.Sent ? "paged" : "page_failed", "gateway", text)), cancellationToken);
        metrics.Pages.Add(1, new KeyValuePair<string, object?>("by", target.By), new KeyValuePair<string, object?>("outcome", status));
        LogPaged(logger, reference, id, target.By, status);
        return new PageOutcome(result.Sent, null);
    }

    private static Report? Replace(Report report, string id, Func<Notification, Notification> change) =>
        report.Notifications.Any(n => n.Id == id)
            ? report with { Notifications = [.. report.Notifications.Select(n => n.Id == id ? change(n) : n)] }
            : null;

    private async Task AdvanceAsync(Report report, EscalationState state, DateTimeOffset now, TimeSpan after, TimelineEntry entry, CancellationToken cancellationToken)
    {
        var token = EscalationState.NewToken();
        var due = now + after;
        var (_, changed) = await reports.UpdateAsync(report.Reference, r => r.Escalation?.Token != state.Token || !r.IsActive ? null : (r with
        {
            Escalation = r.Escalation with { Level = state.Level + 1, Token = token, NextStepAt = due, MovedBy = state.Token, NextStepScheduled = false },
        }).With(entry), cancellationToken);

        // Scheduled only once the new level is committed: a crash in between leaves a report whose next step is
        // due and unscheduled; Hangfire runs this step again, and it schedules it then (ScheduleWhatThisStepCommittedAsync).
        if (changed)
        {
            await crashPoints.ReachedAsync(CrashPoint.AfterStepCommittedBeforeSchedule, report.Reference);
            await ScheduleStepAsync(report.Reference, token, after, cancellationToken);
        }
    }

    private async Task EndOfChainAsync(Report report, EscalationState state, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var policy = state.Policy;
        if (state.Round < policy.Repeat)
        {
            var token = EscalationState.NewToken();
            var (_, changed) = await reports.UpdateAsync(report.Reference, r => r.Escalation?.Token != state.Token ? null : (r with
            {
                Escalation = r.Escalation with { Level = 0, Round = state.Round + 1, Token = token, NextStepAt = now + policy.RepeatAfter, MovedBy = state.Token, NextStepScheduled = false },
            }).With(new TimelineEntry(now, "chain_repeat", "gateway", $"Nobody acknowledged after every level: the chain runs again in {policy.RepeatAfter} (round {state.Round + 2} of {policy.Repeat + 1}).")), cancellationToken);
            if (changed)
            {
                await ScheduleStepAsync(report.Reference, token, policy.RepeatAfter, cancellationToken);
            }

            return;
        }

        var (_, exhausted) = await reports.UpdateAsync(report.Reference, r => r.Escalation?.Token != state.Token ? null : (r with
        {
            Escalation = r.Escalation with { Exhausted = true, NextStepAt = null, Token = EscalationState.NewToken() },
        }).With(new TimelineEntry(now, "chain_exhausted", "gateway", "Nobody acknowledged after every level and repeat: operators were alerted.")), cancellationToken);
        if (exhausted)
        {
            metrics.Exhausted.Add(1, new KeyValuePair<string, object?>("category", report.Category));
            LogExhausted(logger, report.Reference, report.Category);
        }
    }

    private async Task<Report> AppendAsync(Report report, TimelineEntry entry, CancellationToken cancellationToken) =>
        (await reports.UpdateAsync(report.Reference, r => r.With(entry), cancellationToken)).Report ?? report;

    private sealed record PageOutcome(bool Reached, TimeSpan? RetryIn);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT no escalation policy covers report {Reference} ({Country}, {Category}): nobody is paged")]
    private static partial void LogNoPolicy(ILogger logger, string reference, string country, string category);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Escalation step for {Reference} with token {Token} dropped: stale, duplicated, or the report no longer escalates")]
    private static partial void LogStale(ILogger logger, string reference, string token);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: page {NotificationId} by {By} {Status}")]
    private static partial void LogPaged(ILogger logger, string reference, string notificationId, string by, string status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: page {NotificationId} is sent again after its lease ran out (possible duplicate)")]
    private static partial void LogPossibleDuplicate(ILogger logger, string reference, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: the SMS of page {NotificationId} went out again (attempt {Attempt}), marked as a possible duplicate")]
    private static partial void LogSentAgain(ILogger logger, string reference, string notificationId, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: page {NotificationId} attempt {Attempt} will be tried again in {Delay}")]
    private static partial void LogPageRetry(ILogger logger, string reference, string notificationId, int attempt, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT report {Reference} ({Category}): nobody acknowledged after every level and repeat")]
    private static partial void LogExhausted(ILogger logger, string reference, string category);

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT report {Reference}: page {NotificationId} refused with 21610, the responder's number replied STOP to the paging number")]
    private static partial void LogPageOptedOut(ILogger logger, string reference, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: page {NotificationId} did not arrive; the chain moves on at once")]
    private static partial void LogMovedOn(ILogger logger, string reference, string notificationId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference} acknowledged by {Owner} and not resolved: reminder sent")]
    private static partial void LogReminder(ILogger logger, string reference, string owner);
}

/// <summary>The Hangfire entry points: arguments are a reference and a token, never personal data.</summary>
public sealed class EscalationJobs(EscalationRunner runner)
{
    [AutomaticRetry(Attempts = 20)]
    public Task StepAsync(string reference, string token) => runner.StepAsync(reference, token, CancellationToken.None);

    [AutomaticRetry(Attempts = 10)]
    public Task RemindAsync(string reference, string acknowledgedStamp) => runner.RemindAsync(reference, acknowledgedStamp, CancellationToken.None);
}
