using System.Security.Claims;
using Gateway.Core.Accounts;
using Microsoft.AspNetCore.Authentication;

namespace Gateway.Web.Accounts;

/// <summary>
/// Adds <see cref="AccountClaims.SeesAllReports"/> to a signed-in account, read from its organisation at every
/// request (API key or console cookie alike), so an organisation made an operation centre, or no longer one, counts
/// at once without signing anyone out. The value is "true" or "false": a principal that has the claim was read already.
/// </summary>
public sealed class OperatorClaims(IAccountStore accounts) : IClaimsTransformation
{
    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.HasClaim(c => c.Type == AccountClaims.SeesAllReports) || principal.FindFirst(AccountClaims.Organisation)?.Value is not { } organisationId)
        {
            return principal;
        }

        var organisation = await accounts.FindOrganisationAsync(organisationId);
        var transformed = principal.Clone();
        var identity = (ClaimsIdentity)transformed.Identity!;
        identity.AddClaim(new Claim(AccountClaims.SeesAllReports, organisation is { SeesAllReports: true } ? "true" : "false"));
        return transformed;
    }
}
