namespace Gateway.Web.Reports;

/// <summary>The "Escalation" configuration section: where webhooks go and how pages are paced.</summary>
public sealed class EscalationOptions
{
    public const string Section = "Escalation";

    /// <summary>
    /// Webhook targets by the name flows/escalation.yaml gives them; URL and secrets live in settings, never in git.
    /// <c>Escalation__Webhooks__th-1300__Url</c>, <c>Escalation__Webhooks__th-1300__Secrets</c> (comma-separated while a secret rotates).
    /// </summary>
    public Dictionary<string, WebhookSettings> Webhooks { get; init; } = new(StringComparer.Ordinal);

    /// <summary>How long a process holds a page it is sending; a page still without an answer after that is sent again, marked a possible duplicate.</summary>
    public TimeSpan NotificationLease { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Attempts at a webhook that keeps answering 5xx before the page counts as failed and the chain moves on.</summary>
    public int MaxWebhookAttempts { get; set; } = 8;

    /// <summary>First delay between webhook attempts; it doubles with jitter up to <see cref="WebhookRetryMaxDelay"/>.</summary>
    public TimeSpan WebhookRetryBaseDelay { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan WebhookRetryMaxDelay { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Pages and their replies may run for simulator (test) reports too; off by default, so tests never page real targets.</summary>
    public bool PageTestReports { get; set; }

    public sealed class WebhookSettings
    {
        public Uri? Url { get; set; }

        public string? Secrets { get; set; }

        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

        public IReadOnlyList<string> SecretList() =>
            (Secrets ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
