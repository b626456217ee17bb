using System.Net;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Accounts;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The console's report page shows a place and the person's answers as typed, and beside any that may be Zawgyi
/// their converted reading, marked; plainly Unicode Burmese (stacked consonants, kinzi) is shown alone.
/// </summary>
public sealed partial class ConsoleTypedTextFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReportPage_ShowsBurmeseAsTyped_WithTheZawgyiReadingMarkedWhereItMayBeZawgyi()
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
            EncryptedPlace = dataKey.Seal("ကုမ္ပဏီ"),
            OpenedAt = now,
            UpdatedAt = now,
            OwnerOrganisation = seeded.Organisation.Id,
            Organisations = [seeded.Organisation.Id],
            Timeline =
            [
                new TimelineEntry(now, "opened", "reporter", "Report by sms: labour."),
                new TimelineEntry(now, ReportConversation.AnswerKind, "reporter", "The person answered by sms.") { SealedDetail = dataKey.Seal("ေစ်း") },
                new TimelineEntry(now, ReportConversation.AnswerKind, "reporter", "The person answered by sms.") { SealedDetail = dataKey.Seal("အင်္ဂလိပ် မန္တလေး") },
            ],
        };
        await services.GetRequiredService<IReportStore>().CreateAsync(report);

        using var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        var signInPage = await client.GetStringAsync("/console/sign-in");
        using var signIn = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent(
        [
            new("account", seeded.Account.Id),
            new("password", password),
            new("__RequestVerificationToken", WebUtility.HtmlDecode(TokenPattern().Match(signInPage).Groups[1].Value)),
        ]));
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/console/reports/{report.Reference}"));

        Assert.Contains("ကုမ္ပဏီ (may be Zawgyi; converted: ကုမ်ပဏီ)", page, StringComparison.Ordinal);
        Assert.Contains("ေစ်း (may be Zawgyi; converted: ဈေး)", page, StringComparison.Ordinal);
        Assert.Contains(">အင်္ဂလိပ် မန္တလေး<", page, StringComparison.Ordinal);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
