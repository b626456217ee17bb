using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>Organisations and accounts over the API: admins manage their own organisation and nothing else.</summary>
public sealed class AccountsApiFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    [Fact]
    public async Task Admin_CreatesAnAccount_AndItsKeyIsShownOnce_AndWorks()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        using var client = admin.Client(_factory);

        using var created = await client.PostAsJsonAsync("/api/accounts", new { name = "Night desk", role = "responder" });
        var body = await JsonOf(created);
        var key = body.GetProperty("apiKey").GetString()!;
        var id = body.GetProperty("account").GetProperty("id").GetString()!;

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal($"/api/accounts/{id}", created.Headers.Location?.OriginalString);
        Assert.True(ApiKeys.TryParse(key, out _));
        Assert.Equal("responder", body.GetProperty("account").GetProperty("role").GetString());
        Assert.Equal(admin.Organisation.Id, body.GetProperty("account").GetProperty("organisationId").GetString());
        Assert.Contains("shown once", body.GetProperty("warning").GetString(), StringComparison.Ordinal);

        var list = await client.GetStringAsync("/api/accounts");
        Assert.Contains(id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(key, list, StringComparison.Ordinal);
        Assert.DoesNotContain("apiKeyHash", list, StringComparison.OrdinalIgnoreCase);

        using var own = _factory.CreateClient();
        own.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        using var self = await own.GetAsync($"/api/accounts/{id}");
        Assert.Equal(HttpStatusCode.OK, self.StatusCode);
        Assert.Equal("Night desk", (await JsonOf(self)).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NotFound, (await own.GetAsync($"/api/accounts/{admin.Account.Id}")).StatusCode);
    }

    [Theory]
    [InlineData("{\"name\": \"Desk\", \"role\": \"owner\"}", "viewer, responder, editor or admin")]
    [InlineData("{\"name\": \"  \", \"role\": \"viewer\"}", "display name")]
    public async Task CreateAccount_RefusesABadRoleOrName(string json, string said)
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        using var client = admin.Client(_factory);

        using var response = await client.PostAsync("/api/accounts", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(said, (await JsonOf(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Single(await _factory.Services.GetRequiredService<IAccountStore>().ListAccountsAsync(admin.Organisation.Id));
    }

    [Fact]
    public async Task AnAdmin_NeitherSeesNorTouchesAnotherOrganisationsAccounts()
    {
        var mine = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var theirs = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var theirResponder = await AccountSeed.AccountAsync(_factory.Services, Role.Responder, theirs.Organisation);
        using var client = mine.Client(_factory);

        var list = await client.GetStringAsync("/api/accounts");
        Assert.Contains(mine.Account.Id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirs.Account.Id, list, StringComparison.Ordinal);
        Assert.DoesNotContain(theirResponder.Account.Id, list, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/accounts/{theirResponder.Account.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/accounts/{theirResponder.Account.Id}/key", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync($"/api/accounts/{theirResponder.Account.Id}/disable", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync($"/api/accounts/{theirResponder.Account.Id}/numbers", new { number = "+66812340001" })).StatusCode);
        using var intoTheirs = await client.PostAsJsonAsync("/api/accounts", new { organisationId = theirs.Organisation.Id, name = "Spy", role = "admin" });
        Assert.Equal(HttpStatusCode.Forbidden, intoTheirs.StatusCode);
        Assert.Contains("own organisation", (await JsonOf(intoTheirs)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, (await _factory.Services.GetRequiredService<IAccountStore>().ListAccountsAsync(theirs.Organisation.Id)).Count);
        Assert.False((await _factory.Services.GetRequiredService<IAccountStore>().FindAccountAsync(theirResponder.Account.Id))!.Disabled);
    }

    [Fact]
    public async Task AResponder_ManagesItself_ButNotItsColleagues()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var responder = await AccountSeed.AccountAsync(_factory.Services, Role.Responder, admin.Organisation);
        var colleague = await AccountSeed.AccountAsync(_factory.Services, Role.Responder, admin.Organisation);
        using var client = responder.Client(_factory);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/accounts/{responder.Account.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/accounts/{colleague.Account.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/accounts", new { name = "Me too", role = "admin" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync($"/api/accounts/{responder.Account.Id}/disable", null)).StatusCode);
    }

    [Fact]
    public async Task RotatingAKey_GivesANewKeyOnce_AndTheOldOneStopsWorkingAtOnce()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var responder = await AccountSeed.AccountAsync(_factory.Services, Role.Responder, admin.Organisation);
        using var old = responder.Client(_factory);

        using var rotated = await old.PostAsync($"/api/accounts/{responder.Account.Id}/key", null);
        var key = (await JsonOf(rotated)).GetProperty("apiKey").GetString()!;

        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        Assert.NotEqual(responder.Key, key);
        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync($"/api/accounts/{responder.Account.Id}")).StatusCode);
        using var renewed = (responder with { Key = key }).Client(_factory);
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync($"/api/accounts/{responder.Account.Id}")).StatusCode);
    }

    [Fact]
    public async Task AnAdmin_CannotDisableItself_ButCanDisableAndEnableAnother()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var viewer = await AccountSeed.AccountAsync(_factory.Services, Role.Viewer, admin.Organisation);
        using var client = admin.Client(_factory);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync($"/api/accounts/{admin.Account.Id}/disable", null)).StatusCode);
        Assert.True((await JsonOf(await client.PostAsync($"/api/accounts/{viewer.Account.Id}/disable", null))).GetProperty("disabled").GetBoolean());
        Assert.False((await JsonOf(await client.PostAsync($"/api/accounts/{viewer.Account.Id}/enable", null))).GetProperty("disabled").GetBoolean());
        using var viewerClient = viewer.Client(_factory);
        Assert.Equal(HttpStatusCode.OK, (await viewerClient.GetAsync($"/api/accounts/{viewer.Account.Id}")).StatusCode);
    }

    [Fact]
    public async Task Organisations_AreCreatedAndListedByAdmins_WithUniqueNamesAndCheckedCodes()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var editor = await AccountSeed.AccountAsync(_factory.Services, Role.Editor, admin.Organisation);
        using var client = admin.Client(_factory);
        var name = "Mekong Outreach " + Guid.NewGuid().ToString("N")[..6];

        using var created = await client.PostAsJsonAsync("/api/organisations", new { name, countries = new[] { "kh", "TH" }, languages = new[] { "KM", "th" } });
        var organisation = await JsonOf(created);

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal(["KH", "TH"], organisation.GetProperty("countries").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(["km", "th"], organisation.GetProperty("languages").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains(organisation.GetProperty("id").GetString()!, await client.GetStringAsync("/api/organisations"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsJsonAsync("/api/organisations", new { name = name.ToUpperInvariant() })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/organisations", new { name = "Other", countries = new[] { "Thailand" } })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync("/api/organisations", new { name = "" })).StatusCode);
        using var editorClient = editor.Client(_factory);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.GetAsync("/api/organisations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await editorClient.PostAsJsonAsync("/api/organisations", new { name = "Editors' own" })).StatusCode);
    }
}
