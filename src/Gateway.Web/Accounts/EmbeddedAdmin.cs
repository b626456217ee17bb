using Gateway.Core.Accounts;

namespace Gateway.Web.Accounts;

/// <summary>
/// In the embedded default accounts live in memory and die with the process, so there is nothing for
/// <c>gateway accounts create-admin</c> to write to. Instead the gateway makes an organisation and an admin account
/// at every start, and the start-up banner (<see cref="Configuration.StartupBanner"/>) prints that admin's console
/// password and API key, in embedded mode only. The organisation is an operation centre
/// (<see cref="Organisation.SeesAllReports"/>): the person trying the gateway sees the SOS they just sent from the
/// simulator. With Redis nothing is made here: the first admin is made with the CLI.
/// </summary>
public sealed class EmbeddedAdmin(IAccountStore accounts, AccountPasswords passwords, TimeProvider clock)
{
    public const string OrganisationName = "Embedded gateway";
    public const string AccountName = "Local admin";

    /// <summary>The local admin of this run: its account id, console password and API key, shown once at start-up.</summary>
    public sealed record Credentials(string AccountId, string Password, string ApiKey);

    public async Task<Credentials> CreateAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var organisation = await accounts.FindOrganisationByNameAsync(OrganisationName, cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation { Id = AccountIds.NewOrganisationId(), Name = OrganisationName, SeesAllReports = true, CreatedAt = now };
            await accounts.CreateOrganisationAsync(organisation, cancellationToken);
        }

        var key = ApiKeys.New();
        var account = new Account
        {
            Id = AccountIds.NewAccountId(),
            OrganisationId = organisation.Id,
            Name = AccountName,
            Role = Role.Admin,
            ApiKeyId = key.KeyId,
            ApiKeyHash = key.Hash,
            CreatedAt = now,
        };
        // Random base32: far above the password policy, which it is checked against like any other password.
        string password;
        do
        {
            password = ApiKeys.New().Key[^16..];
        }
        while (AccountPasswords.Problem(password, account.Id, AccountName, OrganisationName) is not null);

        account = await accounts.CreateAccountAsync(account with { PasswordHash = passwords.Hash(account, password) }, cancellationToken);
        return new Credentials(account.Id, password, key.Key);
    }
}
