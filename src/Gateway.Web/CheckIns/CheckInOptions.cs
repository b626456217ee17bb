namespace Gateway.Web.CheckIns;

/// <summary>The "CheckIns" configuration section (environment: CheckIns__ReminderMinutesBefore, …).</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIns";

    /// <summary>The reminder comes this many minutes before the timer runs out; on a timer of twice this or less, half-way.</summary>
    public int ReminderMinutesBefore { get; set; } = 5;

    /// <summary>
    /// How long one of the timer's minutes lasts. One minute, except in a test or a demonstration, where a shorter
    /// minute lets "GO 30" run out in seconds.
    /// </summary>
    public TimeSpan MinuteLength { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long an invitation waits for its numbered reply.</summary>
    public TimeSpan InvitationLifetime { get; set; } = TimeSpan.FromDays(2);

    /// <summary>Invitations one person may send in a UTC day (a guard against texting strangers in bulk).</summary>
    public int MaxInvitationsPerDay { get; set; } = 3;

    /// <summary>Buddies and back-up adults one person may have.</summary>
    public int MaxBuddies { get; set; } = 5;

    /// <summary>The last message is told to buddies only if it was written no longer than this before the timer ran out.</summary>
    public TimeSpan LastMessageMaxAge { get; set; } = TimeSpan.FromHours(3);

    /// <summary>The most of the last message a buddy is told; a longer one is cut.</summary>
    public int LastMessageMaxLength { get; set; } = 160;

    /// <summary>
    /// How long one process may take to alert buddies before another process takes over (and may repeat an alert):
    /// the alerts only go into the outbox, so a few seconds' work; a process that died is taken over this long after.
    /// </summary>
    public TimeSpan AlertLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A record (buddies, last message) is forgotten this long after the person last used a check-in.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>The time a timer of <paramref name="minutes"/> minutes lasts.</summary>
    public TimeSpan Duration(int minutes) => MinuteLength * minutes;

    /// <summary>How long after the start the reminder comes.</summary>
    public TimeSpan ReminderAfter(int minutes) =>
        minutes > 2 * ReminderMinutesBefore ? MinuteLength * (minutes - ReminderMinutesBefore) : MinuteLength * minutes / 2;
}
