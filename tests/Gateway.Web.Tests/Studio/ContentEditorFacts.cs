using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Web.Messaging;
using Gateway.Web.Studio;
using Gateway.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Studio;

/// <summary>
/// Every way content changes passes the one approval gate: a text edit through the API, a spreadsheet import and a
/// directory number. A disguised number or a lost hotline placeholder is held; a harmless edit is served at once; the
/// author, an account the author made and a reviewer of other languages cannot approve.
/// </summary>
public sealed class ContentEditorFacts : IDisposable
{
    private readonly ShippedCopies _copies = new();

    public void Dispose() => _copies.Dispose();

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response) => await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>An account made by <paramref name="admin"/> through the accounts API, as an admin would make a second one.</summary>
    private static async Task<(string Id, HttpClient Client)> MadeByAsync(Seeded admin, GatewayFactory factory, string role, string[]? languages = null)
    {
        using var created = await admin.Client(factory).PostAsJsonAsync("/api/accounts", new { name = "Made by the admin", role, languages });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = await JsonAsync(created);
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", body.GetProperty("apiKey").GetString());
        return (body.GetProperty("account").GetProperty("id").GetString()!, client);
    }

    [Fact]
    public async Task ThroughTheApi_ADisguisedNumberIsHeld_AndAHarmlessEditIsServedAtOnce()
    {
        var root = _copies.Make("gateway-gate-");
        using var factory = ShippedCopies.Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var file = Path.Combine(root, "localization/en.yaml");
        var original = File.ReadAllText(file);
        var before = host.Revision;

        // checkin.waiting is a check-in text: only its number makes this change wait.
        using var disguised = await client.PutAsJsonAsync("/api/content/texts/en/checkin.waiting", new { text = "Stay in a group. Do not go to a customer's hotel. Help: 1\u200B1\u200B9\u200B1." });
        Assert.Equal(HttpStatusCode.Accepted, disguised.StatusCode);
        Assert.Contains("no number becomes 1191", (await JsonAsync(disguised)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Revision);
        Assert.Equal(original, File.ReadAllText(file));

        using var dotted = await client.PutAsJsonAsync("/api/content/texts/en/checkin.waiting", new { text = "Stay in a group. Do not go to a customer's hotel.", variants = new { ussd = "Stay in a group. Call ๑.๑.๙.๑" } });
        Assert.Equal(HttpStatusCode.Accepted, dotted.StatusCode);

        using var harmless = await client.PutAsJsonAsync("/api/content/texts/en/checkin.waiting", new { text = "Stay with your group. Do not go to a customer's hotel." });
        Assert.Equal(HttpStatusCode.OK, harmless.StatusCode);
        Assert.NotEqual(before, host.Revision);
        Assert.Equal("Stay with your group. Do not go to a customer's hotel.", host.Engine.Bundle.Texts.Language("en")!.Texts["checkin.waiting"].Text);
        Assert.Equal(2, (await client.GetFromJsonAsync<JsonElement>("/api/content/pending")).GetArrayLength());
    }

    [Fact]
    public async Task ThroughTheApi_RemovingTheHotlinePlaceholder_IsHeld_FromADangerTextAndFromAnyOther()
    {
        var root = _copies.Make("gateway-gate-");
        using var factory = ShippedCopies.Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;

        // English danger text without the danger line: flows validate refuses it outright (text.danger_line).
        using var refused = await client.PutAsJsonAsync("/api/content/texts/en/connect.none", new { text = "Nobody can take a call right now. If you are in danger, call the police." });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("does not give the number to call", (await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        using var danger = await client.PutAsJsonAsync("/api/content/texts/my/system.rate_limited", new { text = "မက်ဆေ့ချ် ရပါပြီ။" });
        Assert.Equal(HttpStatusCode.Accepted, danger.StatusCode);
        Assert.Contains("purpose is danger", (await JsonAsync(danger)).GetProperty("message").GetString(), StringComparison.Ordinal);

        using var system = await client.PutAsJsonAsync("/api/content/texts/my/system.unavailable", new { text = "မက်ဆေ့ချ် ရပါပြီ။" });
        Assert.Equal(HttpStatusCode.Accepted, system.StatusCode);
        Assert.Contains("{hotline_danger}", (await JsonAsync(system)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.Revision);
    }

    [Fact]
    public async Task ACsvImport_HoldsTheRowWithADisguisedNumber_AndServesTheHarmlessRow()
    {
        var root = _copies.Make("gateway-gate-");
        using var factory = ShippedCopies.Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var khmer = host.Engine.Bundle.Texts.Language("km")!;
        var csv = Encoding.UTF8.GetString(await client.GetByteArrayAsync("/api/content/translations/km.csv"));
        var menu = khmer.Texts["menu.report"].Text;
        var waiting = khmer.Texts["checkin.waiting"].Text;
        var menuLine = csv.Split("\r\n").Single(l => l.StartsWith("menu.report,", StringComparison.Ordinal));
        var waitingLine = csv.Split("\r\n").Single(l => l.StartsWith("checkin.waiting,", StringComparison.Ordinal));
        var edited = csv.Replace(menuLine, menuLine.Replace(menu, menu + " ថ្មី", StringComparison.Ordinal), StringComparison.Ordinal)
            .Replace(waitingLine, waitingLine.Replace(waiting, waiting + " ១\u00AD៣\u2060០០", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Equal(2, csv.Split("\r\n").Zip(edited.Split("\r\n")).Count(p => p.First != p.Second));

        using var imported = await client.PostAsync("/api/content/translations/km.csv", new StringContent(edited, Encoding.UTF8, "text/csv"));

        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Contains("1 wait for a second person", (await JsonAsync(imported)).GetProperty("result").GetProperty("message").GetString(), StringComparison.Ordinal);
        var served = host.Engine.Bundle.Texts.Language("km")!.Texts;
        Assert.Equal(menu + " ថ្មី", served["menu.report"].Text);
        Assert.Equal(waiting, served["checkin.waiting"].Text);
        var pending = Assert.Single((await client.GetFromJsonAsync<JsonElement>("/api/content/pending")).EnumerateArray());
        Assert.Equal("checkin.waiting", pending.GetProperty("text").GetProperty("key").GetString());
        Assert.Contains("1300", pending.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADirectoryNumber_IsApprovedNeitherByItsAuthor_NorByAnAccountTheAuthorMade_NorByItsMaker_ButByAnotherEditor()
    {
        var root = _copies.Make("gateway-gate-");
        using var factory = ShippedCopies.Host(root);
        var admin = await AccountSeed.AccountAsync(factory.Services, Role.Admin);
        var other = await AccountSeed.AccountAsync(factory.Services, Role.Editor, admin.Organisation);
        var (secondId, second) = await MadeByAsync(admin, factory, "admin");
        using var _ = second;
        var host = factory.Services.GetRequiredService<FlowHost>();
        Assert.Equal(admin.Account.Id, (await factory.Services.GetRequiredService<IAccountStore>().FindAccountAsync(secondId))!.CreatedBy);

        using var proposed = await admin.Client(factory).PutAsJsonAsync("/api/content/directory/th-ngo-burmese/page_number", new { value = "+15005550006" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var id = (await JsonAsync(proposed)).GetProperty("pendingId").GetString();

        using var self = await admin.Client(factory).PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        using var sock = await second.PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, sock.StatusCode);
        Assert.Contains("was made by", (await JsonAsync(sock)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Null(host.Engine.Bundle.Directory.Find("th-ngo-burmese")!.PageNumber);

        using var approved = await other.Client(factory).PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("+15005550006", host.Engine.Bundle.Directory.Find("th-ngo-burmese")!.PageNumber);

        // The other way round: proposed through the account the admin made, approved by the admin.
        using var reverse = await second.PutAsJsonAsync("/api/content/directory/th-ngo-burmese/page_number", new { value = "+15005550009" });
        Assert.Equal(HttpStatusCode.Accepted, reverse.StatusCode);
        var reverseId = (await JsonAsync(reverse)).GetProperty("pendingId").GetString();
        using var maker = await admin.Client(factory).PostAsync($"/api/content/pending/{reverseId}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, maker.StatusCode);
        Assert.Contains("made the account of", (await JsonAsync(maker)).GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal("+15005550006", host.Engine.Bundle.Directory.Find("th-ngo-burmese")!.PageNumber);
    }

    [Fact]
    public async Task AReviewerOfOtherLanguages_CannotApproveABurmeseText_ButAnEditorForAnyLanguageCan()
    {
        var root = _copies.Make("gateway-gate-");
        using var factory = ShippedCopies.Host(root);
        var admin = await AccountSeed.AccountAsync(factory.Services, Role.Admin);
        var author = await AccountSeed.AccountAsync(factory.Services, Role.Editor, admin.Organisation);
        var (_, thai) = await MadeByAsync(admin, factory, "editor", ["th"]);
        using var __ = thai;
        var host = factory.Services.GetRequiredService<FlowHost>();

        using var proposed = await author.Client(factory).PutAsJsonAsync("/api/content/texts/my/sos.received", new { text = "SOS ရပါပြီ ({ref})။ ဖြစ်နိုင်ရင် {hotline_danger} ကို အခုပဲ ဖုန်းဆက်ပါ။" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var id = (await JsonAsync(proposed)).GetProperty("pendingId").GetString();

        using var refused = await thai.PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("reviews th only", (await JsonAsync(refused)).GetProperty("message").GetString(), StringComparison.Ordinal);

        using var approved = await admin.Client(factory).PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.StartsWith("SOS ရပါပြီ", host.Engine.Bundle.Texts.Language("my")!.Texts["sos.received"].Text, StringComparison.Ordinal);
    }
}
