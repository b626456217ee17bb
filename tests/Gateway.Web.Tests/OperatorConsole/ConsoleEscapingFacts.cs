using System.Net;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Accounts;
using Gateway.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// What a person or a responder types is shown on the console as text, never as markup: a place, a note or an
/// outcome written as HTML reaches the page escaped, and the live list sends it as JSON that the page puts in
/// with textContent only.
/// </summary>
public sealed partial class ConsoleEscapingFacts : IDisposable
{
    private const string Place = "<img src=x onerror=alert(1)>";
    private const string Note = "<script>alert(2)</script>";
    private const string Outcome = "\"><svg onload=alert(3)>";
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReportPage_ShowsMarkupTypedByAPersonOrAResponder_AsText()
    {
        var services = _factory.Services;
        var seeded = await AccountSeed.AccountAsync(services, Role.Responder);
        const string password = "correct horse battery staple";
        await services.GetRequiredService<IAccountStore>().UpdateAccountAsync(
            seeded.Account.Id, a => a with { PasswordHash = services.GetRequiredService<AccountPasswords>().Hash(a, password) });
        var dataKey = services.GetRequiredService<DataKey>();
        var now = DateTimeOffset.UtcNow;
        var report = new Report
        {
            Reference = ReportReference.New(),
            ContactId = "c_" + Guid.NewGuid().ToString("N")[..12],
            Category = "labour",
            Channel = "sms",
            Country = "TH",
            Language = "my",
            EncryptedPlace = dataKey.Seal(Place),
            Outcome = Outcome,
            OpenedAt = now,
            UpdatedAt = now,
            OwnerOrganisation = seeded.Organisation.Id,
            Organisations = [seeded.Organisation.Id],
            Timeline =
            [
                new TimelineEntry(now, "opened", "reporter", "Report by sms: labour."),
                new TimelineEntry(now, "note", seeded.Account.Id, "A note.") { SealedDetail = dataKey.Seal(Note) },
            ],
        };
        await services.GetRequiredService<IReportStore>().CreateAsync(report);

        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await client.GetStringAsync("/console/sign-in");
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(
        [
            new("account", seeded.Account.Id),
            new("password", password),
            new("__RequestVerificationToken", TokenPattern().Match(signInPage).Groups[1].Value),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        using var response = await client.GetAsync($"/console/reports/{report.Reference}");
        var page = await response.Content.ReadAsStringAsync();
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);

        Assert.Contains(WebUtility.HtmlEncode(Place), page, StringComparison.Ordinal);
        Assert.DoesNotContain(Place, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Note), page, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", page, StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=alert(3)&gt;", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
