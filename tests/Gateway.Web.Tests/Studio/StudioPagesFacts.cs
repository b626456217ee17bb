using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Gateway.Web.Messaging;
using Gateway.Web.Tests.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Studio;

/// <summary>The console's flows and translations pages, signed in with the console's cookie and posting forms with their antiforgery token.</summary>
public sealed partial class StudioPagesFacts : IDisposable
{
    private const string Password = "correct horse battery staple";
    private readonly string _root;
    private readonly GatewayFactory _factory;

    public StudioPagesFacts()
    {
        _root = Directory.CreateTempSubdirectory("gateway-studio-pages-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        _factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
        });
    }

    public void Dispose()
    {
        _factory.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    private async Task<(HttpClient Client, Seeded Account)> SignInAsync(Role role, Organisation? organisation = null)
    {
        var seeded = await AccountSeed.AccountAsync(_factory.Services, role, organisation);
        var store = _factory.Services.GetRequiredService<IAccountStore>();
        var passwords = _factory.Services.GetRequiredService<AccountPasswords>();
        await store.UpdateAccountAsync(seeded.Account.Id, a => a with { PasswordHash = passwords.Hash(a, Password) });
        var client = _factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false });
        using var signedIn = await PostFormAsync(client, "/console/sign-in", new() { ["account"] = seeded.Account.Id, ["password"] = Password });
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return (client, seeded);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, Dictionary<string, string> form, string? action = null)
    {
        var html = await client.GetStringAsync(page);
        form["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value);
        return await client.PostAsync(action ?? page, new FormUrlEncodedContent(form));
    }

    [Fact]
    public async Task FlowsPage_ShowsEveryFlowsMermaid_AndLinksStatesToTheirTexts()
    {
        var (client, _) = await SignInAsync(Role.Viewer);

        var html = await client.GetStringAsync("/console/flows");

        Assert.Contains("stateDiagram-v2", html, StringComparison.Ordinal);
        Assert.Contains("id=\"flow-report\"", html, StringComparison.Ordinal);
        Assert.Contains("id=\"state-main-menu\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/console/translations?key=menu.report\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TranslationsPage_HighlightsMissingTexts_AndFiltersByLanguageAndStatus()
    {
        var (client, _) = await SignInAsync(Role.Viewer);

        var html = await client.GetStringAsync("/console/translations?language=shn&status=missing");

        Assert.Contains("class=\"gap\"", html, StringComparison.Ordinal);
        Assert.Contains("missing: readers get my", html, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"t-my-", html, StringComparison.Ordinal);
        Assert.DoesNotContain(">Edit<", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnEditor_ChangesABurmeseText_InTheBrowser_AndTheSimulatorShowsIt()
    {
        var (client, _) = await SignInAsync(Role.Editor);
        var host = _factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;
        const string Page = "/console/translations/edit?language=my&key=menu.report";

        using var saved = await PostFormAsync(client, Page, new() { ["language"] = "my", ["key"] = "menu.report", ["text"] = "ပြဿနာ တိုင်ကြားရန် (စမ်း)", ["sms"] = string.Empty, ["ussd"] = string.Empty });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("Saved as a draft", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEqual(before, host.Revision);
        Assert.Contains("menu.report: { text: \"ပြဿနာ တိုင်ကြားရန် (စမ်း)\", status: draft }", File.ReadAllText(Path.Combine(_root, "localization/my.yaml")), StringComparison.Ordinal);
        using var simulated = await _factory.CreateClient().PostAsJsonAsync("/simulator/messages", new { phone = "sim-studio-page", text = "MENU", language = "my" });
        Assert.Contains("ပြဿနာ တိုင်ကြားရန် (စမ်း)", await simulated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheEditForm_HoldsADisguisedNumber_ForASecondPerson()
    {
        var (client, _) = await SignInAsync(Role.Editor);
        var host = _factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;
        const string Page = "/console/translations/edit?language=en&key=checkin.waiting";

        using var saved = await PostFormAsync(client, Page, new() { ["language"] = "en", ["key"] = "checkin.waiting", ["text"] = "Stay in a group. Help: \uFF11.\uFF11.\uFF19.\uFF11.", ["sms"] = string.Empty, ["ussd"] = string.Empty });

        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        Assert.Contains("waits for a second person", await saved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, host.Revision);
    }

    [Fact]
    public async Task AViewer_CannotOpenTheEditForm_AndAFormWithoutItsTokenIsRefused()
    {
        var (viewer, _) = await SignInAsync(Role.Viewer);
        using var forbidden = await viewer.GetAsync("/console/translations/edit?language=my&key=menu.report");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);

        var (editor, _) = await SignInAsync(Role.Editor);
        using var noToken = await editor.PostAsync("/console/translations/edit?language=my&key=menu.report", new FormUrlEncodedContent(new Dictionary<string, string> { ["text"] = "x" }));
        Assert.Equal(HttpStatusCode.BadRequest, noToken.StatusCode);
    }

    [Fact]
    public async Task ApprovalsPage_HoldsANumberUntilASecondEditorApprovesIt()
    {
        var (first, proposer) = await SignInAsync(Role.Editor);
        var (second, _) = await SignInAsync(Role.Editor, proposer.Organisation);
        const string Page = "/console/translations/approvals";
        var host = _factory.Services.GetRequiredService<FlowHost>();

        using var proposed = await PostFormAsync(first, Page, new() { ["contactId"] = "th-ngo-lao", ["field"] = "page_number", ["value"] = "+15005550006" }, Page + "?handler=Propose");
        var shown = await proposed.Content.ReadAsStringAsync();
        Assert.Contains("waits for a second person", shown, StringComparison.Ordinal);
        Assert.Contains("You proposed this", shown, StringComparison.Ordinal);
        Assert.Null(host.Engine.Bundle.Directory.Find("th-ngo-lao")!.PageNumber);

        var id = (await _factory.Services.GetRequiredService<Gateway.Web.Studio.ContentEditor>().PendingAsync()).Single().Id;
        using var approved = await PostFormAsync(second, Page, new() { ["id"] = id }, Page + "?handler=Approve");
        Assert.Contains("is approved", await approved.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("+15005550006", host.Engine.Bundle.Directory.Find("th-ngo-lao")!.PageNumber);
    }
}
