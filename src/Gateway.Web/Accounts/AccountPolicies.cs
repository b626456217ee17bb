using Gateway.Core.Accounts;

namespace Gateway.Web.Accounts;

/// <summary>
/// Authorization policies by the role they need: <c>.RequireAuthorization(AccountPolicies.Responder)</c> admits
/// every account whose role <see cref="Roles.Allows"/> responder (responders and admins). Each signs in with an API
/// key (<see cref="ApiKeyAuthentication"/>); no key or a wrong one gets 401, a role that does not allow it 403.
/// </summary>
public static class AccountPolicies
{
    public const string Viewer = "viewer";
    public const string Responder = "responder";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>The policy's name for each role.</summary>
    public static string For(Role role) => role.Name();
}
