using System.Net.Http.Headers;
using Gateway.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>An organisation and an account made straight in the host's store, with the account's API key.</summary>
internal sealed record Seeded(Organisation Organisation, Account Account, string Key)
{
    /// <summary>A client of <paramref name="factory"/> that sends this account's key as a bearer token.</summary>
    public HttpClient Client(GatewayFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
        return client;
    }
}

internal static class AccountSeed
{
    public static async Task<Seeded> AccountAsync(IServiceProvider services, Role role, Organisation? organisation = null, IReadOnlyList<string>? countries = null)
    {
        var store = services.GetRequiredService<IAccountStore>();
        if (organisation is null)
        {
            organisation = new Organisation
            {
                Id = AccountIds.NewOrganisationId(),
                Name = "Test organisation " + Guid.NewGuid().ToString("N"),
                Countries = countries ?? ["TH"],
                Languages = ["th", "en"],
                CreatedAt = DateTimeOffset.UtcNow,
            };
            await store.CreateOrganisationAsync(organisation);
        }

        var key = ApiKeys.New();
        var account = await store.CreateAccountAsync(new Account
        {
            Id = AccountIds.NewAccountId(),
            OrganisationId = organisation.Id,
            Name = $"Test {role.Name()}",
            Role = role,
            ApiKeyId = key.KeyId,
            ApiKeyHash = key.Hash,
            CreatedAt = DateTimeOffset.UtcNow,
        });
        return new Seeded(organisation, account, key.Key);
    }
}
