using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Infrastructure.Stores.Redis;

namespace Gateway.Cli.Tests;

/// <summary><c>gateway accounts create-admin</c> against the test Redis.</summary>
public class AccountsCommandFacts
{
    private static readonly Regex KeyPattern = new("gw_[a-z2-7]{8}_[a-z2-7]{32}");

    private static (int Code, string Output, string Error) Run(Func<string, string?> environment, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(args, new StringReader(string.Empty), output, error, environment: environment);
        return (code, output.ToString(), error.ToString());
    }

    private static string? NoEnvironment(string name) => null;

    private static string Redis()
    {
        _ = RedisTestServer.Multiplexer;
        return RedisTestServer.Endpoint;
    }

    [Fact]
    public async Task CreateAdmin_MakesTheOrganisationAndAnAdmin_AndPrintsAKeyThatVerifiesOnce()
    {
        var organisation = "Hope Shelter " + Guid.NewGuid().ToString("N")[..8];

        var (code, output, error) = Run(NoEnvironment, "accounts", "create-admin", "--organisation", organisation, "--name", "Hotline desk", "--countries", "th,KH", "--redis", Redis());

        Assert.Equal(0, code);
        Assert.Empty(error);
        var key = Assert.Single(KeyPattern.Matches(output)).Value;
        Assert.Contains("shown this once", output, StringComparison.Ordinal);
        Assert.Contains("Keep it safe", output, StringComparison.Ordinal);
        Assert.Contains(", created", output, StringComparison.Ordinal);
        Assert.True(ApiKeys.TryParse(key, out var parsed));
        var store = new RedisAccountStore(RedisTestServer.Multiplexer);
        var account = await store.FindByApiKeyIdAsync(parsed.KeyId);
        Assert.NotNull(account);
        Assert.True(ApiKeys.Verify(parsed, account.ApiKeyHash));
        Assert.Equal(Role.Admin, account.Role);
        Assert.Equal("Hotline desk", account.Name);
        var stored = await store.FindOrganisationAsync(account.OrganisationId);
        Assert.Equal(organisation, stored!.Name);
        Assert.Equal(["TH", "KH"], stored.Countries);
    }

    [Fact]
    public async Task CreateAdmin_ForAnOrganisationThatExists_AddsAnotherAdminToIt()
    {
        var organisation = "Mekong Outreach " + Guid.NewGuid().ToString("N")[..8];
        var first = Run(NoEnvironment, "accounts", "create-admin", "--organisation", organisation, "--name", "Day desk", "--redis", Redis());

        // The connection string can come from the variable the gateway host reads.
        var second = Run(name => name == "ConnectionStrings__Redis" ? Redis() : null, "accounts", "create-admin", "--organisation", organisation.ToUpperInvariant(), "--name", "Night desk");

        Assert.Equal(0, first.Code);
        Assert.Equal(0, second.Code);
        Assert.Contains("exists already", second.Output, StringComparison.Ordinal);
        var store = new RedisAccountStore(RedisTestServer.Multiplexer);
        var stored = await store.FindOrganisationByNameAsync(organisation);
        Assert.Equal(["Day desk", "Night desk"], (await store.ListAccountsAsync(stored!.Id)).Select(a => a.Name));
        Assert.NotEqual(KeyPattern.Match(first.Output).Value, KeyPattern.Match(second.Output).Value);
    }

    [Fact]
    public async Task CreateAdmin_WithOperator_MakesAnOperationCentre_AndWillNotPromoteAnOrganisationThatExists()
    {
        var centre = "Operation centre " + Guid.NewGuid().ToString("N")[..8];
        var partner = "Partner NGO " + Guid.NewGuid().ToString("N")[..8];
        _ = Run(NoEnvironment, "accounts", "create-admin", "--organisation", partner, "--name", "Desk", "--redis", Redis());

        var made = Run(NoEnvironment, "accounts", "create-admin", "--organisation", centre, "--name", "Duty desk", "--operator", "--redis", Redis());
        var refused = Run(NoEnvironment, "accounts", "create-admin", "--organisation", partner, "--name", "Night desk", "--operator", "--redis", Redis());

        Assert.Equal(0, made.Code);
        Assert.Contains("sees every report", made.Output, StringComparison.Ordinal);
        var store = new RedisAccountStore(RedisTestServer.Multiplexer);
        Assert.True((await store.FindOrganisationByNameAsync(centre))!.SeesAllReports);
        var stored = await store.FindOrganisationByNameAsync(partner);
        Assert.False(stored!.SeesAllReports);
        Assert.Equal(1, refused.Code);
        Assert.Empty(refused.Output);
        Assert.Contains("exists already and sees only its own reports", refused.Error, StringComparison.Ordinal);
        Assert.Contains(stored.Id, refused.Error, StringComparison.Ordinal);
        Assert.Equal(["Desk"], (await store.ListAccountsAsync(stored.Id)).Select(a => a.Name));
    }

    [Fact]
    public void CreateAdmin_WithoutRedis_ExplainsThatTheEmbeddedGatewayPrintsItsOwnKey()
    {
        var (code, output, error) = Run(NoEnvironment, "accounts", "create-admin", "--organisation", "Hope Shelter", "--name", "Hotline desk");

        Assert.Equal(2, code);
        Assert.Empty(output);
        Assert.Contains("--redis", error, StringComparison.Ordinal);
        Assert.Contains("ConnectionStrings__Redis", error, StringComparison.Ordinal);
        Assert.Contains("in memory only", error, StringComparison.Ordinal);
        Assert.Contains("EMBEDDED MODE: the admin API key of this run is", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CreateAdmin_WhenRedisDoesNotAnswer_SaysSo_WithoutPrintingThePassword()
    {
        var port = RedisTestServer.FreePort();

        var (code, output, error) = Run(NoEnvironment, "accounts", "create-admin", "--organisation", "Hope Shelter", "--name", "Desk", "--redis", $"127.0.0.1:{port},password=s3cret-pa55");

        Assert.Equal(1, code);
        Assert.Empty(output);
        Assert.Contains("Redis does not answer", error, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret-pa55", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--organisation", "Hope Shelter")]
    [InlineData("--name", "Desk")]
    public void CreateAdmin_WithoutTheOrganisationOrTheName_IsAUsageError(string option, string value)
    {
        var (code, output, error) = Run(NoEnvironment, "accounts", "create-admin", option, value, "--redis", Redis());

        Assert.Equal(2, code);
        Assert.DoesNotMatch(KeyPattern, output);
        Assert.Contains("must give", error, StringComparison.Ordinal);
    }
}
