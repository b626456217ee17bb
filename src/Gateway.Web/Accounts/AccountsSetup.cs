using Gateway.Core.Accounts;
using Gateway.Web.Configuration;

namespace Gateway.Web.Accounts;

/// <summary>
/// What accounts add to the host: API-key sign-in, the four role policies, responder number verification, and in
/// the embedded default a local admin made at start-up. The store itself is added with the others
/// (<see cref="GatewaySetup.AddGatewayStorage"/>).
/// </summary>
public static class AccountsSetup
{
    public static WebApplicationBuilder AddGatewayAccounts(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddAuthentication(ApiKeyAuthentication.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);

        var authorization = builder.Services.AddAuthorizationBuilder();
        foreach (var role in Roles.All)
        {
            authorization.AddPolicy(AccountPolicies.For(role), policy => policy
                .AddAuthenticationSchemes(ApiKeyAuthentication.SchemeName)
                .RequireAuthenticatedUser()
                .RequireRole(Roles.Allowing(role).Select(r => r.Name())));
        }

        builder.Services.AddSingleton<ResponderNumbers>();
        if (builder.Configuration.IsEmbedded())
        {
            builder.Services.AddHostedService<EmbeddedAdmin>();
        }

        return builder;
    }
}
