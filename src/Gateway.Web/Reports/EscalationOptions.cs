namespace Gateway.Web.Reports;

/// <summary>The "Escalation" configuration section: where webhooks go and how pages are paced.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>
    /// Webhook targets by the name flows/escalation.yaml gives them; URL and secrets live in settings, never in git.
    /// <c>Escalation__Webhooks__th_1300__Url</c>, <c>Escalation__Webhooks__th_1300__Secrets</c> (comma-separated while a secret rotates).
    /// Read them with <see cref="FindWebhook"/>, which also finds settings written with the name's older spelling.
    /// </summary>
    public Dictionary<string, WebhookSettings> Webhooks { get; init; } = new(StringComparer.Ordinal);

    /// <summary>
    /// The settings of the webhook flows/escalation.yaml calls <paramref name="name"/>. A shell cannot export a
    /// variable whose name holds "-", so the shipped names use "_" (th_1300); settings written for the older
    /// spelling (<c>Escalation__Webhooks__th-1300__Url</c> in appsettings.json or a container's environment) are
    /// still found, and so are settings in another case. An exact match wins.
    /// </summary>
    public WebhookSettings? FindWebhook(string? name)
    {
        if (name is null)
        {
            return null;
        }

        if (Webhooks.TryGetValue(name, out var exact))
        {
            return exact;
        }

        var wanted = SettingName(name);
        return Webhooks.Where(w => SettingName(w.Key) == wanted).Select(w => w.Value).FirstOrDefault();
    }

    /// <summary>A name as it can be written in an environment variable: "-" as "_", in small letters.</summary>
    public static string SettingName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Replace('-', '_').ToLowerInvariant();
    }

    /// <summary>
    /// How long a process holds a page (or a summary page) it is sending; a page still without an answer after that
    /// is sent again, marked a possible duplicate. Must outlast the slowest send (<c>Outbound:SendTimeout</c> for a
    /// call, each webhook's <c>Timeout</c>); a page whose process died goes out this long after it was started.
    /// </summary>
    public TimeSpan NotificationLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Attempts at a webhook that keeps answering 5xx before the page counts as failed and the chain moves on.</summary>
    public int MaxWebhookAttempts { get; set; } = 8;

    /// <summary>First delay between webhook attempts; it doubles with jitter up to <see cref="WebhookRetryMaxDelay"/>.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pages and their replies may run for simulator (test) reports too; off by default, so tests never page real targets.</summary>
    public bool PageTestReports { get; set; }

    /// <summary>
    /// Pages to one person's target (SMS or voice) within <see cref="FloodWindow"/> beyond which further pages are
    /// held and sent as one summary page per <see cref="FloodSummaryInterval"/>; 0 turns this off. Webhooks are never
    /// held: a hotline's case system files each report.
    /// </summary>
    public int FloodThreshold { get; set; } = 5;

    /// <summary>The sliding window in which pages to a target are counted.</summary>
    public TimeSpan FloodWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How often a target in a flood gets a summary of the pages held for it; a held report waits at most this long.</summary>
    public TimeSpan FloodSummaryInterval { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Where a summary page sends the responder: the list of open reports (never a link that acknowledges).</summary>
    public string FloodListPath { get; set; } = "/api/reports?status=open";

    /// <summary>Cron schedule of the escalation watchdog (Hangfire recurring job); empty turns it off.</summary>
    public string WatchdogSchedule { get; set; } = "* * * * *";

    /// <summary>How late a step may be before the watchdog schedules it again (above Hangfire's invisibility timeout).</summary>
    public TimeSpan WatchdogGrace { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Repairs of one step after which the watchdog also raises an alert for it.</summary>
    public int WatchdogMaxRepairs { get; set; } = 3;

    /// <summary>Overdue reports the watchdog looks at in one run (the earliest first); the rest wait for the next run.</summary>
    public int WatchdogBatch { get; set; } = 1000;

    /// <summary>A watchdog that has not run for this long makes <c>/health/escalations</c> answer 503.</summary>
    public TimeSpan WatchdogStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often every process checks that the watchdog's recurring job is still registered, and registers it again if not.</summary>
    public TimeSpan WatchdogSelfCheck { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The configured webhook whose <see cref="WebhookSettings.Timeout"/> is the longest, if any.</summary>
    public KeyValuePair<string, WebhookSettings>? SlowestWebhook() =>
        Webhooks.Count == 0 ? null : Webhooks.MaxBy(w => w.Value.Timeout);

    public sealed class WebhookSettings
    {
        public Uri? Url { get; set; }

        public string? Secrets { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        public IReadOnlyList<string> SecretList() =>
            (Secrets ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
