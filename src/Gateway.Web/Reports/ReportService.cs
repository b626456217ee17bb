using Gateway.Core.Cases;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Core.Text;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>What happened to an action on a report.</summary>
public enum ReportActionOutcome
{
    Done,

    /// <summary>No report has that reference.</summary>
    Unknown,

    /// <summary>The report is not in a state that allows it (e.g. acknowledging a resolved report): nothing changed.</summary>
    Conflict,
}

/// <summary>
/// Opens reports (or joins a repeated SOS to the open one), answers STATUS and a responder's ACK, and carries out
/// what responders do to a report: acknowledge, resolve, reopen, hand over, note, outcome. Every change is a
/// compare-and-set on the stored report with a line in its timeline; acknowledging draws a new escalation token,
/// so every step still scheduled for the report drops itself.
/// </summary>
public sealed partial class ReportService(
    IReportStore reports,
    FlowHost flows,
    DataKey dataKey,
    TimeProvider clock,
    GatewayMetrics metrics,
    IOptionsMonitor<ReportOptions> options,
    IServiceProvider services,
    ILogger<ReportService> logger)
{
    /// <summary>
    /// Stores the report the turn asked for, before the person is told anything, and starts its escalation; a
    /// second SOS within <see cref="ReportOptions.SosJoinWindow"/> joins the person's open report instead.
    /// </summary>
    public async Task<Report> OpenAsync(ReportRequested requested, string contactId, string channel, bool isTest, Session session, string? messageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(requested);
        ArgumentNullException.ThrowIfNull(session);
        var now = clock.GetUtcNow();
        var latest = requested.Urgent ? await reports.LatestForContactAsync(contactId, cancellationToken) : null;
        var joins = latest is { IsActive: true } && now - (latest.LastSosAt ?? latest.OpenedAt) <= options.CurrentValue.SosJoinWindow;
        var reference = joins ? latest!.Reference : ReportReference.New();
        if (messageId is not null)
        {
            // The message is recorded with its report before the report is written: handled again (a journal replay,
            // a provider's retry after a failover), it finds that report by itself, not through indexes.
            var recorded = await reports.RecordMessageAsync(messageId, reference, MessageReferenceKeep, cancellationToken);
            if (recorded is not null)
            {
                // Saved again, which writes its indexes again and waits until the report is durable.
                var (again, _) = await reports.UpdateAsync(recorded, r => r with { }, cancellationToken);
                if (again is not null)
                {
                    LogHandledBefore(logger, again.Reference, contactId);
                    return again;
                }

                // Recorded, but the report was not written (a crash or a failover in between): it is written now.
                (reference, joins) = (recorded, false);
            }
        }

        if (joins)
        {
            var (joined, _) = await reports.UpdateAsync(latest!.Reference, r => (r with { SosCount = r.SosCount + 1, LastSosAt = now, Urgent = true })
                .With(new TimelineEntry(now, "sos_again", "reporter", $"Another SOS by {channel} joined this report.")), cancellationToken);
            if (joined is not null)
            {
                LogJoined(logger, joined.Reference, contactId);
                return joined;
            }
        }

        for (var attempt = 1; ; attempt++)
        {
            var report = new Report
            {
                Reference = attempt == 1 ? reference : ReportReference.New(),
                ContactId = contactId,
                Category = requested.Category,
                UnderEighteen = requested.UnderEighteen,
                EncryptedPlace = requested.Place is null ? null : dataKey.Seal(requested.Place),
                ForSomeoneElse = requested.ForSomeoneElse,
                MayText = requested.MayText,
                MayCall = requested.MayCall,
                Province = requested.Province,
                Recipients = requested.Recipients,
                Urgent = requested.Urgent,
                Language = session.Language,
                Channel = channel,
                Country = session.Country,
                IsTest = isTest,
                OpenedAt = now,
                UpdatedAt = now,
                SosCount = requested.Urgent ? 1 : 0,
                LastSosAt = requested.Urgent ? now : null,
                Timeline = [new TimelineEntry(now, "opened", "reporter", Opened(requested, channel, isTest))],
            };
            try
            {
                await reports.CreateAsync(report, cancellationToken);
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // The same message opening its report at the same time elsewhere: that report. Else a reference
                // already taken: draw another.
                if (messageId is not null && await reports.FindAsync(report.Reference, cancellationToken) is { } taken && taken.ContactId == contactId)
                {
                    return taken;
                }

                continue;
            }

            metrics.Reports.Add(1, new KeyValuePair<string, object?>("category", report.Category));
            LogReport(logger, report.Reference, contactId, report.Category, report.IsTest);
            if (services.GetService<IEscalation>() is { } escalation)
            {
                try
                {
                    report = await escalation.StartAsync(report, cancellationToken);
                }
                catch (Exception e) when (e is not (OutOfMemoryException or OperationCanceledException))
                {
                    // The report is stored, so the person is told so; the escalation watchdog starts or schedules its
                    // chain once it is overdue (a job storage that timed out during a flood, say).
                    LogStartFailed(logger, e, report.Reference);
                }
            }

            return report;
        }
    }

    /// <summary>How long a message's report is found by the message: longer than a journal or a provider keeps a message.</summary>
    public static readonly TimeSpan MessageReferenceKeep = TimeSpan.FromDays(30);

    /// <summary>
    /// After an SOS, the person asked that their report go only to NGOs from now on: the choice is recorded on their
    /// open report (the latest, which the SOS opened or joined) with the levels it refuses, and the chain passes over
    /// them. Levels paged already cannot be unpaged; the timeline names them. Null when they have no open report.
    /// </summary>
    public async Task<Report?> LimitRecipientsAsync(string contactId, string recipients, CancellationToken cancellationToken)
    {
        if (await reports.LatestForContactAsync(contactId, cancellationToken) is not { IsActive: true } latest)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var (updated, changed) = await reports.UpdateAsync(latest.Reference, r => !r.IsActive || r.Recipients == recipients ? null
            : (r with { Recipients = recipients }).With(new TimelineEntry(now, Report.RecipientsLimited, "reporter", Limited(r))), cancellationToken);
        if (changed)
        {
            LogLimited(logger, latest.Reference, contactId);
        }

        return updated;
    }

    /// <summary>The answer to <c>STATUS ref</c>: the report's state, only for the number that filed it.</summary>
    public async Task<string> StatusReplyAsync(string contactId, string argument, Session session, Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var reference = ReportReference.Normalize(argument);
        var report = reference is not null && ReportReference.IsValid(reference) ? await reports.FindAsync(reference, cancellationToken) : null;
        var key = report is null || report.ContactId != contactId
            ? ReportTexts.StatusUnknown
            : report.Status switch
            {
                ReportStatus.Acknowledged => ReportTexts.StatusTaken,
                ReportStatus.Resolved => ReportTexts.StatusClosed,
                _ => ReportTexts.StatusOpen,
            };
        return Say(key, reference ?? argument.Trim(), report?.Category, session, channel);
    }

    /// <summary>
    /// <c>ACK ref</c> by SMS: only a number paged for that report may take it. Anyone else gets a polite refusal,
    /// and the refusal is logged (by hashed contact id).
    /// </summary>
    public async Task<string> AcknowledgeBySmsAsync(string contactId, string argument, Session session, Channel channel, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        var reference = ReportReference.Normalize(argument);
        var report = reference is not null && ReportReference.IsValid(reference) ? await reports.FindAsync(reference, cancellationToken) : null;
        var paged = report?.Notifications.FirstOrDefault(n => n.PagedContactId == contactId);
        if (report is null || paged is null)
        {
            LogAckRefused(logger, reference ?? "(not a reference)", contactId);
            return Say(ReportTexts.AckRefused, reference ?? argument.Trim(), null, session, channel);
        }

        var responder = new Actor(paged.AccountId ?? paged.TargetId, paged.Organisation, "sms");
        var (outcome, updated) = await AcknowledgeAsync(report.Reference, responder, cancellationToken);
        return Say(outcome == ReportActionOutcome.Done ? ReportTexts.AckDone : ReportTexts.AckAlready, report.Reference, updated?.Category, session, channel);
    }

    /// <summary>Acknowledges an open or reopened report: the chain stops, and the person is told if they agreed to be texted.</summary>
    public async Task<(ReportActionOutcome Outcome, Report? Report)> AcknowledgeAsync(string reference, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var (outcome, report) = await ChangeAsync(reference, r => !r.IsActive ? null : (r with
        {
            Status = ReportStatus.Acknowledged,
            AcknowledgedAt = now,
            AcknowledgedBy = actor.Name,
            RemindedAt = null,
            OwnerOrganisation = actor.Organisation ?? r.OwnerOrganisation,
            Escalation = Stopped(r.Escalation),
        }).With(new TimelineEntry(now, "acknowledged", actor.Name, $"Acknowledged by {actor.Name} ({actor.Via}); the escalation stopped.")), cancellationToken);
        if (outcome != ReportActionOutcome.Done)
        {
            return (outcome, report);
        }

        LogAcknowledged(logger, reference, actor.Name, actor.Via);
        if (services.GetService<IEscalation>() is { } escalation)
        {
            await escalation.AcknowledgedAsync(report!, cancellationToken);
        }

        return (outcome, await TellTakenAsync(report!, cancellationToken));
    }

    public Task<(ReportActionOutcome Outcome, Report? Report)> ResolveAsync(string reference, Actor actor, string? outcomeCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        return ChangeAsync(reference, r => r.Status == ReportStatus.Resolved ? null : (r with
        {
            Status = ReportStatus.Resolved,
            ResolvedAt = now,
            Outcome = outcomeCode ?? r.Outcome,
            OwnerOrganisation = r.OwnerOrganisation ?? actor.Organisation,
            Escalation = Stopped(r.Escalation),
        }).With(new TimelineEntry(now, "resolved", actor.Name, $"Resolved by {actor.Name} ({actor.Via}){(outcomeCode is null ? string.Empty : $", outcome {outcomeCode}")}.")), cancellationToken);
    }

    /// <summary>Reopens an acknowledged or resolved report: its chain starts again from the first level.</summary>
    public async Task<(ReportActionOutcome Outcome, Report? Report)> ReopenAsync(string reference, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow();
        var result = await ChangeAsync(reference, r => r.IsActive ? null : (r with
        {
            Status = ReportStatus.Reopened,
            ResolvedAt = null,
            AcknowledgedAt = null,
            AcknowledgedBy = null,
            TakenNoticeSent = false,
        }).With(new TimelineEntry(now, "reopened", actor.Name, $"Reopened by {actor.Name} ({actor.Via}).")), cancellationToken);
        if (result.Outcome == ReportActionOutcome.Done && services.GetService<IEscalation>() is { } escalation)
        {
            return (result.Outcome, await escalation.RestartAsync(result.Report!, cancellationToken));
        }

        return result;
    }

    /// <summary>Hands the report to another organisation, which then owns it.</summary>
    public Task<(ReportActionOutcome Outcome, Report? Report)> HandOverAsync(string reference, Actor actor, string organisation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(organisation);
        var now = clock.GetUtcNow();
        return ChangeAsync(reference, r => r.OwnerOrganisation == organisation ? null : (r with
        {
            OwnerOrganisation = organisation,
            Organisations = r.Organisations.Contains(organisation) ? r.Organisations : [.. r.Organisations, organisation],
        }).With(new TimelineEntry(now, "handed_over", actor.Name, $"Handed over to organisation {organisation} by {actor.Name} ({actor.Via}).")), cancellationToken);
    }

    /// <summary>Adds a responder's note; its words are sealed.</summary>
    public Task<(ReportActionOutcome Outcome, Report? Report)> AddNoteAsync(string reference, Actor actor, string note, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(note);
        var now = clock.GetUtcNow();
        var sealedNote = dataKey.Seal(note);
        return ChangeAsync(reference, r => r.With(new TimelineEntry(now, "note", actor.Name, $"Note by {actor.Name} ({actor.Via}).") { SealedDetail = sealedNote }), cancellationToken);
    }

    public Task<(ReportActionOutcome Outcome, Report? Report)> SetOutcomeAsync(string reference, Actor actor, string outcomeCode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(outcomeCode);
        var now = clock.GetUtcNow();
        return ChangeAsync(reference, r => r.Outcome == outcomeCode ? null : (r with { Outcome = outcomeCode })
            .With(new TimelineEntry(now, "outcome", actor.Name, $"Outcome set to {outcomeCode} by {actor.Name} ({actor.Via}).")), cancellationToken);
    }

    /// <summary>A note's words, for those who may see the report.</summary>
    public string? OpenNote(TimelineEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.SealedDetail is null ? null : dataKey.Open(entry.SealedDetail);
    }

    /// <summary>A note's words as typed and, when they may be Zawgyi, their converted reading.</summary>
    public TypedText? OpenNoteReadings(TimelineEntry entry) => OpenNote(entry) is { } note ? TypedText.Of(note) : null;

    /// <summary>The place as the person typed it and, when it may be Zawgyi, its converted reading.</summary>
    public TypedText? OpenPlaceReadings(Report report) => OpenPlace(report) is { } place ? TypedText.Of(place) : null;

    /// <summary>The coarse place the person gave, for those who may see the report.</summary>
    public string? OpenPlace(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return report.EncryptedPlace is null ? null : dataKey.Open(report.EncryptedPlace);
    }

    /// <summary>A text in the language of <paramref name="session"/>, with the reference and category filled in.</summary>
    public string Say(string key, string reference, string? category, Session session, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(session);
        var speaking = session.Clone();
        if (category is not null)
        {
            speaking.Variables["category"] = category;
        }

        return SpokenText.Say(flows.Engine.Bundle, key, speaking, channel, borrowed: null).Replace("{" + Placeholders.Reference + "}", reference, StringComparison.Ordinal);
    }

    private static EscalationState? Stopped(EscalationState? state) =>
        state is null ? null : state with { Token = EscalationState.NewToken(), NextStepAt = null };

    private async Task<(ReportActionOutcome Outcome, Report? Report)> ChangeAsync(string reference, Func<Report, Report?> change, CancellationToken cancellationToken)
    {
        var normalized = ReportReference.Normalize(reference) ?? reference;
        var (report, changed) = await reports.UpdateAsync(normalized, change, cancellationToken);
        return report is null ? (ReportActionOutcome.Unknown, null) : (changed ? ReportActionOutcome.Done : ReportActionOutcome.Conflict, report);
    }

    /// <summary>Tells the person (only with their consent to be texted) that someone has taken the case.</summary>
    private async Task<Report> TellTakenAsync(Report report, CancellationToken cancellationToken)
    {
        if (!report.MayText || report.TakenNoticeSent || report.IsTest)
        {
            return report;
        }

        var profile = (await services.GetRequiredService<IContactStore>().LoadAsync(report.ContactId, cancellationToken)).Profile;
        var session = new Session { Language = report.Language, Country = report.Country, Discreet = profile?.Discreet == true };
        var text = Say(ReportTexts.Taken, report.Reference, report.Category, session, Channel.Sms);
        var message = await services.GetRequiredService<OutboundSender>().EnqueueAsync(report.ContactId, text, "report_taken", cancellationToken);
        var now = clock.GetUtcNow();
        var entry = message.IsFailed
            ? new TimelineEntry(now, "taken_notice_refused", "gateway", $"The person could not be told that the report was taken: {message.Error}")
            : new TimelineEntry(now, "taken_notice", "gateway", $"The person is being told by SMS that the report was taken (message {message.Id}).");
        var (updated, _) = await reports.UpdateAsync(report.Reference, r => (r with { TakenNoticeSent = !message.IsFailed }).With(entry), cancellationToken);
        return updated ?? report;
    }

    private static string Limited(Report report)
    {
        var levels = report.Escalation?.Policy.Levels ?? [];
        var refused = levels.Select((l, i) => (Level: l, Index: i)).Where(x => !RecipientKinds.Accepts(RecipientKinds.NgoOnly, x.Level)).ToList();
        var paged = refused.Where(x => report.Notifications.Any(n => n.Level == x.Index && n.Status != NotificationStatus.Failed)).Select(x => x.Level.Name).ToList();
        var text = "The person asked that the report go only to NGOs from now on (no police, government or hotline)";
        text += refused.Count == 0 ? ": no level of its policy is refused." : $": level(s) {string.Join(", ", refused.Select(x => $"{x.Level.Name} ({RecipientKinds.Of(x.Level)})"))} will be passed over.";
        return paged.Count == 0 ? text : text + $" Already paged before they asked: {string.Join(", ", paged)}.";
    }

    private static string Opened(ReportRequested requested, string channel, bool isTest) =>
        $"{(requested.Urgent ? "SOS" : "Report")} by {channel}: {requested.Category}"
        + (requested.ForSomeoneElse ? ", filed for someone else" : string.Empty)
        + (requested.Recipients == RecipientKinds.NgoOnly ? ", only to NGOs (the person refused police, government and hotline levels)" : string.Empty)
        + (isTest ? " (a test from the simulator: no real target is paged)" : string.Empty) + ".";

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference} opened for contact {ContactId}: {Category} (test: {IsTest})")]
    private static partial void LogReport(ILogger logger, string reference, string contactId, string category, bool isTest);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A message of contact {ContactId} handled again (a journal replay or a provider's retry) found its report {Reference}: no second report")]
    private static partial void LogHandledBefore(ILogger logger, string reference, string contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: contact {ContactId} asked that it go only to NGOs from now on")]
    private static partial void LogLimited(ILogger logger, string reference, string contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A repeated distress message from contact {ContactId} joined report {Reference}")]
    private static partial void LogJoined(ILogger logger, string reference, string contactId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference} acknowledged by {Actor} ({Via})")]
    private static partial void LogAcknowledged(ILogger logger, string reference, string actor, string via);

    [LoggerMessage(Level = LogLevel.Error, Message = "Report {Reference} is stored but its escalation could not be started now; the watchdog will start it")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string reference);

    [LoggerMessage(Level = LogLevel.Warning, Message = "ACK for {Reference} refused: contact {ContactId} was not paged for it")]
    private static partial void LogAckRefused(ILogger logger, string reference, string contactId);
}
