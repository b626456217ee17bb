using System.Diagnostics;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The self-hosted fonts (src/Gateway.Web/wwwroot/fonts) in a real browser that has no font of its own for Myanmar,
/// Khmer, Lao or Thai (tests/e2e/fonts.test.mjs, run once by <see cref="WebFontsBrowserHost"/>): each case is one
/// node test, on the simulator and on the console.
/// </summary>
public sealed class WebFontsBrowserFacts(WebFontsBrowserHost host) : IClassFixture<WebFontsBrowserHost>
{
    [Theory]
    [InlineData("the simulator draws Burmese, Shan, Pwo Karen, Khmer, Lao and Thai with the gateway's own fonts")]
    [InlineData("the console draws Burmese, Shan, Pwo Karen, Khmer, Lao and Thai with the gateway's own fonts")]
    public void BrowserTest_Passes(string name)
    {
        Assert.True(host.SetupError is null, $"The browser tests could not run:\n{host.SetupError}");
        Assert.True(host.Results.TryGetValue(name, out var passed), $"node ran no test named \"{name}\":\n{host.Output}");
        Assert.True(passed, $"\"{name}\" failed in the browser:\n{host.Output}");
    }
}

/// <summary>
/// Runs tests/e2e/fonts.test.mjs once: the embedded gateway with its shipped flows on a free loopback port and an
/// editor account to sign in to the console with. Missing node, npm or chromium is a failure with the install
/// command, never a skip. CONSOLE_SCREENSHOTS=1 saves both pages into docs/screenshots.
/// </summary>
public sealed class WebFontsBrowserHost : IAsyncLifetime, IDisposable
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(3);

    private GatewayFactory? _gateway;

    /// <summary>Top-level node test name → passed.</summary>
    public Dictionary<string, bool> Results { get; } = new(StringComparer.Ordinal);

    /// <summary>What node printed, for failure messages.</summary>
    public string Output { get; private set; } = string.Empty;

    /// <summary>Why the run could not happen at all, if it could not.</summary>
    public string? SetupError { get; private set; }

    public async Task InitializeAsync()
    {
        try
        {
            await RunAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or IOException or System.ComponentModel.Win32Exception)
        {
            SetupError = e.ToString();
        }
    }

    public async Task DisposeAsync()
    {
        if (_gateway is not null)
        {
            await _gateway.DisposeAsync();
        }
    }

    public void Dispose() => _gateway?.Dispose();

    private async Task RunAsync()
    {
        if (!File.Exists(ConsoleBrowserHost.Chromium))
        {
            throw new InvalidOperationException($"No chromium at {ConsoleBrowserHost.Chromium}: the fonts' browser test drives Debian's chromium (apt-get install -y chromium; scripts/test.sh says so). It never skips.");
        }

        await ConsoleBrowserHost.NpmCiAsync();
        _gateway = new GatewayFactory();
        _gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _gateway.StartServer();
        var url = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

        var start = new ProcessStartInfo("node", "--test --test-concurrency=1 --test-reporter=tap fonts.test.mjs")
        {
            WorkingDirectory = ConsoleBrowserHost.Folder,
        };
        start.Environment["GATEWAY_URL"] = url;
        start.Environment["FONTS_ACCOUNT"] = JsonSerializer.Serialize(await MakeEditorAsync(_gateway.Services));
        start.Environment["CHROMIUM_PATH"] = ConsoleBrowserHost.Chromium;
        if (Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") == "1")
        {
            var shots = Path.Combine(SharedData.RepositoryRoot, "docs", "screenshots");
            Directory.CreateDirectory(shots);
            start.Environment["SCREENSHOTS_DIR"] = shots;
        }

        var (code, output) = await ConsoleBrowserHost.RunProcessAsync(start, RunTimeout);
        Output = output;
        foreach (Match line in ConsoleBrowserHost.TapLine().Matches(output))
        {
            Results[line.Groups["name"].Value.Trim()] = line.Groups["not"].Length == 0;
        }

        if (Results.Count == 0)
        {
            throw new InvalidOperationException($"node --test ran no test (exit {code}):\n{output}");
        }
    }

    /// <summary>An editor of a new organisation, with a console password: the translations page is the console's sample.</summary>
    private static async Task<Dictionary<string, string>> MakeEditorAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IAccountStore>();
        var passwords = services.GetRequiredService<AccountPasswords>();
        var now = DateTimeOffset.UtcNow;
        const string organisation = "org_fonts2e2e";
        await store.CreateOrganisationAsync(new Organisation { Id = organisation, Name = "Fonts check", Countries = ["TH"], CreatedAt = now });
        var key = ApiKeys.New();
        var account = new Account { Id = AccountIds.NewAccountId(), OrganisationId = organisation, Name = "Content editor", Role = Role.Editor, ApiKeyId = key.KeyId, ApiKeyHash = key.Hash, CreatedAt = now };
        const string password = "correct horse fonts battery staple";
        await store.CreateAccountAsync(account with { PasswordHash = passwords.Hash(account, password) });
        return new Dictionary<string, string>(StringComparer.Ordinal) { ["id"] = account.Id, ["password"] = password };
    }
}
