namespace Gateway.Core.Cases;

/// <summary>
/// A distress report. It is stored before the person is told it was received, and every change after that
/// (a page sent, an acknowledgement, a note) is a new version of it with a line in its timeline. The place is free
/// text the person wrote and is kept encrypted; nothing here identifies them but the hashed contact id.
/// </summary>
public sealed record Report
{
    /// <summary>Seven characters a person can read over the phone (<see cref="ReportReference"/>).</summary>
    public required string Reference { get; init; }

    /// <summary>The hashed id of the contact who filed it; STATUS answers only this contact.</summary>
    public required string ContactId { get; init; }

    /// <summary>trafficking, labour, child_at_risk or other.</summary>
    public required string Category { get; init; }

    /// <summary>"yes", "no", or null when not known.</summary>
    public string? UnderEighteen { get; init; }

    public string? EncryptedPlace { get; init; }

    /// <summary>Filed by a peer educator or volunteer about another person, who is never texted.</summary>
    public bool ForSomeoneElse { get; init; }

    /// <summary>The person agreed to be texted back (about this report only).</summary>
    public bool MayText { get; init; }

    /// <summary>The person agreed to be called back.</summary>
    public bool MayCall { get; init; }

    /// <summary>
    /// Whom the person accepts: <see cref="RecipientKinds.NgoOnly"/> when they asked that the report go only to NGOs
    /// (the chain passes over police, government and hotline levels), null for the policy as it stands.
    /// </summary>
    public string? Recipients { get; init; }

    /// <summary>Opened by SOS rather than by the report questions.</summary>
    public bool Urgent { get; init; }

    public string? Language { get; init; }

    public required string Channel { get; init; }

    /// <summary>ISO 3166 alpha-2, from the number's prefix or asked.</summary>
    public string? Country { get; init; }

    /// <summary>The province the person chose by number where a level serves some provinces only; null otherwise.</summary>
    public string? Province { get; init; }

    /// <summary>Made in the simulator: never pages a real target.</summary>
    public bool IsTest { get; init; }

    /// <summary>See <see cref="ReportStatus"/>.</summary>
    public string Status { get; init; } = ReportStatus.Open;

    public required DateTimeOffset OpenedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>The organisation that took the report (by acknowledging it or by a hand-over); null until then.</summary>
    public string? OwnerOrganisation { get; init; }

    /// <summary>Organisations paged for it or handed it: with the owner, the only ones that see it.</summary>
    public IReadOnlyList<string> Organisations { get; init; } = [];

    /// <summary>The account or paged target that acknowledged it, as the timeline names it.</summary>
    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    /// <summary>What came of it, as a code an organisation chose (e.g. referred, rescued, no_contact).</summary>
    public string? Outcome { get; init; }

    /// <summary>How many SOS messages joined this report (the first one included).</summary>
    public int SosCount { get; init; }

    public DateTimeOffset? LastSosAt { get; init; }

    /// <summary>The acknowledged owner was reminded that the report is not resolved yet.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>The person was told, in their language, that someone has taken the case.</summary>
    public bool TakenNoticeSent { get; init; }

    /// <summary>Where the escalation chain stands; null for a report no chain covers.</summary>
    public EscalationState? Escalation { get; init; }

    public IReadOnlyList<Notification> Notifications { get; init; } = [];

    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>Open or reopened: the chain runs and SOS messages join it.</summary>
    public bool IsActive => Status is ReportStatus.Open or ReportStatus.Reopened;

    /// <summary>
    /// When this report's next escalation step is due, or null when none should be pending: it is not active, its
    /// chain is exhausted, or no chain runs for it and the timeline says why (a test report, or no policy covers
    /// it). An active report without a chain and without such a line should have one: its step was due when it opened.
    /// Stores index reports by this time so that the watchdog finds overdue steps without reading every report.
    /// </summary>
    public DateTimeOffset? PendingStepDue() => !IsActive ? null
        : Escalation is { } chain ? (chain.Exhausted ? null : chain.NextStepAt)
        : Timeline.Any(t => t.Kind is NoChainSkipped or NoChainUnreachable) ? null : OpenedAt;

    /// <summary>The timeline kind written when a test report pages nobody.</summary>
    public const string NoChainSkipped = "escalation_skipped";

    /// <summary>The timeline kind written when the chain passes over a level the person refused.</summary>
    public const string LevelRefused = "level_refused";

    /// <summary>The timeline kind written when the person limits, after an SOS, who is told.</summary>
    public const string RecipientsLimited = "recipients_limited";

    /// <summary>The timeline kind written when no escalation policy covers a report.</summary>
    public const string NoChainUnreachable = "escalation_unreachable";

    /// <summary>This report with one more line in its timeline.</summary>
    public Report With(TimelineEntry entry) => this with { Timeline = [.. Timeline, entry], UpdatedAt = entry.At };

    /// <summary>
    /// The timeline in the order things happened: entries are stored in the order they were written, and a step that
    /// writes late (a page resent by the outbox, a level stamped when it is done) may follow a later event.
    /// Entries with the same time keep their stored order.
    /// </summary>
    public IReadOnlyList<TimelineEntry> TimelineInTimeOrder() => [.. Timeline.OrderBy(t => t.At)];
}

/// <summary>The states of a report.</summary>
public static class ReportStatus
{
    public const string Open = "open";
    public const string Acknowledged = "acknowledged";
    public const string Resolved = "resolved";
    public const string Reopened = "reopened";

    public static readonly IReadOnlyList<string> All = [Open, Acknowledged, Resolved, Reopened];
}

/// <summary>
/// One line of a report's history: what happened, who did it (an account id, a paged target, "gateway" or
/// "reporter") and a sentence. Never a phone number or the person's words.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Actor, string Text)
{
    /// <summary>Words a responder wrote (a note), sealed with the data key: shown only to those who may see the report.</summary>
    public string? SealedDetail { get; init; }
}

/// <summary>
/// One page to one target at one level: recorded as an intent before it is sent, then with what the provider said.
/// An intent without a provider id after its lease expired is sent again and marked a possible duplicate.
/// </summary>
public sealed record Notification
{
    /// <summary>report/round/level/target: the same page is never recorded twice.</summary>
    public required string Id { get; init; }

    public required int Round { get; init; }

    public required int Level { get; init; }

    public required string LevelName { get; init; }

    public required string TargetId { get; init; }

    /// <summary>sms, voice or webhook.</summary>
    public required string By { get; init; }

    public required DateTimeOffset IntentAt { get; init; }

    /// <summary>Until when the process sending it holds it.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>The outbox message or delivery id of ours that carries the page.</summary>
    public string? DeliveryId { get; init; }

    /// <summary>The provider's id (Twilio SM…/CA…, or the webhook's answer), stored after it accepted.</summary>
    public string? ProviderId { get; init; }

    /// <summary>See <see cref="NotificationStatus"/>.</summary>
    public string Status { get; init; } = NotificationStatus.Intent;

    public bool PossibleDuplicate { get; init; }

    /// <summary>The hashed contact id of the number paged: only such a number may ACK by SMS.</summary>
    public string? PagedContactId { get; init; }

    /// <summary>The account whose number was paged, when the target is an organisation's responder.</summary>
    public string? AccountId { get; init; }

    /// <summary>The organisation the target belongs to, when known: it owns the report once it acknowledges.</summary>
    public string? Organisation { get; init; }

    public string? Error { get; init; }

    /// <summary>Attempts made at sending it (a webhook that answers 5xx is tried again with backoff).</summary>
    public int Attempts { get; init; }

    /// <summary>The number paged, sealed, so that a reminder can reach the responder who took the report.</summary>
    public string? SealedNumber { get; init; }
}

/// <summary>What became of a page.</summary>
public static class NotificationStatus
{
    public const string Intent = "intent";
    public const string Sent = "sent";

    /// <summary>Held back during a flood of pages to its target; it goes out in a summary page (then "sent").</summary>
    public const string Held = "held";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
