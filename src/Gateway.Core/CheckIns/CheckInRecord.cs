namespace Gateway.Core.CheckIns;

/// <summary>
/// What the gateway keeps about one person's check-ins: the running timer, the last thing they wrote (sealed), the
/// buddies and back-up adults who agreed to be told, and at most one invitation waiting for an answer. Numbers and
/// words are sealed with the data key; the record is named by the person's hashed contact id.
/// </summary>
/// <example>
/// A child with one buddy, on a 30-minute timer that was reminded:
/// <code>
/// { "contactId": "Xk3…", "language": "km", "country": "KH", "sealedNumber": "v1.…",
///   "timer": { "token": "8f0c…", "minutes": 30, "startedAt": "…", "dueAt": "…", "remindedAt": "…" },
///   "buddies": [ { "contactId": "Qe7…", "sealedNumber": "v1.…", "confirmedAt": "…" } ] }
/// </code>
/// </example>
public sealed record CheckInRecord
{
    public required string ContactId { get; init; }

    /// <summary>The person's own number (E.164), sealed: only its last digits are ever shown, to their buddies.</summary>
    public string? SealedNumber { get; init; }

    /// <summary>The language the person reads, for their reminder and for what their buddies are told.</summary>
    public string? Language { get; init; }

    /// <summary>Where the person is (ISO 3166 alpha-2): which hotline their buddies are given, and where a report goes.</summary>
    public string? Country { get; init; }

    /// <summary>The channel the timer was started by (sms, ussd, …), for the report it may open.</summary>
    public string? Channel { get; init; }

    /// <summary>A simulator contact: nobody is texted and its report pages nobody.</summary>
    public bool IsTest { get; init; }

    /// <summary>The timer running or the last one that ran out; null after SAFE.</summary>
    public CheckInTimer? Timer { get; init; }

    /// <summary>The last message the person wrote that was not a keyword or a bare number, sealed; cleared after SAFE and once told.</summary>
    public string? SealedLastMessage { get; init; }

    public DateTimeOffset? LastMessageAt { get; init; }

    /// <summary>People who agreed (with the numbered reply) to be told when a timer runs out.</summary>
    public IReadOnlyList<Buddy> Buddies { get; init; } = [];

    /// <summary>The one invitation waiting for its numbered reply; a new BUDDY replaces it.</summary>
    public BuddyInvitation? Invitation { get; init; }

    /// <summary>The UTC day <see cref="InvitationsThatDay"/> counts (a cap against texting strangers in bulk).</summary>
    public DateOnly? InvitationDay { get; init; }

    public int InvitationsThatDay { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }
}

/// <summary>
/// One check-in timer. <see cref="Token"/> names it: a reminder or expiry job carries the token it was scheduled
/// for and does nothing when the record holds another (a new GO replaced the timer, or SAFE ended it).
/// </summary>
public sealed record CheckInTimer
{
    public required string Token { get; init; }

    public int Minutes { get; init; }

    public DateTimeOffset StartedAt { get; init; }

    public DateTimeOffset DueAt { get; init; }

    /// <summary>When the reminder was claimed for sending; set once, so a repeated job does not remind twice.</summary>
    public DateTimeOffset? RemindedAt { get; init; }

    /// <summary>When the timer ran out and the gateway began to alert.</summary>
    public DateTimeOffset? ExpiredAt { get; init; }

    /// <summary>Until when one process is alerting; another waits for it, or takes over once it lapses.</summary>
    public DateTimeOffset? AlertLeaseUntil { get; init; }

    /// <summary>Buddies (contact ids) whose alert is in the outbox.</summary>
    public IReadOnlyList<string> AlertedBuddies { get; init; } = [];

    /// <summary>The child_at_risk report opened when the timer ran out.</summary>
    public string? ReportReference { get; init; }

    /// <summary>Every buddy alerted and the report opened: a repeated expiry job does nothing.</summary>
    public bool AlertDone { get; init; }

    public static string NewToken() => Guid.NewGuid().ToString("N");
}

/// <summary>A buddy or back-up adult who agreed to be told: their hashed id and their number, sealed.</summary>
public sealed record Buddy(string ContactId, string SealedNumber, DateTimeOffset ConfirmedAt);

/// <summary>An invitation sent and not yet answered with <see cref="CheckInTexts.ConfirmDigit"/>.</summary>
public sealed record BuddyInvitation(string ContactId, string SealedNumber, DateTimeOffset SentAt, DateTimeOffset ExpiresAt);
