using System.Net;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Web.Accounts;
using Gateway.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>For tests of what the report page shows: a responder signed in to the console, and a report of theirs stored as given.</summary>
internal static partial class ConsoleReportPage
{
    private const string Password = "correct horse battery staple";

    /// <summary>A responder of a new organisation, signed in to the console of <paramref name="factory"/> over https.</summary>
    public static async Task<(HttpClient Client, Seeded Responder)> SignedInResponderAsync(GatewayFactory factory)
    {
        var services = factory.Services;
        var seeded = await AccountSeed.AccountAsync(services, Role.Responder);
        await services.GetRequiredService<IAccountStore>().UpdateAccountAsync(
            seeded.Account.Id, a => a with { PasswordHash = services.GetRequiredService<AccountPasswords>().Hash(a, Password) });

        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await client.GetStringAsync("/console/sign-in");
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(
        [
            new("account", seeded.Account.Id),
            new("password", Password),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(TokenPattern().Match(signInPage).Groups[1].Value)),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        return (client, seeded);
    }

    /// <summary>Stores a labour report by SMS from Thailand in Burmese, owned by <paramref name="organisationId"/>, changed by <paramref name="change"/>.</summary>
    public static async Task<Report> StoreAsync(GatewayFactory factory, string organisationId, Func<Report, Report> change)
    {
        var now = DateTimeOffset.UtcNow;
        var report = change(new Report
        {
            Reference = ReportReference.New(),
            ContactId = "c_" + Guid.NewGuid().ToString("N")[..12],
            Category = "labour",
            Channel = "sms",
            Country = "TH",
            Language = "my",
            OpenedAt = now,
            UpdatedAt = now,
            OwnerOrganisation = organisationId,
            Organisations = [organisationId],
            Timeline = [new TimelineEntry(now, "opened", "reporter", "Report by sms: labour.")],
        });
        await factory.Services.GetRequiredService<IReportStore>().CreateAsync(report);
        return report;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
