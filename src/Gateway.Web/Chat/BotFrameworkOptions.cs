using Gateway.Channels.BotFramework;

namespace Gateway.Web.Chat;

/// <summary>The "BotFramework" configuration section (environment: BotFramework__AppId, …): chat through Azure Bot Service.</summary>
public sealed class BotFrameworkOptions
{
    public const string Section = "BotFramework";

    /// <summary>The Azure Bot resource's Microsoft App ID: the audience of the channels' tokens and our client id.</summary>
    public string? AppId { get; set; }

    /// <summary>The app's client secret, for the gateway's own token to the connector.</summary>
    public string? AppPassword { get; set; }

    /// <summary>Where the channels' signing keys are published.</summary>
    public string OpenIdMetadataUrl { get; set; } = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>The issuer of the channels' tokens.</summary>
    public string Issuer { get; set; } = "https://api.botframework.com";

    /// <summary>The OAuth token endpoint for the client-credentials grant (a single-tenant bot names its own tenant here).</summary>
    public string TokenEndpoint { get; set; } = BotAppCredentials.DefaultTokenEndpoint;

    public string Scope { get; set; } = BotAppCredentials.DefaultScope;

    /// <summary>Largest activity accepted, in bytes.</summary>
    public long MaxActivityBytes { get; set; } = 256 * 1024;

    /// <summary>How long one post to the connector may take.</summary>
    public TimeSpan SendTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per reply when the connector answers 429, 5xx or not at all.</summary>
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>The first wait before another attempt; it doubles each time (the connector's Retry-After wins).</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>
    /// All the time one inbound activity's replies may take, retries included: channels expect an answer to their
    /// POST within 15 seconds, and the replies are sent before it.
    /// </summary>
    public TimeSpan ReplyBudget { get; set; } = TimeSpan.FromSeconds(10);

    public bool IsConfigured => !string.IsNullOrWhiteSpace(AppId);

    /// <summary>True for an app registration's credentials (the app id is a GUID, and a secret is set).</summary>
    public bool LooksReal => Guid.TryParse(AppId, out _) && !string.IsNullOrEmpty(AppPassword);
}
