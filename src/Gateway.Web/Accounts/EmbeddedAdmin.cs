using Gateway.Core.Accounts;

namespace Gateway.Web.Accounts;

/// <summary>
/// In the embedded default accounts live in memory and die with the process, so there is nothing for
/// <c>gateway accounts create-admin</c> to write to. Instead the gateway makes an organisation and an admin account
/// at every start and prints that admin's API key and console password in its start-up log, in embedded mode only. With Redis it does
/// nothing: the first admin is made with the CLI.
/// </summary>
public sealed partial class EmbeddedAdmin(IAccountStore accounts, AccountPasswords passwords, TimeProvider clock, ILogger<EmbeddedAdmin> logger) : IHostedService
{
    public const string OrganisationName = "Embedded gateway";
    public const string AccountName = "Local admin";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var organisation = await accounts.FindOrganisationByNameAsync(OrganisationName, cancellationToken);
        if (organisation is null)
        {
            organisation = new Organisation { Id = AccountIds.NewOrganisationId(), Name = OrganisationName, CreatedAt = now };
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
        LogKey(logger, key.Key);
        LogConsole(logger, account.Id, password);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: the admin API key of this run is {ApiKey} (send it as \"Authorization: Bearer <key>\" to /api/accounts and /api/organisations). Accounts live in memory: this key and every account made with it are forgotten when the process stops. With Redis, make the first admin with `gateway accounts create-admin`.")]
    private static partial void LogKey(ILogger logger, string apiKey);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: sign in to the console at /console as account {AccountId} with the password {Password} (forgotten when the process stops).")]
    private static partial void LogConsole(ILogger logger, string accountId, string password);
}
