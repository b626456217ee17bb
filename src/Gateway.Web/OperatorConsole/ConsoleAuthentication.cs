using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace Gateway.Web.OperatorConsole;

/// <summary>
/// The console's sign-in: a cookie (HttpOnly, SameSite=Strict, eight hours, sliding; Secure when the gateway is
/// reached over https, see <see cref="Configuration.TransportSecurity"/>) that carries the same claims
/// as an API key (<see cref="AccountClaims"/>), so the four <see cref="AccountPolicies"/> serve both. Requests to
/// <c>/console</c> and <c>/simulator</c> are signed in by the cookie, every other path by API key only
/// (<see cref="Selector"/>), so a browser's cookie never works the JSON API and an API key never opens the console.
/// Each request re-reads the account: a disabled account, a changed role or a new password ends the session.
/// </summary>
public static class ConsoleAuthentication
{
    /// <summary>The cookie scheme.</summary>
    public const string SchemeName = "Console";

    /// <summary>The scheme the policies name: it forwards to the cookie or to the API key by path.</summary>
    public const string Selector = "Account";

    public const string CookieName = "gw_console";

    public const string SignInPath = "/console/sign-in";

    /// <summary>A short fingerprint of the password hash: a new password signs out every other session.</summary>
    public const string PasswordStampClaim = "pwd_stamp";

    /// <summary>The paths a console cookie signs in.</summary>
    public static bool UsesCookie(PathString path) => path.StartsWithSegments("/console") || path.StartsWithSegments("/simulator");

    public static string SchemeFor(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return UsesCookie(context.Request.Path) ? SchemeName : ApiKeyAuthentication.SchemeName;
    }

    public static ClaimsPrincipal Principal(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = AccountClaims.Identity(account, SchemeName);
        identity.AddClaim(new Claim(PasswordStampClaim, Stamp(account)));
        return new ClaimsPrincipal(identity);
    }

    public static string Stamp(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(account.PasswordHash ?? string.Empty)))[..16];
    }

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.Cookie.Path = "/";
        options.LoginPath = SignInPath;
        options.LogoutPath = "/console/sign-out";
        options.ExpireTimeSpan = TimeSpan.FromHours(8);
        options.SlidingExpiration = true;
        options.Events = new CookieAuthenticationEvents
        {
            OnValidatePrincipal = ValidateAsync,
            OnRedirectToLogin = context =>
            {
                // Pages send people to sign in; scripts and forms get a plain 401.
                if (HttpMethods.IsGet(context.Request.Method) && !context.Request.Path.StartsWithSegments("/console/live"))
                {
                    context.Response.Redirect(context.RedirectUri);
                }
                else
                {
                    context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                }

                return Task.CompletedTask;
            },
            OnRedirectToAccessDenied = async context =>
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                context.Response.ContentType = "text/plain; charset=utf-8";
                var role = context.HttpContext.User.FindFirst(ClaimTypes.Role)?.Value ?? "none";
                await context.Response.WriteAsync($"Your account's role ({role}) does not allow this. Ask an admin of your organisation.");
            },
        };
    }

    private static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var id = principal?.FindFirst(ClaimTypes.NameIdentifier)?.Value;
        var store = context.HttpContext.RequestServices.GetRequiredService<IAccountStore>();
        var account = id is null ? null : await store.FindAccountAsync(id, context.HttpContext.RequestAborted);
        if (account is null || account.Disabled
            || principal!.FindFirst(ClaimTypes.Role)?.Value != account.Role.Name()
            || principal.FindFirst(AccountClaims.Organisation)?.Value != account.OrganisationId
            || principal.FindFirst(PasswordStampClaim)?.Value != Stamp(account))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(SchemeName);
        }
    }
}
