using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Gateway.Core.Accounts;
using Gateway.Web.Tests.Accounts;

namespace Gateway.Web.Tests.Studio;

/// <summary>
/// The content API writes only the shipped files it knows by name: a language, key or directory entry written as
/// a path (dots, slashes, encoded or not) is refused and no file anywhere under the content root changes.
/// </summary>
public sealed class StudioPathFacts : IDisposable
{
    private readonly ShippedCopies _copies = new();

    public void Dispose() => _copies.Dispose();

    private static readonly string[] TextPaths =
    [
        "/api/content/texts/..%2F..%2Fflows%2Fmain/menu.report",
        "/api/content/texts/..%2Fflows%2Fkeywords/menu.report",
        "/api/content/texts/my/..%2F..%2Fetc%2Fpasswd",
        "/api/content/texts/my%2F..%2Fen/menu.report",
        "/api/content/texts/%2E%2E/menu.report",
        "/api/content/directory/..%2F..%2Fflows%2Fescalation/number",
    ];

    private static readonly string[] SpreadsheetLanguages = ["..%2Fflows%2Fmain", "..%2F..%2Ftmp%2Fx", "my%2F..%2F..%2Fflows%2Fmain"];

    [Fact]
    public async Task APathInPlaceOfALanguageKeyOrEntry_IsRefused_AndNoFileChanges()
    {
        var root = _copies.Make("gateway-studio-path-");
        var before = Fingerprint(root);
        using var factory = ShippedCopies.Host(root);
        var editor = await AccountSeed.AccountAsync(factory.Services, Role.Editor);
        using var client = editor.Client(factory);

        foreach (var path in TextPaths)
        {
            using var response = await client.PutAsJsonAsync(path, new { text = "written where it should not be", value = "+66 2 000 0000" });
            Assert.False(response.IsSuccessStatusCode, $"{path} answered {(int)response.StatusCode}");
        }

        foreach (var language in SpreadsheetLanguages)
        {
            using var response = await client.PostAsync($"/api/content/translations/{language}.csv", new StringContent("key,en,text,status\r\nmenu.report,x,y,draft\r\n", Encoding.UTF8, "text/csv"));
            Assert.False(response.IsSuccessStatusCode, $"{language} answered {(int)response.StatusCode}");
        }

        Assert.Equal(before, Fingerprint(root));
        Assert.False(File.Exists(Path.Combine(Directory.GetParent(root)!.FullName, "flows", "main.yaml")), "a file was written beside the content root");
    }

    private static string Fingerprint(string root)
    {
        var lines = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(root, f) + " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))));
        return string.Join('\n', lines);
    }
}
