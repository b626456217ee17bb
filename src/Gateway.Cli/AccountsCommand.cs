using Gateway.Core.Accounts;
using Gateway.Infrastructure.Stores.Redis;
using StackExchange.Redis;
using Role = Gateway.Core.Accounts.Role;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway accounts create-admin</c>: makes the first admin of an organisation (and the organisation, when no
/// organisation has that name) in the gateway's Redis, and prints the admin's API key and console password once.
/// With <c>--operator</c> the new organisation is an operation centre that sees every report, with no id to copy
/// into <c>Reports__OperatorOrganisations</c>. It needs Redis: the embedded gateway keeps accounts in memory, and
/// makes a local admin of its own at every start instead.
/// </summary>
public static class AccountsCommand
{
    /// <summary>The variable the gateway host reads its Redis connection string from.</summary>
    public const string RedisVariable = "ConnectionStrings__Redis";

    public const string NoRedis = $"""
        accounts create-admin writes to the gateway's Redis: give its connection string with --redis, or set
        {RedisVariable} as for the gateway itself.
        A gateway started without Redis (the embedded default) keeps accounts in memory only, so an admin made
        here could never reach it. Instead, the embedded gateway makes a local admin at every start and prints
        that admin's API key in its start-up log ("EMBEDDED MODE: the admin API key of this run is gw_…");
        the key is forgotten when it stops.
        """;

    public static int CreateAdmin(CliOptions options, TextWriter output, TextWriter error, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(environment);
        var organisationName = Required(options, "--organisation", "the organisation's name");
        var name = Required(options, "--name", "the admin's display name (e.g. \"Hotline desk\"; nothing more personal)");
        var countries = (options["--countries"] ?? string.Empty)
            .Split([',', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.ToUpperInvariant())
            .ToList();
        if (countries.Find(c => c.Length != 2 || !c.All(char.IsAsciiLetterUpper)) is { } bad)
        {
            throw new CliException($"--countries takes ISO 3166 codes such as TH,KH; \"{bad}\" is not one.");
        }

        var connection = options["--redis"] ?? environment(RedisVariable);
        if (string.IsNullOrWhiteSpace(connection))
        {
            error.WriteLine("gateway: " + NoRedis);
            return 2;
        }

        ConnectionMultiplexer redis;
        try
        {
            var configuration = ConfigurationOptions.Parse(connection);
            configuration.AbortOnConnectFail = true;
            configuration.ConnectTimeout = 5000;
            redis = ConnectionMultiplexer.Connect(configuration);
        }
        catch (Exception e) when (e is RedisConnectionException or ArgumentException)
        {
            // Never the connection string itself: it may hold the password.
            error.WriteLine($"gateway: Redis does not answer ({e.GetType().Name}). Check the host, port and password in --redis or {RedisVariable}.");
            return 1;
        }

        using (redis)
        {
            return CreateAsync(new RedisAccountStore(redis), organisationName, name, countries, options.Has("--operator"), output, error).GetAwaiter().GetResult();
        }
    }

    private static async Task<int> CreateAsync(RedisAccountStore store, string organisationName, string name, List<string> countries, bool seesAllReports, TextWriter output, TextWriter error)
    {
        var now = DateTimeOffset.UtcNow;
        var organisation = await store.FindOrganisationByNameAsync(organisationName);
        var created = organisation is null;
        if (organisation is null)
        {
            organisation = new Organisation { Id = AccountIds.NewOrganisationId(), Name = organisationName, Countries = countries, SeesAllReports = seesAllReports, CreatedAt = now };
            await store.CreateOrganisationAsync(organisation);
        }
        else if (seesAllReports && !organisation.SeesAllReports)
        {
            error.WriteLine($"gateway: the organisation \"{organisation.Name}\" ({organisation.Id}) exists already and sees only its own reports; --operator makes a new");
            error.WriteLine($"operation centre. Give another name, or let this one see every report by adding {organisation.Id} to Reports__OperatorOrganisations.");
            return 1;
        }

        var key = ApiKeys.New();
        var password = ConsolePassword.New();
        var admin = new Account
        {
            Id = AccountIds.NewAccountId(),
            OrganisationId = organisation.Id,
            Name = name,
            Role = Role.Admin,
            ApiKeyId = key.KeyId,
            ApiKeyHash = key.Hash,
            CreatedAt = now,
        };
        var account = await store.CreateAccountAsync(admin with { PasswordHash = ConsolePassword.Hash(admin, password) });

        output.WriteLine($"organisation  {organisation.Name} ({organisation.Id}){(created ? ", created" : ", exists already")}{(organisation.SeesAllReports ? "; an operation centre: sees every report" : "; sees its own reports")}");
        output.WriteLine($"admin         {account.Name} ({account.Id}), API key id {account.ApiKeyId}");
        output.WriteLine();
        output.WriteLine("API key (shown this once; the gateway keeps only its hash):");
        output.WriteLine();
        output.WriteLine("    " + key.Key);
        output.WriteLine();
        output.WriteLine("Keep it safe: store it in a password manager or secret store now, and never in a file that git tracks");
        output.WriteLine("or in a chat. Anyone holding it is this organisation's admin. Send it as \"Authorization: Bearer <key>\"");
        output.WriteLine("(or the X-Api-Key header). If it is lost or leaked, make another admin with this command and disable");
        output.WriteLine($"this one (POST /api/accounts/{account.Id}/disable), or rotate it (POST /api/accounts/{account.Id}/key).");
        output.WriteLine();
        output.WriteLine($"Console: sign in at /console as {account.Id} with the password {password}");
        output.WriteLine("(printed this once too; change it at /console/account after signing in).");
        return 0;
    }

    private static string Required(CliOptions options, string option, string what)
    {
        var value = options[option]?.Trim();
        if (string.IsNullOrEmpty(value) || value.Length > 100)
        {
            throw new CliException($"{option} must give {what}, 1 to 100 characters.");
        }

        return value;
    }
}
