using System.Security.Claims;
using Gateway.Core.Accounts;

namespace Gateway.Web.Accounts;

/// <summary>
/// The claims a signed-in account carries: its id (<see cref="ClaimTypes.NameIdentifier"/>), its organisation's id
/// (<see cref="Organisation"/>, "org"), its role's lowercase name (<see cref="ClaimTypes.Role"/>) and its display name
/// (<see cref="ClaimTypes.Name"/>). Endpoints behind an <see cref="AccountPolicies"/> policy can read them with
/// <c>user.AccountId()</c>, <c>user.OrganisationId()</c> and <c>user.Role()</c>.
/// </summary>
public static class AccountClaims
{
    public const string Organisation = "org";

    /// <summary>"true" when the account's organisation is an operation centre that sees every report (<see cref="OperatorClaims"/>).</summary>
    public const string SeesAllReports = "sees_all_reports";

    /// <summary>The id of the API key the account signed in with.</summary>
    public const string ApiKeyId = "api_key_id";

    public static ClaimsIdentity Identity(Account account, string authenticationType)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ClaimsIdentity(
        [
            new Claim(ClaimTypes.NameIdentifier, account.Id),
            new Claim(Organisation, account.OrganisationId),
            new Claim(ClaimTypes.Role, account.Role.Name()),
            new Claim(ClaimTypes.Name, account.Name),
            new Claim(ApiKeyId, account.ApiKeyId),
        ], authenticationType, ClaimTypes.Name, ClaimTypes.Role);
    }

    /// <summary>The signed-in account's id; throws when no account is signed in (use it behind a policy).</summary>
    public static string AccountId(this ClaimsPrincipal user) => Required(user, ClaimTypes.NameIdentifier);

    /// <summary>The signed-in account's organisation id; throws when no account is signed in (use it behind a policy).</summary>
    public static string OrganisationId(this ClaimsPrincipal user) => Required(user, Organisation);

    /// <summary>The signed-in account's role; throws when no account is signed in (use it behind a policy).</summary>
    public static Role Role(this ClaimsPrincipal user) =>
        Roles.TryParse(Required(user, ClaimTypes.Role), out var role) ? role : throw new InvalidOperationException("The signed-in account's role claim is not a role.");

    /// <summary>True when the signed-in account may act for <paramref name="account"/>: it is that account, or an admin of its organisation.</summary>
    public static bool MayManage(this ClaimsPrincipal user, Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return user.AccountId() == account.Id || (user.OrganisationId() == account.OrganisationId && user.Role() == Core.Accounts.Role.Admin);
    }

    private static string Required(ClaimsPrincipal user, string type)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.FindFirst(type)?.Value ?? throw new InvalidOperationException($"No account is signed in (no {type} claim): put the endpoint behind one of the AccountPolicies.");
    }
}
