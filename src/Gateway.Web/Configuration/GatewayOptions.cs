namespace Gateway.Web.Configuration;

/// <summary>The "Gateway" configuration section (environment: Gateway__FlowsPath, …).</summary>
public sealed class GatewayOptions
{
    public const string Section = "Gateway";

    /// <summary>The flows folder; by default flows/ in the content root or the nearest folder above it.</summary>
    public string? FlowsPath { get; set; }

    /// <summary>The localization folder; by default localization/ beside flows/.</summary>
    public string? LocalizationPath { get; set; }

    /// <summary>
    /// The URL the provider calls, without a trailing slash (e.g. https://gateway.example.org): signatures are
    /// computed over it, so it must be right behind a proxy. Without it the request's own URL is used.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The proxies whose X-Forwarded-For and X-Forwarded-Proto are believed: IP addresses or networks separated by
    /// commas (e.g. <c>10.0.0.2, 172.18.0.0/16</c>). Empty (the default): none, whoever sends them.
    /// </summary>
    public string? TrustedProxies { get; set; }

    /// <summary>Base64, at least 32 bytes: keys contact ids (HMAC) and sealed data (AES-GCM). Required with Redis.</summary>
    public string? DataKey { get; set; }

    /// <summary>Lets the embedded default start with real Twilio credentials (nothing it stores is durable).</summary>
    public bool AllowEmbeddedWithRealCredentials { get; set; }

    /// <summary>How long an idle conversation's session is kept.</summary>
    public TimeSpan SessionTtl { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How long provider message ids are remembered (providers retry webhooks).</summary>
    public TimeSpan DedupeWindow { get; set; } = TimeSpan.FromHours(48);

    /// <summary>Where messages are journaled while Redis cannot be reached; by default data/journal in the content root.</summary>
    public string? JournalPath { get; set; }

    /// <summary>How often journaled messages are offered to Redis again.</summary>
    public TimeSpan JournalReplayInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Largest webhook body accepted, in bytes.</summary>
    public long MaxWebhookBytes { get; set; } = 64 * 1024;
}

/// <summary>The "Twilio" configuration section.</summary>
public sealed class TwilioOptions
{
    public const string Section = "Twilio";

    public string? AccountSid { get; set; }

    public string? AuthToken { get; set; }

    public string? FromNumber { get; set; }

    public string? MessagingServiceSid { get; set; }

    /// <summary>
    /// The number pages to responders go out from (E.164). It should not be the public number, so that a
    /// responder's STOP never silences the public line; when unset, pages use the public sender and the gateway
    /// warns at start-up.
    /// </summary>
    public string? PagingNumber { get; set; }

    public string ApiBaseUrl { get; set; } = "https://api.twilio.com";

    /// <summary>True for credentials that look like a live account's (AC + 32 hex digits, and a token).</summary>
    public bool LooksReal =>
        !string.IsNullOrEmpty(AuthToken)
        && AccountSid is { Length: 34 } sid
        && sid.StartsWith("AC", StringComparison.Ordinal)
        && sid[2..].All(char.IsAsciiHexDigit);
}
