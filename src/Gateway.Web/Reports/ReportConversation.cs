using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Outbound;

namespace Gateway.Web.Reports;

/// <summary>What became of a responder's reply.</summary>
public enum ReplyOutcome
{
    /// <summary>In the outbox; it goes out by SMS.</summary>
    Sent,

    /// <summary>The report allows no reply (see <see cref="ReportConversation.ClosedBecause"/>), or the outbox refused it.</summary>
    Refused,

    Unknown,
}

/// <summary>
/// Talking back to the person who filed a report, only where they agreed to be texted: a responder's reply goes
/// out through the <see cref="OutboundSender"/> by SMS to the number the person wrote from (the responder never
/// sees it), and once a responder has written, what the person sends while the report is not resolved lands in the
/// timeline. Both texts are sealed in the timeline (<see cref="TimelineEntry.SealedDetail"/>); logs carry neither.
/// </summary>
public sealed partial class ReportConversation(
    IReportStore reports,
    OutboundSender outbound,
    DataKey dataKey,
    TimeProvider clock,
    ILogger<ReportConversation> logger)
{
    /// <summary>Longest reply: three or four SMS segments in a non-Latin script.</summary>
    public const int MaxReplyLength = 480;

    /// <summary>Timeline kinds this class writes.</summary>
    public const string ReplyKind = "reply";
    public const string ReplyRefusedKind = "reply_refused";
    public const string AnswerKind = "answer";

    /// <summary>Why no reply can be written on this report, as a sentence for the responder; null when one can.</summary>
    public static string? ClosedBecause(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (!report.MayText)
        {
            return "The person did not agree to be texted back. A phone may be shared with or held by someone else, so the gateway never writes first without that consent.";
        }

        if (report.IsTest)
        {
            return "This is a test report from the simulator: nothing is sent to a simulated phone.";
        }

        if (report.Status == ReportStatus.Resolved)
        {
            return "The report is resolved. Reopen it to write to the person again.";
        }

        return report.Channel is "sms" or "ussd" or "voice"
            ? null
            : $"The report came by {report.Channel}, where the gateway keeps no phone number to text.";
    }

    /// <summary>Sends <paramref name="text"/> to the person who filed the report, and records it (sealed) in the timeline.</summary>
    public async Task<(ReplyOutcome Outcome, Report? Report, string? Error)> ReplyAsync(string reference, Actor actor, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        var report = await reports.FindAsync(reference, cancellationToken);
        if (report is null)
        {
            return (ReplyOutcome.Unknown, null, null);
        }

        if (ClosedBecause(report) is { } closed)
        {
            return (ReplyOutcome.Refused, report, closed);
        }

        var message = await outbound.EnqueueAsync(report.ContactId, text, "report_reply", cancellationToken);
        var now = clock.GetUtcNow();
        var entry = message.IsFailed
            ? new TimelineEntry(now, ReplyRefusedKind, actor.Name, $"A reply by {actor.Name} ({actor.Via}) was not sent: {message.Error}")
            : new TimelineEntry(now, ReplyKind, actor.Name, $"Reply by {actor.Name} ({actor.Via}), going out by SMS (message {message.Id}).");
        var (updated, _) = await reports.UpdateAsync(report.Reference, r => r.With(entry with { SealedDetail = dataKey.Seal(text) }), cancellationToken);
        LogReply(logger, report.Reference, actor.Name, message.IsFailed ? "refused" : "queued");
        return (message.IsFailed ? ReplyOutcome.Refused : ReplyOutcome.Sent, updated ?? report, message.Error);
    }

    /// <summary>
    /// Adds what the person sent to their latest report's timeline, when a responder has written to them on it and
    /// it is not resolved. Returns whether it did.
    /// </summary>
    public async Task<bool> RecordAnswerAsync(string contactId, string text, string channel, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var report = await reports.LatestForContactAsync(contactId, cancellationToken);
        if (report is null || report.Status == ReportStatus.Resolved || !report.MayText || !report.Timeline.Any(t => t.Kind == ReplyKind))
        {
            return false;
        }

        var entry = new TimelineEntry(clock.GetUtcNow(), AnswerKind, "reporter", $"The person answered by {channel}.") { SealedDetail = dataKey.Seal(text) };
        var (updated, changed) = await reports.UpdateAsync(report.Reference, r => r.Status == ReportStatus.Resolved ? null : r.With(entry), cancellationToken);
        if (changed)
        {
            LogAnswer(logger, report.Reference, contactId);
        }

        return changed && updated is not null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Reply on report {Reference} by {Actor}: {Outcome}")]
    private static partial void LogReply(ILogger logger, string reference, string actor, string outcome);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {ContactId} answered on report {Reference}")]
    private static partial void LogAnswer(ILogger logger, string reference, string contactId);
}
