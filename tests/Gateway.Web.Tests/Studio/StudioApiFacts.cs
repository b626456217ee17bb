using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Gateway.Core.Accounts;
using Gateway.Core.Localization;
using Gateway.Web.Messaging;
using Gateway.Web.Tests.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Studio;

/// <summary>The studio API on a copy of the shipped flows: edits are validated, written back, served, and approved by a second person.</summary>
public sealed class StudioApiFacts : IDisposable
{
    private readonly ShippedCopies _copies = new();

    public void Dispose() => _copies.Dispose();

    private string CopyShipped() => _copies.Make("gateway-studio-");

    private static GatewayFactory Host(string root, bool redis = false) => ShippedCopies.Host(root, redis);

    private static string[] ChangedLines(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        return a.Length != b.Length ? ["(line count changed)"] : [.. Enumerable.Range(0, a.Length).Where(i => a[i] != b[i]).Select(i => b[i])];
    }

    [Fact]
    public async Task EditText_IsWrittenAsOneLine_ServedAtOnce_AndTheSimulatorSaysIt()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;
        var file = Path.Combine(root, "localization/my.yaml");
        var original = File.ReadAllText(file);

        using var response = await client.PutAsJsonAsync("/api/content/texts/my/menu.report", new { text = "ပြဿနာ တိုင်ကြားရန် (ပြင်ပြီး)" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotEqual(before, host.Revision);
        Assert.Equal(["  menu.report: { text: \"ပြဿနာ တိုင်ကြားရန် (ပြင်ပြီး)\", status: draft }"], ChangedLines(original, File.ReadAllText(file)));
        using var simulated = await factory.CreateClient().PostAsJsonAsync("/simulator/messages", new { phone = "sim-studio-1", text = "MENU", language = "my" });
        Assert.Contains("ပြဿနာ တိုင်ကြားရန် (ပြင်ပြီး)", await simulated.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditText_ThatTheValidatorRefuses_ChangesNothing_AndSaysWhere()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;
        var original = File.ReadAllText(Path.Combine(root, "localization/my.yaml"));

        using var response = await client.PutAsJsonAsync("/api/content/texts/my/menu.report", new { text = "ပြဿနာ {nonsense}" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("localization/my.yaml:", body, StringComparison.Ordinal);
        Assert.Contains("{nonsense}", body, StringComparison.Ordinal);
        Assert.Equal(before, host.Revision);
        Assert.Equal(original, File.ReadAllText(Path.Combine(root, "localization/my.yaml")));
    }

    [Fact]
    public async Task EditingAReviewedText_MakesItADraftAgain()
    {
        var root = CopyShipped();
        var file = Path.Combine(root, "localization/th.yaml");
        var text = File.ReadAllText(file);
        var line = text.Split('\n').First(l => l.StartsWith("  menu.report:", StringComparison.Ordinal));
        File.WriteAllText(file, text.Replace(line, line.Replace("status: draft", "status: reviewed, reviewer: \"A Reviewer (NGO)\", reviewed_on: 2026-11-01", StringComparison.Ordinal), StringComparison.Ordinal));
        using var factory = Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        Assert.Equal(TextStatus.Reviewed, host.Engine.Bundle.Texts.Language("th")!.Texts["menu.report"].Status);

        using var response = await client.PutAsJsonAsync("/api/content/texts/th/menu.report", new { text = "แจ้งปัญหาที่พบ" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var entry = host.Engine.Bundle.Texts.Language("th")!.Texts["menu.report"];
        Assert.Equal(TextStatus.Draft, entry.Status);
        Assert.Null(entry.Reviewer);
        Assert.DoesNotContain("A Reviewer", File.ReadAllText(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANumberChange_WaitsForASecondPerson_AndTheProposerCannotApproveIt()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var first = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        var second = await AccountSeed.AccountAsync(factory.Services, Role.Editor, first.Organisation);
        using var proposer = first.Client(factory);
        using var approver = second.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var directory = Path.Combine(root, "flows/directory.yaml");
        var original = File.ReadAllText(directory);

        using var proposed = await proposer.PutAsJsonAsync("/api/content/directory/th-ngo-burmese/page_number", new { value = "+15005550006" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pendingId").GetString();
        Assert.Equal(original, File.ReadAllText(directory));
        Assert.Null(host.Engine.Bundle.Directory.Find("th-ngo-burmese")!.PageNumber);

        using var self = await proposer.PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, self.StatusCode);
        Assert.Contains("needs a second person", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(directory));

        using var approved = await approver.PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("+15005550006", host.Engine.Bundle.Directory.Find("th-ngo-burmese")!.PageNumber);
        Assert.Single(ChangedLines(original, File.ReadAllText(directory)));

        using var again = await approver.PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
    }

    [Fact]
    public async Task ANumberTheValidatorRefuses_IsRefusedWhenProposed_NotAfterApproval()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);

        using var proposed = await editor.Client(factory).PutAsJsonAsync("/api/content/directory/th-ngo-burmese/page_number", new { value = "+66 2 000" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, proposed.StatusCode);
        Assert.Contains("flows/directory.yaml:", await proposed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Empty((await editor.Client(factory).GetFromJsonAsync<JsonElement>("/api/content/pending")).EnumerateArray());
    }

    [Fact]
    public async Task ATextWhoseNumberChanges_WaitsForApproval_AndARejectionChangesNothing()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var first = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        var admin = await AccountSeed.AccountAsync(factory.Services, Role.Admin, first.Organisation);
        using var proposer = first.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var before = host.Revision;

        using var proposed = await proposer.PutAsJsonAsync("/api/content/texts/en/menu.report", new { text = "Report a problem or call 1234" });
        Assert.Equal(HttpStatusCode.Accepted, proposed.StatusCode);
        Assert.Contains("no number becomes 1234", await proposed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, host.Revision);

        var items = await admin.Client(factory).GetFromJsonAsync<JsonElement>("/api/content/pending");
        var id = items.EnumerateArray().Single().GetProperty("id").GetString();
        using var rejected = await admin.Client(factory).PostAsync($"/api/content/pending/{id}/reject", null);
        Assert.Equal(HttpStatusCode.OK, rejected.StatusCode);
        Assert.Equal(before, host.Revision);
        Assert.Empty((await admin.Client(factory).GetFromJsonAsync<JsonElement>("/api/content/pending")).EnumerateArray());
    }

    [Fact]
    public async Task AViewer_ReadsTranslations_ButCannotEdit()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var viewer = await AccountSeed.AccountAsync(factory.Services, Role.Viewer);
        using var client = viewer.Client(factory);

        var rows = await client.GetFromJsonAsync<JsonElement>("/api/content/translations?language=shn&missing=true");
        Assert.NotEmpty(rows.EnumerateArray());
        Assert.All(rows.EnumerateArray(), r => Assert.True(r.GetProperty("missing").GetBoolean()));

        using var response = await client.PutAsJsonAsync("/api/content/texts/my/menu.report", new { text = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Csv_ExportedAndImportedBack_ChangesOnlyTheEditedRow_AndABrokenFileChangesNothing()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);
        var host = factory.Services.GetRequiredService<FlowHost>();
        var file = Path.Combine(root, "localization/km.yaml");
        var original = File.ReadAllText(file);

        var bytes = await client.GetByteArrayAsync("/api/content/translations/km.csv");
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var csv = Encoding.UTF8.GetString(bytes);
        var reportLine = csv.Split("\r\n").Single(l => l.StartsWith("menu.report,", StringComparison.Ordinal));
        var current = host.Engine.Bundle.Texts.Language("km")!.Texts["menu.report"].Text;
        var edited = csv.Replace(reportLine, reportLine.Replace(current, current + " ថ្មី", StringComparison.Ordinal), StringComparison.Ordinal);

        using var broken = await client.PostAsync("/api/content/translations/km.csv", new StringContent(edited + "menu.report,x,\"never closed,draft,\r\n", Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, broken.StatusCode);
        Assert.Contains("never closed", await broken.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(original, File.ReadAllText(file));

        using var preview = await client.PostAsync("/api/content/translations/km.csv?preview=true", new StringContent(edited, Encoding.UTF8, "text/csv"));
        var shown = await preview.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("menu.report", shown.GetProperty("changes").EnumerateArray().Single().GetProperty("key").GetString());
        Assert.Equal(original, File.ReadAllText(file));

        using var imported = await client.PostAsync("/api/content/translations/km.csv", new StringContent(edited, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);
        Assert.Equal(current + " ថ្មី", host.Engine.Bundle.Texts.Language("km")!.Texts["menu.report"].Text);
        Assert.Single(ChangedLines(original, File.ReadAllText(file)));
    }

    [Fact]
    public async Task WithRedis_AnEditIsServedByEveryProcess_AndAnotherProcessApprovesAPendingChange()
    {
        var rootA = CopyShipped();
        var rootB = CopyShipped();
        using var a = Host(rootA, redis: true);
        using var b = Host(rootB, redis: true);
        var first = await AccountSeed.AccountAsync(a.Services, Role.Editor);
        var second = await AccountSeed.AccountAsync(a.Services, Role.Editor, first.Organisation);
        var hostB = b.Services.GetRequiredService<FlowHost>();
        _ = b.CreateClient();
        var before = hostB.Revision;

        using var edited = await first.Client(a).PutAsJsonAsync("/api/content/texts/my/menu.report", new { text = "ပြဿနာ တိုင်ကြားရန် (Redis)" });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        for (var i = 0; i < 100 && hostB.Revision == before; i++)
        {
            await Task.Delay(100);
        }

        Assert.Equal("ပြဿနာ တိုင်ကြားရန် (Redis)", hostB.Engine.Bundle.Texts.Resolve("menu.report", "my", Channel.Sms).Text);

        using var proposed = await first.Client(a).PutAsJsonAsync("/api/content/directory/th-ngo-khmer/page_number", new { value = "+15005550009" });
        var id = (await proposed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("pendingId").GetString();
        using var approved = await second.Client(b).PostAsync($"/api/content/pending/{id}/approve", null);
        Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        Assert.Equal("+15005550009", hostB.Engine.Bundle.Directory.Find("th-ngo-khmer")!.PageNumber);
        // B applied the approval to the revision it serves, so A's edit is not lost, and B's files now hold both.
        Assert.Equal("ပြဿနာ တိုင်ကြားရန် (Redis)", hostB.Engine.Bundle.Texts.Resolve("menu.report", "my", Channel.Sms).Text);
        Assert.Contains("(Redis)", File.ReadAllText(Path.Combine(rootB, "localization/my.yaml")), StringComparison.Ordinal);
    }
}
