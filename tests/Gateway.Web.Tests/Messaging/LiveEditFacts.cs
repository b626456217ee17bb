using System.Net.Http.Json;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Messaging;

/// <summary>Edits to flows/ and localization/ are served without a restart; a broken edit is refused.</summary>
public sealed class LiveEditFacts : IDisposable
{
    private readonly ShippedCopies _copies = new();

    public void Dispose() => _copies.Dispose();

    private string CopyShipped() => _copies.Make("gateway-live-");

    private static GatewayFactory Host(string root, bool redis = false) => ShippedCopies.Host(root, redis);

    private static void Edit(string root, string file, string from, string to)
    {
        var path = Path.Combine(root, file);
        var text = File.ReadAllText(path);
        Assert.Contains(from, text, StringComparison.Ordinal);
        File.WriteAllText(path, text.Replace(from, to, StringComparison.Ordinal));
    }

    private static async Task<string> WaitForNewRevisionAsync(FlowHost host, string old)
    {
        for (var i = 0; i < 100 && host.Revision == old; i++)
        {
            await Task.Delay(100);
        }

        return host.Revision;
    }

    private static async Task<string> SayHelloAsync(HttpClient client, string phone)
    {
        using var response = await client.PostAsJsonAsync("/simulator/messages", new { phone, text = "MENU", language = "en" });
        return await response.Content.ReadAsStringAsync();
    }

    [Fact]
    public async Task ValidEdit_IsServedWithoutRestart_AndABrokenOneIsRefused()
    {
        var root = CopyShipped();
        using var factory = Host(root);
        using var client = factory.CreateClient();
        var host = factory.Services.GetRequiredService<FlowHost>();
        var first = host.Revision;

        Edit(root, "localization/en.yaml", "Travel Smart - Work Smart. In danger?", "Travel Smart - Work Smart (edited). In danger?");
        var second = await WaitForNewRevisionAsync(host, first);

        Assert.NotEqual(first, second);
        Assert.Contains("(edited)", await SayHelloAsync(client, "sim-live-1"), StringComparison.Ordinal);

        Edit(root, "flows/main.yaml", "        go: before_you_go", "        go: before_you_og");
        await Task.Delay(FlowFileWatcher.Settle * 5);

        Assert.Equal(second, host.Revision);
        Assert.Contains(factory.Logs, l => l.Contains("is refused", StringComparison.Ordinal) && l.Contains("flows/main.yaml:", StringComparison.Ordinal) && l.Contains("before_you_og", StringComparison.Ordinal));
        Assert.Contains("(edited)", await SayHelloAsync(client, "sim-live-2"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditOnOneProcess_IsServedByEveryProcessOnTheSameRedis()
    {
        var rootA = CopyShipped();
        var rootB = CopyShipped();
        using var a = Host(rootA, redis: true);
        using var b = Host(rootB, redis: true);
        _ = a.CreateClient();
        _ = b.CreateClient();
        var hostA = a.Services.GetRequiredService<FlowHost>();
        var hostB = b.Services.GetRequiredService<FlowHost>();
        var first = hostB.Revision;

        Edit(rootA, "localization/en.yaml", "Travel Smart - Work Smart. In danger?", "Travel Smart - Work Smart (shared edit). In danger?");
        var edited = await WaitForNewRevisionAsync(hostA, first);
        var seenByB = await WaitForNewRevisionAsync(hostB, first);

        Assert.NotEqual(first, edited);
        Assert.Equal(edited, seenByB);
        Assert.Contains("(shared edit)", hostB.Engine.Bundle.Texts.Resolve("menu.intro", "en", Core.Localization.Channel.Sms).Text, StringComparison.Ordinal);
    }
}
