namespace Gateway.Web.Outbound;

/// <summary>The "Outbound" configuration section (environment: Outbound__AllowedCountries, …).</summary>
public sealed class OutboundOptions
{
    public const string Section = "Outbound";

    /// <summary>ISO 3166 alpha-2 codes, comma-separated: the only countries the gateway texts (a guard against SMS pumping).</summary>
    public string AllowedCountries { get; set; } = "TH,KH,LA,VN,MM";

    /// <summary>Messages one contact may be sent in a UTC day; more are refused and operators alerted.</summary>
    public int MaxPerContactPerDay { get; set; } = 10;

    /// <summary>Messages the whole gateway may send in a UTC day; more are refused and operators alerted.</summary>
    public int MaxPerDay { get; set; } = 1000;

    /// <summary>Attempts before a message that keeps meeting 429s, 5xx or timeouts is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first wait before a retry; it doubles with every attempt, with jitter.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a process holds a message it is sending; must outlast <see cref="SendTimeout"/>, or a slow send would
    /// be sent again by another process while it runs. A message whose process died is sent again once it ends, so it
    /// is also how late such a message goes out (docs/operations.md, "Recovery after a process dies").
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one call to Twilio (an SMS, or a call a page or a call-back places) may take before it counts as a
    /// timeout and is retried. Twilio answers within a second or two; half the lease leaves room for the writes around it.
    /// </summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the worker looks for messages due; a message enqueued in this process wakes it at once.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Messages sent at the same time by one process.</summary>
    public int Concurrency { get; set; } = 4;

    /// <summary>False for a process that only takes webhooks: the messages it records are sent by the others.</summary>
    public bool WorkerEnabled { get; set; } = true;

    /// <summary>How long sent, failed and refused messages are kept for operators.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Required as the X-Admin-Key header by /api/outbound when set. Without it /api/outbound is served only in the
    /// embedded default, until the console's sign-in protects it.
    /// </summary>
    public string? AdminApiKey { get; set; }

    /// <summary>
    /// Whether the gateway may text or call <paramref name="number"/> (E.164): its country, from the prefix, is one of
    /// <see cref="AllowedCountries"/>. The same check guards SMS, pages and call-backs.
    /// </summary>
    public bool Allows(string number, out string? country)
    {
        country = Infrastructure.Phones.PhoneNumbers.RegionOf(number);
        return country is not null && AllowedCountryCodes().Contains(country);
    }

    public IReadOnlySet<string> AllowedCountryCodes() =>
        AllowedCountries.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant())
            .ToHashSet(StringComparer.Ordinal);
}
