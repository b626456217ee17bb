using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>The embedded default's local admin sees the SOS just sent from the simulator, and every other report.</summary>
public class EmbeddedAdminFacts
{
    [Fact]
    public async Task LocalAdmin_SeesTheSimulatorsSos_WhileAnotherOrganisationDoesNot()
    {
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        using var sent = await client.PostAsJsonAsync("/simulator/messages", new { phone = "sim-newcomer", text = "SOS", language = "my", country = "TH" });
        sent.EnsureSuccessStatusCode();
        var reference = Regex.Match(await sent.Content.ReadAsStringAsync(), "[2-9A-HJ-NP-Z]{7}").Value;
        Assert.NotEmpty(reference);

        var key = Regex.Match(Assert.Single(factory.Logs, l => l.Contains("admin API key of this run", StringComparison.Ordinal)), "gw_[a-z2-7]{8}_[a-z2-7]{32}").Value;
        using var admin = factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var other = await AccountSeed.AccountAsync(factory.Services, Role.Admin);
        using var otherClient = other.Client(factory);

        Assert.Contains(reference, await admin.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/reports/{reference}")).StatusCode);
        Assert.DoesNotContain(reference, await otherClient.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/reports/{reference}")).StatusCode);
        var organisation = await factory.Services.GetRequiredService<IAccountStore>().FindOrganisationByNameAsync(Web.Accounts.EmbeddedAdmin.OrganisationName);
        Assert.True(organisation!.SeesAllReports);
    }
}
