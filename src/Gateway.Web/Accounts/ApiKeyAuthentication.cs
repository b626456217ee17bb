using System.Security.Claims;
using System.Text.Encodings.Web;
using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Accounts;

/// <summary>
/// Signs an account in by its API key, sent as <c>Authorization: Bearer gw_…</c> or as the <c>X-Api-Key</c> header.
/// A request without a key is anonymous (401 where a policy asks for an account); a malformed, unknown or wrong key,
/// or a disabled account, is refused with 401 and a JSON error, and logged by key id only; a role that does not
/// allow the endpoint gets 403.
/// </summary>
public sealed partial class ApiKeyAuthentication(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory loggerFactory,
    UrlEncoder encoder,
    IAccountStore accounts) : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string raw;
        var authorization = Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && authorization[7..].TrimStart().StartsWith(ApiKeys.Prefix, StringComparison.Ordinal))
        {
            raw = authorization[7..];
        }
        else if (Request.Headers.TryGetValue(Header, out var header))
        {
            raw = header.ToString();
        }
        else
        {
            // No key of ours (a bearer token of another kind is for another scheme).
            return AuthenticateResult.NoResult();
        }

        if (!ApiKeys.TryParse(raw, out var key))
        {
            LogRefused(Logger, "-", "malformed");
            return AuthenticateResult.Fail("The API key is not one the gateway issues (gw_ followed by its id, '_' and its secret).");
        }

        var account = await accounts.FindByApiKeyIdAsync(key.KeyId, Context.RequestAborted);
        if (account is null || !ApiKeys.Verify(key, account.ApiKeyHash))
        {
            LogRefused(Logger, key.KeyId, account is null ? "unknown_key" : "wrong_secret");
            return AuthenticateResult.Fail("The API key is wrong, or was replaced by a newer one.");
        }

        if (account.Disabled)
        {
            LogRefused(Logger, key.KeyId, "disabled");
            return AuthenticateResult.Fail("This account is disabled; ask an admin of your organisation.");
        }

        var principal = new ClaimsPrincipal(AccountClaims.Identity(account, SchemeName));
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer realm=\"gateway\"";
        await Response.WriteAsJsonAsync(new ApiError(result.Failure?.Message
            ?? $"This needs an account: send its API key as \"Authorization: Bearer gw_…\" or in the {Header} header."));
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var role = Context.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
        await Response.WriteAsJsonAsync(new ApiError($"Your account's role ({role}) does not allow this."));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "API key sign-in refused for key {KeyId}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string keyId, string reason);
}

/// <summary>The body of every error the accounts API answers: one sentence for the person reading it.</summary>
public sealed record ApiError(string Error);
