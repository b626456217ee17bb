using System.Net;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>Signing in with an API key: 401 without or with a wrong one, 403 for a role that does not allow it.</summary>
public sealed class ApiKeyAuthenticationFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static async Task<string> ErrorOf(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("error").GetString()!;
    }

    [Fact]
    public async Task NoKey_Is401_WithAJsonErrorSayingHowToSendOne()
    {
        using var client = _factory.CreateClient();

        using var response = await client.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Contains("Authorization: Bearer gw_", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrongSecret_Is401_AndTheLogNamesTheKeyIdButNeverTheSecret()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var wrong = admin.Key[..^4] + (admin.Key.EndsWith("aaaa", StringComparison.Ordinal) ? "bbbb" : "aaaa");
        using var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", wrong);

        using var response = await client.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("wrong", await ErrorOf(response), StringComparison.Ordinal);
        Assert.Contains(_factory.Logs, l => l.Contains($"API key sign-in refused for key {admin.Account.ApiKeyId}: wrong_secret", StringComparison.Ordinal));
        Assert.DoesNotContain(_factory.Logs, l => l.Contains(wrong[12..], StringComparison.Ordinal) || l.Contains(admin.Key[12..], StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("gw_abcdefgh_abcdefghijklmnopqrstuvwxyz234567", "unknown_key")]
    [InlineData("gw_not-a-key", "malformed")]
    public async Task UnknownOrMalformedKey_Is401(string key, string reason)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts");
        request.Headers.Add(ApiKeyAuthentication.Header, key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.NotEmpty(await ErrorOf(response));
        Assert.Contains(_factory.Logs, l => l.Contains("API key sign-in refused", StringComparison.Ordinal) && l.Contains(reason, StringComparison.Ordinal));
    }

    [Fact]
    public async Task XApiKeyHeader_SignsInAsWellAsTheBearerToken()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/accounts");
        request.Headers.Add(ApiKeyAuthentication.Header, admin.Key);

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(admin.Account.Id, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Responder)]
    [InlineData(Role.Editor)]
    public async Task ARoleBelowAdmin_Is403_OnAnAdminEndpoint(Role role)
    {
        var seeded = await AccountSeed.AccountAsync(_factory.Services, role);
        using var client = seeded.Client(_factory);

        using var response = await client.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains($"({role.Name()})", await ErrorOf(response), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DisabledAccount_Is401_WithItsRightKey()
    {
        var admin = await AccountSeed.AccountAsync(_factory.Services, Role.Admin);
        var other = await AccountSeed.AccountAsync(_factory.Services, Role.Admin, admin.Organisation);
        using var adminClient = admin.Client(_factory);
        using var otherClient = other.Client(_factory);
        Assert.Equal(HttpStatusCode.OK, (await otherClient.GetAsync("/api/accounts")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await adminClient.PostAsync($"/api/accounts/{other.Account.Id}/disable", null)).StatusCode);
        using var refused = await otherClient.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("disabled", await ErrorOf(refused), StringComparison.Ordinal);
        Assert.Contains(_factory.Logs, l => l.Contains($"for key {other.Account.ApiKeyId}: disabled", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Policies_AdmitExactlyTheRolesThatAllowThem()
    {
        var authorization = _factory.Services.GetRequiredService<IAuthorizationService>();
        foreach (var holder in Roles.All)
        {
            var account = new Account { Id = "acc_x", OrganisationId = "org_x", Name = "x", Role = holder, ApiKeyId = "abcdefgh", ApiKeyHash = "h", CreatedAt = DateTimeOffset.UtcNow };
            var user = new ClaimsPrincipal(AccountClaims.Identity(account, ApiKeyAuthentication.SchemeName));
            Assert.Equal("acc_x", user.AccountId());
            Assert.Equal("org_x", user.OrganisationId());
            Assert.Equal(holder, user.Role());
            foreach (var (policy, required) in new[] { (AccountPolicies.Viewer, Role.Viewer), (AccountPolicies.Responder, Role.Responder), (AccountPolicies.Editor, Role.Editor), (AccountPolicies.Admin, Role.Admin) })
            {
                var result = await authorization.AuthorizeAsync(user, policy);
                Assert.True(holder.Allows(required) == result.Succeeded, $"{holder} on policy {policy}: {result.Succeeded}");
            }
        }

        Assert.False((await authorization.AuthorizeAsync(new ClaimsPrincipal(new ClaimsIdentity()), AccountPolicies.Viewer)).Succeeded);
    }

    [Fact]
    public async Task EmbeddedMode_PrintsALocalAdminKeyAtStartUp_ThatWorks()
    {
        using var client = _factory.CreateClient();
        var line = Assert.Single(_factory.Logs, l => l.Contains("EMBEDDED MODE: the admin API key of this run is", StringComparison.Ordinal));
        var key = System.Text.RegularExpressions.Regex.Match(line, "gw_[a-z2-7]{8}_[a-z2-7]{32}").Value;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);

        using var response = await client.GetAsync("/api/accounts");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(EmbeddedAdmin.AccountName, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void RedisMode_MakesNoAdminOfItsOwn()
    {
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();

        Assert.DoesNotContain(factory.Logs, l => l.Contains("admin API key", StringComparison.Ordinal));
    }
}
