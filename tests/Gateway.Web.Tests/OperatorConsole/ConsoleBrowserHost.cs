using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Tests.Support;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// Runs tests/e2e/console.test.mjs once for <see cref="ConsoleBrowserFacts"/>: the embedded gateway listening on a
/// free loopback port, with a short escalation chain (two SMS levels, <see cref="LevelSeconds"/> apart) whose pages
/// and replies go to a WireMock Twilio, an organisation that sees every report with an admin, a responder, a viewer
/// and an account to lock out; then node's test runner drives Debian's chromium through playwright-core (installed
/// with <c>npm ci</c>). Each top-level node test's TAP line is kept in <see cref="Results"/>. Missing node, npm or
/// chromium is a failure with the install command, never a skip. CONSOLE_SCREENSHOTS=1 saves the main pages into
/// docs/screenshots.
/// </summary>
public sealed partial class ConsoleBrowserHost : IAsyncLifetime, IDisposable
{
    public const int LevelSeconds = 4;
    public const string NgoNumber = "+66815550201";
    public const string CentreNumber = "+66815550203";
    public const string OrganisationId = "org_console2e2e";
    public const string MessagesPath = "/2010-04-01/Accounts/ACtest/Messages.json";

    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(8);

    private string _root = string.Empty;
    private WireMockServer? _mock;
    private GatewayFactory? _gateway;

    public static string Folder => Path.Combine(SharedData.RepositoryRoot, "tests", "e2e");

    public static string Chromium => Environment.GetEnvironmentVariable("CHROMIUM_PATH") is { Length: > 0 } path ? path : "/usr/bin/chromium";

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

        _mock?.Stop();
        _mock?.Dispose();
        if (_root.Length > 0)
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    public void Dispose()
    {
        _gateway?.Dispose();
        _mock?.Dispose();
    }

    private async Task RunAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"No chromium at {Chromium}: the console's browser tests drive Debian's chromium (apt-get install -y chromium; scripts/test.sh does). They never skip.");
        }

        await NpmCiAsync();
        _root = Directory.CreateTempSubdirectory("gateway-console-e2e-").FullName;
        CopyFlows();

        _mock = WireMockServer.StartWithAdminInterface();
        _mock.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "SM{{Guid.NewGuid():N}}", "status": "queued", "num_segments": "1"}"""));

        _gateway = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
            ["Twilio:ApiBaseUrl"] = _mock.Url,
            ["Twilio:FromNumber"] = "+15005550006",
            ["Twilio:PagingNumber"] = "+66815550900",
            ["Outbound:PollInterval"] = "00:00:00.100",
            ["Reports:OperatorOrganisations"] = OrganisationId,
        });
        _gateway.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        _gateway.StartServer();
        var url = _gateway.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var accounts = await MakeAccountsAsync(_gateway.Services);

        var start = new ProcessStartInfo("node", "--test --test-concurrency=1 --test-reporter=tap console.test.mjs")
        {
            WorkingDirectory = Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["GATEWAY_URL"] = url;
        start.Environment["GATEWAY_PUBLIC_BASE_URL"] = GatewayFactory.PublicBaseUrl;
        start.Environment["TWILIO_AUTH_TOKEN"] = GatewayFactory.AuthToken;
        start.Environment["MOCK_URL"] = _mock.Url!;
        start.Environment["CONSOLE_ACCOUNTS"] = JsonSerializer.Serialize(accounts);
        start.Environment["PAGED_NUMBERS"] = $"{NgoNumber},{CentreNumber}";
        start.Environment["LEVEL_SECONDS"] = LevelSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["CHROMIUM_PATH"] = Chromium;
        if (Environment.GetEnvironmentVariable("CONSOLE_SCREENSHOTS") == "1")
        {
            var shots = Path.Combine(SharedData.RepositoryRoot, "docs", "screenshots");
            Directory.CreateDirectory(shots);
            start.Environment["SCREENSHOTS_DIR"] = shots;
        }

        var (code, output) = await RunProcessAsync(start, RunTimeout);
        Output = output;
        foreach (Match line in TapLine().Matches(output))
        {
            Results[line.Groups["name"].Value.Trim()] = line.Groups["not"].Length == 0;
        }

        if (Results.Count == 0)
        {
            throw new InvalidOperationException($"node --test ran no test (exit {code}):\n{output}");
        }
    }

    private static async Task<Dictionary<string, object>> MakeAccountsAsync(IServiceProvider services)
    {
        var store = services.GetRequiredService<IAccountStore>();
        var passwords = services.GetRequiredService<AccountPasswords>();
        var now = DateTimeOffset.UtcNow;
        await store.CreateOrganisationAsync(new Organisation { Id = OrganisationId, Name = "Hope Shelter", Countries = ["TH"], Languages = ["my", "th"], CreatedAt = now });
        var made = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var (who, role, name) in new[]
        {
            ("admin", Role.Admin, "Duty admin"),
            ("responder", Role.Responder, "Night desk"),
            ("viewer", Role.Viewer, "Board member"),
            ("editor", Role.Editor, "Content editor"),
            ("lockout", Role.Responder, "Day desk"),
        })
        {
            var key = ApiKeys.New();
            var password = $"correct horse {who} battery staple";
            var account = new Account { Id = AccountIds.NewAccountId(), OrganisationId = OrganisationId, Name = name, Role = role, ApiKeyId = key.KeyId, ApiKeyHash = key.Hash, CreatedAt = now };
            await store.CreateAccountAsync(account with { PasswordHash = passwords.Hash(account, password) });
            made[who] = new Dictionary<string, string> { ["id"] = account.Id, ["password"] = password };
        }

        return made;
    }

    /// <summary>The shipped flows with a short test chain: the NGO partner, then the operation centre, by SMS.</summary>
    private void CopyFlows()
    {
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(_root, "flows", "escalation.yaml"), $$"""
            defaults: { acknowledge_within: {{LevelSeconds}}s, repeat: 1, repeat_after: {{LevelSeconds}}s }
            policies:
              - id: console-th
                countries: [TH]
                categories: [trafficking, labour, child_at_risk, other]
                levels:
                  - name: ngo_partner
                    targets: [ { contact: th-ngo-burmese, by: sms } ]
                  - name: operation_centre
                    targets: [ { contact: th-phayao-operation-centre, by: sms } ]
            """);
        var directory = Path.Combine(_root, "flows", "directory.yaml");
        var text = File.ReadAllText(directory);
        foreach (var (id, number) in new[] { ("th-ngo-burmese", NgoNumber), ("th-phayao-operation-centre", CentreNumber) })
        {
            var at = text.IndexOf("id: " + id, StringComparison.Ordinal);
            var line = text.IndexOf("page_number: placeholder", at, StringComparison.Ordinal);
            Assert.True(at >= 0 && line > at, $"directory.yaml has no page_number placeholder for {id}");
            text = text[..line] + $"page_number: \"{number}\"" + text[(line + "page_number: placeholder".Length)..];
        }

        File.WriteAllText(directory, text);
        Gateway.Web.Tests.Reports.EscalationHost.ServeTheWholeCountry(directory);
    }

    internal static async Task NpmCiAsync()
    {
        var installed = Path.Combine(Folder, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(Folder, "package-lock.json")))
        {
            return;
        }

        var (code, output) = await RunProcessAsync(new ProcessStartInfo("npm", "ci --no-audit --no-fund") { WorkingDirectory = Folder }, InstallTimeout);
        if (code != 0)
        {
            throw new InvalidOperationException($"npm ci in {Folder} failed ({code}); the console's browser tests need Node.js and npm (apt-get install nodejs npm):\n{output}");
        }
    }

    internal static async Task<(int Code, string Output)> RunProcessAsync(ProcessStartInfo start, TimeSpan timeout)
    {
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        var output = new StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            lock (output)
            {
                output.AppendLine(e.Data);
            }
        };
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{start.FileName} {start.Arguments} took longer than {timeout}:\n{output}");
        }

        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    /// <summary>A top-level TAP result line of node's test runner: "ok 1 - name" or "not ok 2 - name".</summary>
    [GeneratedRegex(@"^(?<not>not )?ok \d+ - (?<name>.+?)\s*$", RegexOptions.Multiline)]
    internal static partial Regex TapLine();
}
