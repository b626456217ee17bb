using System.Globalization;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Web.Outbound;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Keeps a flood of reports (a campaign, or abuse) from burying a responder in pages without dropping any report.
/// Pages to each SMS or voice target are counted in a sliding window (<see cref="EscalationOptions.FloodWindow"/>);
/// beyond <see cref="EscalationOptions.FloodThreshold"/> a page is held and goes out in one summary page per
/// <see cref="EscalationOptions.FloodSummaryInterval"/> for that target, naming the references and linking to the list
/// of open reports (a summary never acknowledges anything: a responder takes each report by <c>ACK &lt;ref&gt;</c>,
/// which the summary's number may send, or in the console).
/// <para>
/// Every report is stored and runs its own chain: a held page counts as paged. Its step waits until the summary is due
/// and only then starts the level's acknowledgement time; when the summary is sent, each report's notification takes
/// its delivery and its timeline says "included in summary page …". A summary is leased like a page (intent first,
/// taken over after the lease, marked a possible duplicate), so at-least-once jobs never lose it.
/// </para>
/// Summary ids are <c>{targetId}.{interval number}</c>: no personal data in job arguments.
/// </summary>
public sealed partial class PageFlood(
    IPageFloodStore store,
    IReportStore reports,
    IBackgroundJobClient jobs,
    PageSender pages,
    IServiceProvider services,
    TimeProvider clock,
    EscalationMetrics metrics,
    IOptionsMonitor<EscalationOptions> options,
    ILogger<PageFlood> logger) : IOutboundFailureListener
{
    /// <summary>A summary job runs this long after its interval ends, so that pages held at the last moment are in it.</summary>
    public static readonly TimeSpan SummaryMargin = TimeSpan.FromSeconds(1);

    /// <summary>References a summary SMS lists before "and N more".</summary>
    public const int ListedReferences = 10;

    public static string Correlation(string summaryId) => "summary:" + summaryId;

    /// <summary>
    /// Called for a page whose intent is recorded, before it is sent: null to send it now, or, when the target is in a
    /// flood, the page is held for a summary (recorded in the notification and the timeline) and this returns how long
    /// the step should wait before it moves on.
    /// </summary>
    public async Task<TimeSpan?> HoldAsync(string reference, EscalationLevel level, EscalationTarget target, string notificationId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(target);
        var settings = options.CurrentValue;
        if (settings.FloodThreshold <= 0 || target.By == EscalationTarget.ByWebhook)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var place = await store.CountAsync(target.Id, $"{reference}/{notificationId}", now, settings.FloodWindow, cancellationToken);
        if (place < settings.FloodThreshold)
        {
            return null;
        }

        // This interval's summary, or the next one's when this one was taken for sending already.
        var interval = settings.FloodSummaryInterval > TimeSpan.Zero ? settings.FloodSummaryInterval : TimeSpan.FromMinutes(2);
        var slot = now.UtcTicks / interval.Ticks;
        var page = new HeldPage(reference, notificationId, level.Name);
        while (!await store.HoldAsync(SummaryId(target.Id, slot), page, settings.FloodWindow + (interval * 4), cancellationToken))
        {
            slot++;
        }

        var summaryId = SummaryId(target.Id, slot);
        var due = new DateTimeOffset((slot + 1) * interval.Ticks, TimeSpan.Zero) + SummaryMargin;

        // Scheduled for every held page (each later one finds it sent and stops): a crash after the hold and before
        // the schedule leaves the page's intent to be taken over, which holds it again and schedules again.
        jobs.Schedule<FloodJobs>(j => j.SendSummaryAsync(summaryId), due);
        await reports.UpdateAsync(reference, r => r.Notifications.FirstOrDefault(n => n.Id == notificationId) is not { Status: NotificationStatus.Intent } ? null : (r with
        {
            Notifications = [.. r.Notifications.Select(n => n.Id == notificationId ? n with { Status = NotificationStatus.Held, LeaseUntil = null, DeliveryId = Correlation(summaryId) } : n)],
        }).With(new TimelineEntry(clock.GetUtcNow(), "page_held", "gateway", $"{place + 1} pages to {target.Name} ({target.Id}) within {settings.FloodWindow}: this page is held for summary page {summaryId}, due {due.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC.")), cancellationToken);
        metrics.HeldPages.Add(1, new KeyValuePair<string, object?>("by", target.By));
        LogHeld(logger, reference, notificationId, summaryId);
        var wait = due - clock.GetUtcNow() + SummaryMargin;
        return wait > TimeSpan.Zero ? wait : TimeSpan.FromSeconds(1);
    }

    /// <summary>Sends a summary page once its interval ended; safe to run twice or late.</summary>
    public async Task SendSummaryAsync(string summaryId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = options.CurrentValue;
        var lease = await store.TakeAsync(summaryId, now, now + settings.NotificationLease, cancellationToken);
        if (lease is null)
        {
            // Sent already, or another run holds its lease. That run may have died (its own job is run again only
            // after the job invisibility timeout, which may come before the lease lapses): while a report still waits
            // for this summary, look again once the lease has lapsed, as a page's step and a check-in's expiry do.
            if (await WaitsForItAsync(summaryId, cancellationToken))
            {
                jobs.Schedule<FloodJobs>(j => j.SendSummaryAsync(summaryId), settings.NotificationLease);
                LogSummaryBusy(logger, summaryId, settings.NotificationLease);
            }

            return;
        }

        var targetId = summaryId[..summaryId.LastIndexOf('.')];
        var waiting = new List<(HeldPage Page, Report Report)>();
        EscalationTarget? target = null;
        foreach (var page in lease.Pages)
        {
            var report = await reports.FindAsync(page.Reference, cancellationToken);
            if (report?.Notifications.FirstOrDefault(n => n.Id == page.NotificationId) is not { } notification)
            {
                continue;
            }

            target ??= report.Escalation?.Policy.Levels.ElementAtOrDefault(notification.Level)?.Targets.FirstOrDefault(t => t.Id == targetId);
            if (report.IsActive && notification.Status == NotificationStatus.Held)
            {
                waiting.Add((page, report));
            }
        }

        if (waiting.Count == 0 || target is null)
        {
            // Every report in it was taken (or the summary was sent and recorded before a crash): nothing to send.
            await store.CompleteAsync(summaryId, cancellationToken);
            return;
        }

        var (text, spoken) = Texts(waiting.Select(w => w.Page).ToList(), pages.ListLink(), lease.PossibleDuplicate);
        var result = await pages.SendSummaryAsync(target, summaryId, text, spoken, cancellationToken);
        if (result.Retry)
        {
            await store.ReleaseAsync(summaryId, cancellationToken);
            jobs.Schedule<FloodJobs>(j => j.SendSummaryAsync(summaryId), result.RetryAfter ?? settings.WebhookRetryMaxDelay);
            LogSummaryRetry(logger, summaryId, result.Error ?? "-");
            return;
        }

        var after = clock.GetUtcNow();
        foreach (var (page, _) in waiting)
        {
            if (result.Sent)
            {
                await reports.UpdateAsync(page.Reference, r => Replace(r, page.NotificationId, n => n with
                {
                    Status = NotificationStatus.Sent,
                    DeliveryId = result.DeliveryId ?? n.DeliveryId,
                    ProviderId = result.ProviderId ?? n.ProviderId,
                    PagedContactId = result.PagedContactId,
                    SealedNumber = result.SealedNumber,
                    AccountId = result.AccountId ?? n.AccountId,
                    PossibleDuplicate = n.PossibleDuplicate || lease.PossibleDuplicate,
                })?.With(new TimelineEntry(after, "paged", "gateway", $"Included in summary page {summaryId} to {target.Name} ({target.Id}) by {target.By} at level {page.LevelName}, with {waiting.Count - 1} other report(s){(lease.PossibleDuplicate ? " (possible duplicate: an earlier attempt may have reached them)" : string.Empty)}.")), cancellationToken);
            }
            else
            {
                await Runner.PageFailedAsync(page.Reference, page.NotificationId, $"summary page {summaryId} failed: {result.Error}", optedOut: false, cancellationToken);
            }
        }

        await store.CompleteAsync(summaryId, cancellationToken);
        var status = result.Sent ? NotificationStatus.Sent : NotificationStatus.Failed;
        metrics.SummaryPages.Add(1, new KeyValuePair<string, object?>("by", target.By), new KeyValuePair<string, object?>("outcome", status));
        LogSummary(logger, summaryId, waiting.Count, target.By, status);
    }

    /// <summary>A summary SMS failed for good: every report in it counts its page as failed (and moves on if waiting).</summary>
    public async Task OnFailedAsync(OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Correlation is not { } correlation || !correlation.StartsWith("summary:", StringComparison.Ordinal))
        {
            return;
        }

        var summaryId = correlation["summary:".Length..];
        foreach (var page in await store.PagesAsync(summaryId, cancellationToken))
        {
            await Runner.PageFailedAsync(page.Reference, page.NotificationId, $"summary page {summaryId}: {message.Error ?? "not delivered"}", optedOut: message.ErrorCode == 21610, cancellationToken);
        }
    }

    /// <summary>The SMS and the spoken text of a summary: how many reports at which levels, the references, the list link.</summary>
    public static (string Text, string Spoken) Texts(IReadOnlyList<HeldPage> held, Uri list, bool possibleDuplicate)
    {
        ArgumentNullException.ThrowIfNull(held);
        var levels = held.GroupBy(p => p.LevelName, StringComparer.Ordinal).Select(g => $"{g.Count()} at level {g.Key}");
        var listed = string.Join(", ", held.Take(ListedReferences).Select(p => p.Reference));
        var more = held.Count > ListedReferences ? $" and {held.Count - ListedReferences} more" : string.Empty;
        var text = $"{(possibleDuplicate ? PageSender.RepeatMark + " " : string.Empty)}Safe Migration Gateway: {held.Count} more report(s) during a flood, {string.Join(", ", levels)}: {listed}{more}. Reply ACK <ref> to take one, or open the list: {list}";
        var spoken = $"Safe Migration Gateway. {held.Count} more reports are waiting for you during a flood of reports. Please open the list of open reports in the console.";
        return (text, spoken);
    }

    private EscalationRunner Runner => services.GetRequiredService<EscalationRunner>();

    /// <summary>
    /// Whether the summary's first page of an open report is still held for it. A run that sends a summary records
    /// it on the pages in this order, so a sent summary answers after one read, even with thousands of pages in it.
    /// </summary>
    private async Task<bool> WaitsForItAsync(string summaryId, CancellationToken cancellationToken)
    {
        foreach (var page in await store.PagesAsync(summaryId, cancellationToken))
        {
            if (await reports.FindAsync(page.Reference, cancellationToken) is { IsActive: true } report
                && report.Notifications.FirstOrDefault(n => n.Id == page.NotificationId) is { } notification)
            {
                return notification.Status == NotificationStatus.Held;
            }
        }

        return false;
    }

    private static string SummaryId(string targetId, long slot) => $"{targetId}.{slot.ToString(CultureInfo.InvariantCulture)}";

    private static Report? Replace(Report report, string id, Func<Notification, Notification> change) =>
        report.Notifications.Any(n => n.Id == id && n.Status == NotificationStatus.Held)
            ? report with { Notifications = [.. report.Notifications.Select(n => n.Id == id ? change(n) : n)] }
            : null;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference}: page {NotificationId} held for summary page {SummaryId} (flood of pages to its target)")]
    private static partial void LogHeld(ILogger logger, string reference, string notificationId, string summaryId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summary page {SummaryId} for {Count} report(s) by {By} {Status}")]
    private static partial void LogSummary(ILogger logger, string summaryId, int count, string by, string status);

    [LoggerMessage(Level = LogLevel.Information, Message = "Summary page {SummaryId} is being sent by another run; looking again in {Wait} in case that run died")]
    private static partial void LogSummaryBusy(ILogger logger, string summaryId, TimeSpan wait);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Summary page {SummaryId} will be tried again: {Error}")]
    private static partial void LogSummaryRetry(ILogger logger, string summaryId, string error);
}

/// <summary>The Hangfire entry point for summary pages: the argument is a summary id (target id and interval), never personal data.</summary>
public sealed class FloodJobs(PageFlood flood)
{
    [AutomaticRetry(Attempts = 20)]
    public Task SendSummaryAsync(string summaryId) => flood.SendSummaryAsync(summaryId, CancellationToken.None);
}
