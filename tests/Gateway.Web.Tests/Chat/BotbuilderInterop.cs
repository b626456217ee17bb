using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Chat;

/// <summary>
/// The real npm <c>botbuilder</c> package around a real gateway: tests/interop/botframework/connector.js (installed
/// with <c>npm ci</c> when its node_modules are missing or older than its lock file) runs the connector, the token
/// endpoint and the channel; the gateway listens on a free loopback port with its Bot Framework settings pointing
/// there. npm missing is a failure, never a skip.
/// </summary>
public sealed class BotbuilderInterop : IAsyncLifetime, IDisposable
{
    public const string AppId = "gateway-app-id";
    public const string AppPassword = "gateway-app-secret";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly StringBuilder _nodeOutput = new();
    private Process? _node;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "tests", "interop", "botframework");

    public GatewayFactory Gateway { get; private set; } = null!;

    /// <summary>The gateway's base URL, e.g. http://127.0.0.1:41234.</summary>
    public string GatewayUrl { get; private set; } = string.Empty;

    /// <summary>The node process's base URL: connector, token endpoint and key sets.</summary>
    public string BotFrameworkUrl { get; private set; } = string.Empty;

    /// <summary>What the node process printed, for failure messages.</summary>
    public string NodeOutput
    {
        get
        {
            lock (_nodeOutput)
            {
                return _nodeOutput.ToString();
            }
        }
    }

    public async Task InitializeAsync()
    {
        await InstallAsync();
        await StartNodeAsync();
        Gateway = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["BotFramework:AppId"] = AppId,
            ["BotFramework:AppPassword"] = AppPassword,
            ["BotFramework:OpenIdMetadataUrl"] = $"{BotFrameworkUrl}/channel/.well-known/openidconfiguration",
            ["BotFramework:TokenEndpoint"] = $"{BotFrameworkUrl}/aad/oauth2/v2.0/token",
        });
        Gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        Gateway.StartServer();
        GatewayUrl = Gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
    }

    /// <summary>Has the node channel sign <paramref name="activity"/> (a token of <paramref name="kind"/>) and post it to the gateway.</summary>
    public async Task<SendResult> SendAsync(string kind, JsonObject activity)
    {
        using var response = await _http.PostAsJsonAsync($"{BotFrameworkUrl}/test/send", new { gatewayUrl = GatewayUrl, kind, activity });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"The node channel failed: {body}\n{NodeOutput}");
        var json = JsonNode.Parse(body)!;
        return new SendResult((int)json["status"]!, (string)json["body"]!, (string)json["botbuilder"]!, (int)json["elapsedMs"]!);
    }

    /// <summary>What the connector received and refused, and what the token endpoint was asked.</summary>
    public async Task<JsonNode> StateAsync() =>
        JsonNode.Parse(await _http.GetStringAsync($"{BotFrameworkUrl}/test/state"))!;

    /// <summary>An activity as a channel sends it, replies asked at the node connector.</summary>
    public JsonObject Activity(string type, string conversationId, string channelId = "webchat") => new()
    {
        ["type"] = type,
        ["id"] = "act-" + Guid.NewGuid().ToString("N")[..12],
        ["timestamp"] = DateTimeOffset.UtcNow.ToString("O"),
        ["serviceUrl"] = BotFrameworkUrl + "/",
        ["channelId"] = channelId,
        ["from"] = new JsonObject { ["id"] = "user-" + conversationId.GetHashCode(StringComparison.Ordinal), ["name"] = "Someone" },
        ["recipient"] = new JsonObject { ["id"] = "gateway-bot", ["name"] = "Gateway" },
        ["conversation"] = new JsonObject { ["id"] = conversationId },
    };

    public async Task DisposeAsync()
    {
        if (_node is { HasExited: false })
        {
            _node.Kill(entireProcessTree: true);
            await _node.WaitForExitAsync();
        }

        if (Gateway is not null)
        {
            await Gateway.DisposeAsync();
        }
    }

    public void Dispose()
    {
        _node?.Dispose();
        _http.Dispose();
    }

    private static string Npm()
    {
        var path = Environment.GetEnvironmentVariable("PATH") ?? string.Empty;
        return path.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, "npm"))
            .FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "npm is not installed, and the Bot Framework interop test needs it (with Node.js 20) to install the real botbuilder package. "
                + "On Debian: apt-get install nodejs npm. This test never skips.");
    }

    private static async Task InstallAsync()
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        var lockFile = Path.Combine(Folder, "package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(lockFile))
        {
            return;
        }

        var npm = Npm();
        using var install = Process.Start(new ProcessStartInfo(npm, "ci --no-audit --no-fund")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        var output = install.StandardOutput.ReadToEndAsync();
        var errors = install.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(InstallTimeout);
        try
        {
            await install.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            install.Kill(entireProcessTree: true);
            throw new TimeoutException($"npm ci in {Folder} took longer than {InstallTimeout}.");
        }

        if (install.ExitCode != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({install.ExitCode}):\n{await output}\n{await errors}");
        }
    }

    private async Task StartNodeAsync()
    {
        var start = new ProcessStartInfo("node", "connector.js")
        {
            WorkingDirectory = Folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GATEWAY_APP_ID"] = AppId;
        start.Environment["GATEWAY_APP_PASSWORD"] = AppPassword;
        _node = Process.Start(start) ?? throw new InvalidOperationException("node could not be started.");
        var ready = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        _node.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            Append(e.Data);
            if (e.Data.StartsWith("{\"ready\":true", StringComparison.Ordinal))
            {
                ready.TrySetResult((int)JsonNode.Parse(e.Data)!["port"]!);
            }
        };
        _node.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                Append(e.Data);
            }
        };
        _node.EnableRaisingEvents = true;
        _node.Exited += (_, _) => ready.TrySetException(new InvalidOperationException($"node connector.js exited ({_node.ExitCode}):\n{NodeOutput}"));
        _node.BeginOutputReadLine();
        _node.BeginErrorReadLine();

        var port = await ready.Task.WaitAsync(StartTimeout);
        BotFrameworkUrl = $"http://127.0.0.1:{port}";
    }

    private void Append(string line)
    {
        lock (_nodeOutput)
        {
            _nodeOutput.AppendLine(line);
        }
    }

    /// <summary>The gateway's answer to one activity, and botbuilder's own verdict on its token.</summary>
    public sealed record SendResult(int Status, string Body, string Botbuilder, int ElapsedMs);
}
