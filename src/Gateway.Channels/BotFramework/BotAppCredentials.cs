namespace Gateway.Channels.BotFramework;

/// <summary>
/// The bot's app registration, as the OAuth client-credentials grant needs it: app id and secret, the token
/// endpoint (by default <c>https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token</c>) and the scope
/// (<c>https://api.botframework.com/.default</c>).
/// </summary>
public sealed record BotAppCredentials(string AppId, string AppPassword, Uri TokenEndpoint, string Scope)
{
    public const string DefaultTokenEndpoint = "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token";

    public const string DefaultScope = "https://api.botframework.com/.default";

    /// <summary>The secret is never printed.</summary>
    public override string ToString() => $"BotAppCredentials {{ AppId = {AppId}, TokenEndpoint = {TokenEndpoint}, Scope = {Scope} }}";
}
