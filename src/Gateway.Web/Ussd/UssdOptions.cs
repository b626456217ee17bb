namespace Gateway.Web.Ussd;

/// <summary>
/// The "Ussd" configuration section (environment: Ussd__SharedSecret, …). The USSD endpoints answer only a caller
/// that shows the shared secret and/or comes from an allowed network; with neither set they answer loopback only
/// in the embedded default, and are not served at all with Redis.
/// </summary>
public sealed class UssdOptions
{
    public const string Section = "Ussd";

    /// <summary>
    /// Unset: served when protected (always in the embedded default, loopback only there without protection).
    /// <c>false</c>: never served. <c>true</c>: served, and the gateway refuses to start when nothing protects it.
    /// </summary>
    public bool? Enabled { get; set; }

    /// <summary>A secret the provider sends with every request, in the query (<see cref="SecretQuery"/>) or a header.</summary>
    public string? SharedSecret { get; set; }

    /// <summary>The query parameter that may carry the secret: put it in the callback URL given to the provider.</summary>
    public string SecretQuery { get; set; } = "key";

    /// <summary>The header that may carry the secret, for providers that can send one.</summary>
    public string SecretHeader { get; set; } = "X-Gateway-Key";

    /// <summary>Networks the provider calls from, as CIDRs separated by commas (e.g. "196.201.214.0/24, 2001:db8::/32").</summary>
    public string? AllowedNetworks { get; set; }

    /// <summary>
    /// How long the gateway may take before it gives up on the store and answers with the hotlines: providers
    /// close a session whose answer takes more than about 10 seconds.
    /// </summary>
    public TimeSpan AnswerWithin { get; set; } = TimeSpan.FromSeconds(8);

    public bool HasSecret => !string.IsNullOrEmpty(SharedSecret);

    public bool HasAllowList => !string.IsNullOrWhiteSpace(AllowedNetworks);
}
