using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Reports;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>The console's pages in process: sign-in and lock-out, who may see and do what, and what is recorded.</summary>
public sealed partial class ConsolePagesFacts : IDisposable
{
    private const string Number = "+66812345502";
    private readonly GatewayFactory _factory = new();
    private readonly List<HttpClient> _clients = [];

    private IAccountStore Accounts => _factory.Services.GetRequiredService<IAccountStore>();

    private IReportStore Reports => _factory.Services.GetRequiredService<IReportStore>();

    [Fact]
    public async Task SignIn_LocksTheAccount_AfterFiveWrongPasswordsInARow()
    {
        var (account, password) = await AccountAsync("org_pagesa0001", Role.Responder);
        var signIn = _factory.Services.GetRequiredService<ConsoleSignIn>();
        for (var i = 1; i < Account.MaxFailedSignIns; i++)
        {
            Assert.Equal(SignInOutcome.Refused, (await signIn.SignInAsync(account.Id, "wrong " + i, default)).Outcome);
        }

        Assert.Equal(SignInOutcome.LockedOut, (await signIn.SignInAsync(account.Id, "wrong again", default)).Outcome);
        Assert.Equal(SignInOutcome.LockedOut, (await signIn.SignInAsync(account.Id, password, default)).Outcome);
        var stored = await Accounts.FindAccountAsync(account.Id);
        Assert.True(stored!.IsLockedOut(DateTimeOffset.UtcNow.AddMinutes(14)));
        Assert.False(stored.IsLockedOut(DateTimeOffset.UtcNow.AddMinutes(16)));
    }

    [Fact]
    public async Task SignIn_RightPassword_OpensTheReports_AndClearsTheFailures()
    {
        var (account, password) = await AccountAsync("org_pagesa0002", Role.Viewer);
        var client = NewClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await SignInAsync(client, account.Id, "not it at all")).StatusCode);
        Assert.Equal(1, (await Accounts.FindAccountAsync(account.Id))!.FailedSignIns);

        using var response = await SignInAsync(client, account.Id, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/console/reports", response.Headers.Location?.OriginalString);
        Assert.Contains("<h1>Reports</h1>", await client.GetStringAsync("/console/reports"), StringComparison.Ordinal);
        Assert.Equal(0, (await Accounts.FindAccountAsync(account.Id))!.FailedSignIns);
    }

    [Fact]
    public async Task Pages_SendASignedOutVisitorToSignIn_AndTheLiveListAnswers401()
    {
        var client = NewClient();
        using var page = await client.GetAsync("/console/reports");
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.StartsWith("/console/sign-in", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var live = await client.GetAsync(ConsoleSetup.LiveReportsPath);
        Assert.Equal(HttpStatusCode.Unauthorized, live.StatusCode);
    }

    [Fact]
    public async Task ApiKey_DoesNotOpenTheConsole_AndTheCookieDoesNotOpenTheApi()
    {
        var (account, password) = await AccountAsync("org_pagesa0003", Role.Admin);
        var key = ApiKeys.New();
        await Accounts.UpdateAccountAsync(account.Id, a => a with { ApiKeyId = key.KeyId, ApiKeyHash = key.Hash });
        var keyed = NewClient();
        keyed.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key.Key);
        Assert.Equal(HttpStatusCode.OK, (await keyed.GetAsync("/api/reports")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await keyed.GetAsync("/console/reports")).StatusCode);

        var cookie = await SignedInAsync(account.Id, password);
        Assert.Equal(HttpStatusCode.Unauthorized, (await cookie.GetAsync("/api/reports")).StatusCode);
    }

    [Fact]
    public async Task ReportPage_RecordsEachViewInTheTimeline()
    {
        var (account, password) = await AccountAsync("org_pagesa0004", Role.Viewer);
        var report = await ReportAsync(account.OrganisationId);
        var client = await SignedInAsync(account.Id, password);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/console/reports/{report.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/console/reports/{report.Reference}")).StatusCode);

        var views = (await Reports.FindAsync(report.Reference))!.Timeline.Where(t => t.Kind == ConsoleReports.ViewedKind).ToList();
        Assert.Equal(2, views.Count);
        Assert.All(views, v => Assert.Equal(account.Id, v.Actor));
    }

    [Fact]
    public async Task ReportPage_MarksARepeatedPage_AndListsTheTimelineInTimeOrder()
    {
        var (account, password) = await AccountAsync("org_pagesa0010", Role.Viewer);
        var opened = DateTimeOffset.UtcNow.AddMinutes(-5);
        // Stored in the order written: the outbox's re-send is written after the level that it belongs to was done.
        var report = await ReportAsync(account.OrganisationId, r => r with
        {
            Timeline =
            [
                new TimelineEntry(opened, "opened", "reporter", "Report by sms: labour."),
                new TimelineEntry(opened.AddSeconds(1), "paged", "gateway", "Paged the NGO desk at level ngo."),
                new TimelineEntry(opened.AddSeconds(9), "level_done", "gateway", "Level ngo: 1 target(s) paged."),
                new TimelineEntry(opened.AddSeconds(4), Gateway.Web.Reports.EscalationRunner.PageRepeatKind, "gateway", "The SMS page 0.0.ngo went out again (attempt 2)."),
            ],
        });
        var client = await SignedInAsync(account.Id, password);

        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");

        var timeline = html[html.IndexOf("id=\"timeline\"", StringComparison.Ordinal)..];
        timeline = timeline[..timeline.IndexOf("</ol>", StringComparison.Ordinal)];
        var kinds = KindPattern().Matches(timeline).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(["opened", "paged", Gateway.Web.Reports.EscalationRunner.PageRepeatKind, "level_done"], kinds);
        var repeat = timeline[timeline.IndexOf("data-kind=\"page_repeat\"", StringComparison.Ordinal)..];
        Assert.Contains("Possible duplicate page", repeat[..repeat.IndexOf("</li>", StringComparison.Ordinal)], StringComparison.Ordinal);
        Assert.Single(Regex.Matches(timeline, "Possible duplicate page"));
    }

    [Fact]
    public async Task ReportPage_AnswersNotFound_ForAnotherOrganisationsReport_AndRecordsNothing()
    {
        var (account, password) = await AccountAsync("org_pagesa0005", Role.Responder);
        await AccountAsync("org_pagesb0005", Role.Responder);
        var theirs = await ReportAsync("org_pagesb0005");
        var client = await SignedInAsync(account.Id, password);

        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/console/reports/{theirs.Reference}")).StatusCode);
        var list = await client.GetFromJsonAsync<List<ReportRow>>(ConsoleSetup.LiveReportsPath, ConsoleJson.Options);
        Assert.DoesNotContain(list!, r => r.Reference == theirs.Reference);
        Assert.DoesNotContain((await Reports.FindAsync(theirs.Reference))!.Timeline, t => t.Kind == ConsoleReports.ViewedKind);
    }

    [Fact]
    public async Task LiveList_FiltersByStatusAndUnder18()
    {
        var (account, password) = await AccountAsync("org_pagesa0006", Role.Viewer);
        var child = await ReportAsync(account.OrganisationId, r => r with { UnderEighteen = "yes" });
        var adult = await ReportAsync(account.OrganisationId, r => r with { UnderEighteen = "no", Status = ReportStatus.Acknowledged });
        var client = await SignedInAsync(account.Id, password);

        var minors = await client.GetFromJsonAsync<List<ReportRow>>(ConsoleSetup.LiveReportsPath + "?under18=yes", ConsoleJson.Options);
        Assert.Equal(new[] { child.Reference }, minors!.Select(r => r.Reference));
        var acknowledged = await client.GetFromJsonAsync<List<ReportRow>>(ConsoleSetup.LiveReportsPath + "?status=acknowledged", ConsoleJson.Options);
        Assert.Equal(new[] { adult.Reference }, acknowledged!.Select(r => r.Reference));
    }

    [Fact]
    public async Task Acknowledge_ByAViewer_Is403_AndTheReportStaysOpen()
    {
        var (account, password) = await AccountAsync("org_pagesa0007", Role.Viewer);
        var report = await ReportAsync(account.OrganisationId);
        var client = await SignedInAsync(account.Id, password);
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");
        Assert.DoesNotContain("id=\"acknowledge\"", html, StringComparison.Ordinal);

        using var response = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Acknowledge", Token(html));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(ReportStatus.Open, (await Reports.FindAsync(report.Reference))!.Status);
    }

    [Fact]
    public async Task Acknowledge_ByAResponder_IsRecordedAsTheConsole()
    {
        var (account, password) = await AccountAsync("org_pagesa0008", Role.Responder);
        var report = await ReportAsync(account.OrganisationId);
        var client = await SignedInAsync(account.Id, password);
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");

        using var response = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Acknowledge", Token(html));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var stored = (await Reports.FindAsync(report.Reference))!;
        Assert.Equal(ReportStatus.Acknowledged, stored.Status);
        Assert.Contains(stored.Timeline, t => t.Kind == "acknowledged" && t.Actor == account.Id && t.Text.Contains("(console)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Post_WithoutTheAntiforgeryToken_Is400_AndChangesNothing()
    {
        var (account, password) = await AccountAsync("org_pagesa0009", Role.Responder);
        var report = await ReportAsync(account.OrganisationId);
        var client = await SignedInAsync(account.Id, password);

        using var response = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Acknowledge", token: null);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(ReportStatus.Open, (await Reports.FindAsync(report.Reference))!.Status);
    }

    [Fact]
    public async Task Reveal_ShowsTheNumberOnce_AndRecordsWhoSawIt()
    {
        var (account, password) = await AccountAsync("org_pagesa0010", Role.Responder);
        var report = await ReportAsync(account.OrganisationId, withNumber: true);
        var client = await SignedInAsync(account.Id, password);
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");
        Assert.DoesNotContain(Number, WebUtility.HtmlDecode(html), StringComparison.Ordinal);
        Assert.Contains("+********502", WebUtility.HtmlDecode(html), StringComparison.Ordinal);

        using var revealed = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Reveal", Token(html));
        Assert.Equal(HttpStatusCode.OK, revealed.StatusCode);
        Assert.Contains(Number, WebUtility.HtmlDecode(await revealed.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        var entry = Assert.Single((await Reports.FindAsync(report.Reference))!.Timeline, t => t.Kind == ConsoleReports.RevealedKind);
        Assert.Equal(account.Id, entry.Actor);
        Assert.DoesNotContain(Number, entry.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(_factory.Logs, line => line.Contains(Number, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reveal_ByAViewer_Is403_AndRecordsNothing()
    {
        var (account, password) = await AccountAsync("org_pagesa0011", Role.Viewer);
        var report = await ReportAsync(account.OrganisationId, withNumber: true);
        var client = await SignedInAsync(account.Id, password);
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");

        using var response = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Reveal", Token(html));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain(Number, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.DoesNotContain((await Reports.FindAsync(report.Reference))!.Timeline, t => t.Kind == ConsoleReports.RevealedKind);
    }

    [Fact]
    public async Task ReplyBox_IsClosedWithAReason_WithoutConsentToBeTexted()
    {
        var (account, password) = await AccountAsync("org_pagesa0012", Role.Responder);
        var report = await ReportAsync(account.OrganisationId, r => r with { MayText = false }, withNumber: true);
        var client = await SignedInAsync(account.Id, password);
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");
        Assert.Contains("id=\"reply-closed\"", html, StringComparison.Ordinal);
        Assert.Contains("did not agree to be texted back", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"send-reply\"", html, StringComparison.Ordinal);

        using var forged = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Reply", Token(html), ("text", "Are you safe?"));
        Assert.Equal(HttpStatusCode.Conflict, forged.StatusCode);
        Assert.DoesNotContain((await Reports.FindAsync(report.Reference))!.Timeline, t => t.Kind == "reply");
    }

    [Fact]
    public async Task ReportPage_ShowsThePersonAskedForDiscretion_WarnsInTheReplyBox_AndAReplyThatNamesTheSubjectIsNotSent()
    {
        var (account, password) = await AccountAsync("org_pagesa0013", Role.Responder);
        var plain = await ReportAsync(account.OrganisationId);
        var report = await ReportAsync(account.OrganisationId, withNumber: true, discreet: true);
        var client = await SignedInAsync(account.Id, password);

        var plainHtml = await client.GetStringAsync($"/console/reports/{plain.Reference}");
        var html = await client.GetStringAsync($"/console/reports/{report.Reference}");

        Assert.DoesNotContain("id=\"reply-discreet\"", plainHtml, StringComparison.Ordinal);
        Assert.Contains("asked for discreet replies", html, StringComparison.Ordinal);
        Assert.Contains("id=\"reply-discreet\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"send-reply\"", html, StringComparison.Ordinal);

        using var named = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Reply", Token(html), ("text", "We have your SOS about trafficking. Are you safe?"));
        using var neutral = await PostAsync(client, $"/console/reports/{report.Reference}?handler=Reply", Token(html), ("text", "Hello, this is Mai. Are you well? Reply when you can."));

        var timeline = (await Reports.FindAsync(report.Reference))!.Timeline;
        var refused = Assert.Single(timeline, t => t.Kind == ReportConversation.ReplyRefusedKind);
        Assert.Contains("asked for discreet replies", refused.Text, StringComparison.Ordinal);
        Assert.Single(timeline, t => t.Kind == ReportConversation.ReplyKind);
    }

    [Fact]
    public async Task PasswordApi_SetsAHashedPassword_ThatSignsIn_AndRefusesAShortOne()
    {
        var (admin, _) = await AccountAsync("org_pagesa0014", Role.Admin);
        var (viewer, _) = await AccountAsync("org_pagesa0014", Role.Viewer, password: null);
        var key = ApiKeys.New();
        await Accounts.UpdateAccountAsync(admin.Id, a => a with { ApiKeyId = key.KeyId, ApiKeyHash = key.Hash });
        var api = NewClient();
        api.DefaultRequestHeaders.Add(ApiKeyAuthentication.Header, key.Key);

        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsJsonAsync($"/api/accounts/{viewer.Id}/password", new { password = "short" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await api.PostAsJsonAsync($"/api/accounts/{viewer.Id}/password", new { password = "a long enough passphrase" })).StatusCode);
        var stored = (await Accounts.FindAccountAsync(viewer.Id))!;
        Assert.StartsWith("AQAAAA", stored.PasswordHash, StringComparison.Ordinal);
        Assert.DoesNotContain("passphrase", stored.PasswordHash, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await SignInAsync(NewClient(), viewer.Id, "a long enough passphrase")).StatusCode);
    }

    public void Dispose()
    {
        foreach (var client in _clients)
        {
            client.Dispose();
        }

        _factory.Dispose();
    }

    private HttpClient NewClient()
    {
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        _clients.Add(client);
        return client;
    }

    private async Task<HttpClient> SignedInAsync(string accountId, string password)
    {
        var client = NewClient();
        using var response = await SignInAsync(client, accountId, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string accountId, string password)
    {
        var token = Token(await client.GetStringAsync("/console/sign-in"));
        return await PostAsync(client, "/console/sign-in", token, ("account", accountId), ("password", password));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string path, string? token, params (string Name, string Value)[] fields)
    {
        var form = fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).ToList();
        if (token is not null)
        {
            form.Add(new("__RequestVerificationToken", token));
        }

        return client.PostAsync(path, new FormUrlEncodedContent(form));
    }

    private static string Token(string html) => TokenPattern().Match(html) is { Success: true } match
        ? match.Groups[1].Value
        : throw new InvalidOperationException("The page has no antiforgery token.");

    private async Task<(Account Account, string Password)> AccountAsync(string organisationId, Role role, string? password = "correct horse battery staple")
    {
        if (await Accounts.FindOrganisationAsync(organisationId) is null)
        {
            await Accounts.CreateOrganisationAsync(new Organisation { Id = organisationId, Name = "Organisation " + organisationId, CreatedAt = DateTimeOffset.UtcNow });
        }

        var key = ApiKeys.New();
        var account = new Account { Id = AccountIds.NewAccountId(), OrganisationId = organisationId, Name = role + " desk", Role = role, ApiKeyId = key.KeyId, ApiKeyHash = key.Hash, CreatedAt = DateTimeOffset.UtcNow };
        var hashed = password is null ? account : account with { PasswordHash = _factory.Services.GetRequiredService<AccountPasswords>().Hash(account, password) };
        return (await Accounts.CreateAccountAsync(hashed), password ?? string.Empty);
    }

    private async Task<Report> ReportAsync(string organisationId, Func<Report, Report>? change = null, bool withNumber = false, bool discreet = false)
    {
        var dataKey = _factory.Services.GetRequiredService<DataKey>();
        var contactId = withNumber ? dataKey.ContactId(Number) : "c_" + Guid.NewGuid().ToString("N")[..12];
        if (withNumber)
        {
            var contacts = _factory.Services.GetRequiredService<IContactStore>();
            var snapshot = await contacts.LoadAsync(contactId);
            var profile = new ContactProfile { Id = contactId, EncryptedAddress = dataKey.Seal(Number), MayText = true, Country = "TH", Channels = ["sms"], Discreet = discreet };
            Assert.True(await contacts.TrySaveAsync(snapshot with { Profile = profile }, TimeSpan.FromHours(1)));
        }

        var now = DateTimeOffset.UtcNow;
        var report = new Report
        {
            Reference = ReportReference.New(),
            ContactId = contactId,
            Category = "labour",
            Channel = "sms",
            Country = "TH",
            Language = "my",
            MayText = true,
            OpenedAt = now,
            UpdatedAt = now,
            OwnerOrganisation = organisationId,
            Organisations = [organisationId],
            Timeline = [new TimelineEntry(now, "opened", "reporter", "Report by sms: labour.")],
        };
        report = change?.Invoke(report) ?? report;
        await Reports.CreateAsync(report);
        return report;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("data-kind=\"([a-z_]+)\"")]
    private static partial Regex KindPattern();
}
