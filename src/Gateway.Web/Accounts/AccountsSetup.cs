using Gateway.Core.Accounts;
using Gateway.Web.Configuration;

namespace Gateway.Web.Accounts;

/// <summary>
/// What accounts add to the host: API-key sign-in (and the console's cookie beside it), the four role policies, responder number verification, and in
/// the embedded default a local admin made at start-up (by <see cref="StartupBanner"/>, which prints how to sign in). The store itself is added with the others
/// (<see cref="GatewaySetup.AddGatewayStorage"/>).
/// </summary>
public static class AccountsSetup
{
    public static WebApplicationBuilder AddGatewayAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // API keys everywhere but the console's paths, where the console's cookie signs in (ConsoleAuthentication).
        builder.Services.AddAuthentication(OperatorConsole.ConsoleAuthentication.Selector)
            .AddPolicyScheme(OperatorConsole.ConsoleAuthentication.Selector, null, selector => selector.ForwardDefaultSelector = OperatorConsole.ConsoleAuthentication.SchemeFor)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null)
            .AddCookie(OperatorConsole.ConsoleAuthentication.SchemeName, OperatorConsole.ConsoleAuthentication.Configure);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(AccountPolicies.For(role), policy => policy
                .AddAuthenticationSchemes(OperatorConsole.ConsoleAuthentication.Selector)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Allowing(role).Select(r => r.Name())));
        }

        builder.Services.AddTransient<Microsoft.AspNetCore.Authentication.IClaimsTransformation, OperatorClaims>();
        builder.Services.AddSingleton<ResponderNumbers>();
        builder.Services.AddSingleton<AccountPasswords>();
        if (builder.Configuration.IsEmbedded())
        {
            builder.Services.AddSingleton<EmbeddedAdmin>();
        }

        return builder;
    }
}
