using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// Reports over the API with API keys and roles, the signed acknowledge link, the voice page's accept key, the
/// person's "taken" notice (only with consent), the reminder, and the loud warnings about unreachable chains.
/// </summary>
public sealed class ReportsApiFacts : IDisposable
{
    private readonly GatewayFactory _factory;

    public ReportsApiFacts() => _factory = new GatewayFactory(settings: new Dictionary<string, string?>
    {
        ["Reports:ResolveReminderAfter"] = "00:00:01",
        ["Reports:OperatorOrganisations"] = "org-operations",
    });

    public void Dispose() => _factory.Dispose();

    private IReportStore Store => _factory.Services.GetRequiredService<IReportStore>();

    private ReportService Service => _factory.Services.GetRequiredService<ReportService>();

    private Task<Reply> SendAsync(string phone, string text) =>
        _factory.Services.GetRequiredService<MessageProcessor>().ProcessAsync(new InboundMessage("sms", phone, text, null), CancellationToken.None);

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>A report through the report questions: labour, under 18, a place, for whom, and the two consents.</summary>
    private async Task<Report> ReportAsync(string phone, bool mayText, bool forSomeoneElse = false)
    {
        await SendAsync(phone, "hello");
        await SendAsync(phone, "1");           // English
        await SendAsync(phone, "5");           // report a problem
        await SendAsync(phone, "2");           // work
        await SendAsync(phone, "1");           // who will be told: send it
        await SendAsync(phone, "1");           // under 18: yes
        await SendAsync(phone, "Pattaya, the fish market");
        await SendAsync(phone, "2");           // another province (only Phayao's centre asks)
        await SendAsync(phone, forSomeoneElse ? "2" : "1");
        await SendAsync(phone, mayText ? "1" : "2");
        var done = await SendAsync(phone, "2");   // no call back
        var reference = EscalationHost.ReferenceIn(done.Messages);
        Assert.NotNull(reference);
        return (await Store.FindAsync(reference!))!;
    }

    [Fact]
    public async Task Organisation_SeesOnlyItsOwnReports_AndTheOperationCentreSeesAll()
    {
        var report = await ReportAsync("+66812340401", mayText: false);
        var mine = await AccountSeed.AccountAsync(_factory.Services, Role.Responder);
        var other = await AccountSeed.AccountAsync(_factory.Services, Role.Responder);
        await Service.HandOverAsync(report.Reference, Actor.Gateway, mine.Organisation.Id, CancellationToken.None);

        using var mineClient = mine.Client(_factory);
        using var otherClient = other.Client(_factory);
        Assert.Contains(report.Reference, await mineClient.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reference, await otherClient.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.GetAsync($"/api/reports/{report.Reference}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherClient.PostAsync($"/api/reports/{report.Reference}/ack", null)).StatusCode);

        var centre = new Organisation { Id = "org-operations", Name = "Operation centre " + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        await _factory.Services.GetRequiredService<IAccountStore>().CreateOrganisationAsync(centre);
        var operations = await AccountSeed.AccountAsync(_factory.Services, Role.Viewer, centre);
        using var operationsClient = operations.Client(_factory);
        Assert.Contains(report.Reference, await operationsClient.GetStringAsync("/api/reports?category=labour&under18=yes"), StringComparison.Ordinal);
        Assert.DoesNotContain(report.Reference, await operationsClient.GetStringAsync("/api/reports?status=resolved"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await operationsClient.GetAsync("/api/reports?status=lost")).StatusCode);

        // The detailed view opens the place for those who may see it, and never shows the number.
        var detail = await operationsClient.GetStringAsync($"/api/reports/{report.Reference}");
        Assert.Contains("Pattaya, the fish market", detail, StringComparison.Ordinal);
        Assert.DoesNotContain("812340401", detail, StringComparison.Ordinal);

        // A viewer may read but not act.
        Assert.Equal(HttpStatusCode.Forbidden, (await operationsClient.PostAsync($"/api/reports/{report.Reference}/ack", null)).StatusCode);
    }

    [Fact]
    public async Task AnOrganisationMarkedAsOperationCentre_SeesEveryReport_WithoutItsIdInTheSettings()
    {
        var report = await ReportAsync("+66812340409", mayText: false);
        var owner = await AccountSeed.AccountAsync(_factory.Services, Role.Responder);
        await Service.HandOverAsync(report.Reference, Actor.Gateway, owner.Organisation.Id, CancellationToken.None);
        var store = _factory.Services.GetRequiredService<IAccountStore>();
        var centre = new Organisation { Id = AccountIds.NewOrganisationId(), Name = "Centre " + Guid.NewGuid().ToString("N"), SeesAllReports = true, CreatedAt = DateTimeOffset.UtcNow };
        var partner = centre with { Id = AccountIds.NewOrganisationId(), Name = "Partner " + Guid.NewGuid().ToString("N"), SeesAllReports = false };
        await store.CreateOrganisationAsync(centre);
        await store.CreateOrganisationAsync(partner);
        using var centreClient = (await AccountSeed.AccountAsync(_factory.Services, Role.Viewer, centre)).Client(_factory);
        using var partnerClient = (await AccountSeed.AccountAsync(_factory.Services, Role.Viewer, partner)).Client(_factory);

        Assert.Contains(report.Reference, await centreClient.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await centreClient.GetAsync($"/api/reports/{report.Reference}")).StatusCode);
        Assert.DoesNotContain(report.Reference, await partnerClient.GetStringAsync("/api/reports"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await partnerClient.GetAsync($"/api/reports/{report.Reference}")).StatusCode);
    }

    [Fact]
    public async Task Responder_ActsThroughTheApi_AndEveryActionIsInTheTimeline()
    {
        var report = await ReportAsync("+66812340402", mayText: false);
        var responder = await AccountSeed.AccountAsync(_factory.Services, Role.Responder);
        var receiver = await AccountSeed.AccountAsync(_factory.Services, Role.Responder);
        await Service.HandOverAsync(report.Reference, Actor.Gateway, responder.Organisation.Id, CancellationToken.None);
        using var client = responder.Client(_factory);
        var path = $"/api/reports/{report.Reference}";

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(path + "/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync(path + "/ack", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(path + "/notes", new { text = "Spoke to the reporter's friend." })).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsJsonAsync(path + "/notes", new { text = " " })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(path + "/outcome", new { outcome = "referred" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync(path + "/resolve", new { outcome = "referred" })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync(path + "/reopen", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsJsonAsync(path + "/handover", new { organisation = "org-nobody" })).StatusCode);
        var handedOver = await client.PostAsJsonAsync(path + "/handover", new { organisation = receiver.Organisation.Id });
        Assert.Equal(HttpStatusCode.OK, handedOver.StatusCode);

        var body = await JsonOf(handedOver);
        var kinds = body.GetProperty("timeline").EnumerateArray().Select(t => t.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["handed_over", "acknowledged", "note", "outcome", "resolved", "reopened", "handed_over"], kinds.Where(k => k is "acknowledged" or "note" or "outcome" or "resolved" or "reopened" or "handed_over"));
        Assert.Contains(body.GetProperty("timeline").EnumerateArray(), t => t.GetProperty("note").ValueKind == JsonValueKind.String && t.GetProperty("note").GetString() == "Spoke to the reporter's friend.");
        Assert.Equal(receiver.Organisation.Id, body.GetProperty("ownerOrganisation").GetString());
        Assert.All(body.GetProperty("timeline").EnumerateArray().Where(t => t.GetProperty("kind").GetString() == "acknowledged"), t => Assert.Equal(responder.Account.Id, t.GetProperty("actor").GetString()));
    }

    [Fact]
    public async Task TakenNotice_GoesToThePerson_OnlyWhenTheyAgreedToBeTexted()
    {
        var consenting = await ReportAsync("+66812340403", mayText: true);
        var silent = await ReportAsync("+66812340404", mayText: false);
        var actor = new Actor("acct-test", "org-test", "api");

        var (_, told) = await Service.AcknowledgeAsync(consenting.Reference, actor, CancellationToken.None);
        var (_, notTold) = await Service.AcknowledgeAsync(silent.Reference, actor, CancellationToken.None);

        var notice = Assert.Single(told!.Timeline, t => t.Kind == "taken_notice");
        var id = System.Text.RegularExpressions.Regex.Match(notice.Text, "ob-[0-9a-f]+").Value;
        var message = (await _factory.Services.GetRequiredService<IOutbox>().LoadAsync(id))!.Message;
        Assert.Equal("report_taken", message.Purpose);
        Assert.Equal(consenting.ContactId, message.ContactId);
        Assert.Contains(consenting.Reference, _factory.Services.GetRequiredService<DataKey>().Open(message.SealedBody), StringComparison.Ordinal);
        Assert.True(told.TakenNoticeSent);

        Assert.DoesNotContain(notTold!.Timeline, t => t.Kind.StartsWith("taken_notice", StringComparison.Ordinal));
        Assert.False(notTold.TakenNoticeSent);
    }

    [Fact]
    public async Task ReportForSomeoneElse_IsMarked_InTheReportAndInItsPages()
    {
        var report = await ReportAsync("+66812340405", mayText: false, forSomeoneElse: true);

        Assert.True(report.ForSomeoneElse);
        Assert.Contains("filed for someone else", report.Timeline[0].Text, StringComparison.Ordinal);
        Assert.Contains("filed for someone else", PageSender.PageText(report, "ngo_partner", new Uri("https://gw.example.org/a/x"), possibleDuplicate: false), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignedLink_GetShows_PostAcknowledgesOnce_AndAForgeryIsRefused()
    {
        var report = await ReportAsync("+66812340406", mayText: false);
        var links = _factory.Services.GetRequiredService<ActionLinks>();
        var token = links.Create(report.Reference, "ngo_partner", "th-ngo-burmese/sms", DateTimeOffset.UtcNow.AddHours(1));
        using var client = _factory.CreateClient();

        var shown = await client.GetStringAsync("/a/" + token);
        Assert.Contains(report.Reference, shown, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", shown, StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Open, (await Store.FindAsync(report.Reference))!.Status);

        using var first = await client.PostAsync("/a/" + token, null);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("is yours now", await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var stored = (await Store.FindAsync(report.Reference))!;
        Assert.Equal(ReportStatus.Acknowledged, stored.Status);
        Assert.Equal("th-ngo-burmese/sms", stored.AcknowledgedBy);

        Assert.Equal(HttpStatusCode.Conflict, (await client.PostAsync("/a/" + token, null)).StatusCode);
        var forged = token[..^2] + (token[^2] == 'A' ? "BA" : "AA");
        Assert.Equal(HttpStatusCode.NotFound, (await client.PostAsync("/a/" + forged, null)).StatusCode);
    }

    [Fact]
    public async Task VoicePage_PressingOne_AcknowledgesTheReport()
    {
        var report = await ReportAsync("+66812340407", mayText: false);
        var token = _factory.Services.GetRequiredService<ActionLinks>().Create(report.Reference, "operation_centre", "th-phayao-operation-centre/voice", DateTimeOffset.UtcNow.AddHours(1));
        using var client = _factory.CreateClient();
        var path = $"{ActionLinkApi.VoiceAcceptPath}?link={token}";

        using var unsigned = new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent([new("Digits", "1")]) };
        Assert.Equal(HttpStatusCode.Forbidden, (await client.SendAsync(unsigned)).StatusCode);
        Assert.Equal(ReportStatus.Open, (await Store.FindAsync(report.Reference))!.Status);

        using var pressed = GatewayFactory.SignedPost(path, [new("CallSid", "CA" + Guid.NewGuid().ToString("N")), new("Digits", "1")]);
        using var answer = await client.SendAsync(pressed);
        Assert.Contains("is yours now", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReportStatus.Acknowledged, (await Store.FindAsync(report.Reference))!.Status);
    }

    [Fact]
    public async Task AcknowledgedButNotResolved_RemindsItsOwner()
    {
        var report = await ReportAsync("+66812340408", mayText: false);
        await Service.AcknowledgeAsync(report.Reference, new Actor("acct-reminded", "org-test", "api"), CancellationToken.None);

        Report? stored = null;
        for (var i = 0; i < 100 && stored?.RemindedAt is null; i++)
        {
            await Task.Delay(100);
            stored = await Store.FindAsync(report.Reference);
        }

        Assert.NotNull(stored!.RemindedAt);
        Assert.Single(stored.Timeline, t => t.Kind == "reminder");
    }

    [Fact]
    public async Task UnreachableChains_AreLoud_AtStartUpAndOnTheirHealthEndpoint_AndTheReportIsStillConfirmed()
    {
        using var client = _factory.CreateClient();
        using var health = await client.GetAsync(EscalationHealth.Path);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, health.StatusCode);
        var body = await JsonOf(health);
        Assert.Contains(body.GetProperty("unreachable").EnumerateArray(), p => p.GetProperty("country").GetString() == "KH");
        Assert.Contains(body.GetProperty("webhooksNotConfigured").EnumerateArray(), w => w.GetString() == "th_1300");
        var alert = Assert.Single(_factory.Logs, l => l.Contains("ALERT escalation:", StringComparison.Ordinal));
        Assert.Contains(EscalationHealth.Path, alert, StringComparison.Ordinal);

        // The load balancer's check does not depend on it.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);

        // An SOS from Cambodia, where nobody can be paged, is still stored and confirmed with a number to call.
        var reply = await SendAsync("+85512345678", "SOS");
        var reference = EscalationHost.ReferenceIn(reply.Messages);
        Assert.NotNull(reference);
        Assert.NotNull(await Store.FindAsync(reference!));
        Assert.Contains(reply.Messages, m => m.Contains("call", StringComparison.OrdinalIgnoreCase));
    }
}
