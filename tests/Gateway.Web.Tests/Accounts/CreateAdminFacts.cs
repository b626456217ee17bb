extern alias cli;

using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using cli::Gateway.Cli;
using Gateway.Web.OperatorConsole;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>The first admin, made with <c>gateway accounts create-admin</c>, signs in to a gateway on the same Redis.</summary>
public class CreateAdminFacts
{
    [Fact]
    public async Task TheKeyTheCliPrints_SignsInToTheGatewayOnRedis_AsAnAdminOfThatOrganisation()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();
        var organisation = "Hope Shelter " + Guid.NewGuid().ToString("N")[..8];
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(
            ["accounts", "create-admin", "--organisation", organisation, "--name", "Hotline desk"],
            new StringReader(string.Empty), output, error,
            environment: name => name == "ConnectionStrings__Redis" ? RedisTestServer.Endpoint : null);
        Assert.True(code == 0, error.ToString());
        var key = Regex.Match(output.ToString(), "gw_[a-z2-7]{8}_[a-z2-7]{32}").Value;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var accounts = await client.GetAsync("/api/accounts");
        using var created = await client.PostAsJsonAsync("/api/accounts", new { name = "Night responder", role = "responder" });
        var list = await client.GetStringAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.OK, accounts.StatusCode);
        Assert.Contains("Hotline desk", await accounts.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Contains("Night responder", list, StringComparison.Ordinal);
        Assert.Contains(organisation, await client.GetStringAsync("/api/organisations"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThePasswordTheCliPrints_SignsInToTheConsole_OfTheGatewayOnRedis()
    {
        using var factory = new GatewayFactory(redis: true);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var code = CliApp.Run(
            ["accounts", "create-admin", "--organisation", "Hope Shelter " + Guid.NewGuid().ToString("N")[..8], "--name", "Hotline desk"],
            new StringReader(string.Empty), output, error,
            environment: name => name == "ConnectionStrings__Redis" ? RedisTestServer.Endpoint : null);
        Assert.True(code == 0, error.ToString());
        var printed = Regex.Match(output.ToString(), @"sign in at /console as (?<account>acc_\S+) with the password (?<password>\S+)");
        Assert.True(printed.Success, output.ToString());

        var signIn = factory.Services.GetRequiredService<ConsoleSignIn>();
        var (outcome, account) = await signIn.SignInAsync(printed.Groups["account"].Value, printed.Groups["password"].Value, default);

        Assert.Equal(SignInOutcome.SignedIn, outcome);
        Assert.Equal("Hotline desk", account!.Name);
        Assert.Equal(SignInOutcome.Refused, (await signIn.SignInAsync(printed.Groups["account"].Value, "not the printed password", default)).Outcome);
    }
}
