using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Gateway.Bench.Http;
using Gateway.Channels.Twilio;

namespace Gateway.Bench.Escalation;

/// <summary>
/// The gateway as production runs it (<c>dotnet Gateway.Web.dll</c> from its own folder, Redis mode, configured
/// through the environment), over a copy of the shipped flows whose escalation.yaml is the benchmark's policy: every
/// country-TH report pages one webhook per level, <c>acknowledge_within</c> apart, with no repeat. People open
/// reports as they do on a phone: an SOS by SMS, a signed Twilio webhook from a Thai number.
/// </summary>
internal sealed class BenchGateway : IDisposable
{
    public const string PublicBaseUrl = "https://gw.example.org";
    public const string SmsPath = "/sms/twilio";
    private const string GatewayNumber = "+15005550006";

    private readonly string _authToken;
    private readonly string _accountSid;
    private readonly HttpClient _client = new(new SocketsHttpHandler { MaxConnectionsPerServer = 32, UseProxy = false, UseCookies = false })
    {
        // Twilio waits 15 s for a webhook's answer.
        Timeout = TimeSpan.FromSeconds(15),
    };

    private BenchGateway(ServerProcess process, Uri url, string authToken, string accountSid)
    {
        _authToken = authToken;
        _accountSid = accountSid;
        Process = process;
        Url = url;
    }

    public ServerProcess Process { get; }

    public Uri Url { get; }

    /// <summary>The level names of the benchmark's policy, which are also its webhooks' names.</summary>
    public static string LevelName(int level) => "level-" + (level + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>Writes the flows the gateway runs: the repository's, with the benchmark's escalation policy.</summary>
    public static string WriteFlows(string repositoryRoot, string folder, int levels, TimeSpan acknowledgeWithin)
    {
        var flows = Directory.CreateDirectory(Path.Combine(folder, "flows")).FullName;
        foreach (var file in Directory.EnumerateFiles(Path.Combine(repositoryRoot, "flows")))
        {
            File.Copy(file, Path.Combine(flows, Path.GetFileName(file)));
        }

        var policy = new StringBuilder();
        policy.AppendLine(CultureInfo.InvariantCulture, $"defaults: {{ acknowledge_within: {acknowledgeWithin.TotalSeconds:0}s, repeat: 0, repeat_after: 1m }}");
        policy.AppendLine("policies:");
        policy.AppendLine("  - id: bench");
        policy.AppendLine("    countries: [TH]");
        policy.AppendLine("    categories: [trafficking, labour, child_at_risk, other]");
        policy.AppendLine("    levels:");
        for (var level = 0; level < levels; level++)
        {
            policy.AppendLine(CultureInfo.InvariantCulture, $"      - name: {LevelName(level).Replace('-', '_')}");
            policy.AppendLine(CultureInfo.InvariantCulture, $"        targets: [ {{ by: webhook, webhook: {LevelName(level)} }} ]");
        }

        File.WriteAllText(Path.Combine(flows, "escalation.yaml"), policy.ToString());
        return flows;
    }

    public static async Task<BenchGateway> StartAsync(string gatewayDll, string repositoryRoot, string folder, string flows, string redisEndpoint, Uri sink, int levels, CancellationToken cancellationToken)
    {
        var port = ServerProcess.FreePort();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var authToken = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var accountSid = "AC" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = url.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ConnectionStrings__Redis"] = redisEndpoint,
            ["Gateway__DataKey"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["Gateway__PublicBaseUrl"] = PublicBaseUrl,
            ["Gateway__FlowsPath"] = flows,
            ["Gateway__LocalizationPath"] = Path.Combine(repositoryRoot, "localization"),
            // The load is many senders on one channel, far past the channel's limit: measure the gateway, not its limit.
            ["Inbound__MaxPerChannel"] = "0",
            ["Twilio__AuthToken"] = authToken,
            ["Twilio__AccountSid"] = accountSid,
            ["Gateway__JournalPath"] = Directory.CreateDirectory(Path.Combine(folder, "journal")).FullName,
            // Nothing here sends an SMS or a call; if something did, it must not leave the machine.
            ["Twilio__ApiBaseUrl"] = "http://127.0.0.1:9",
        };
        for (var level = 0; level < levels; level++)
        {
            var name = LevelName(level);
            environment[$"Escalation__Webhooks__{name}__Url"] = new Uri(sink, PageSink.PathPrefix + name).ToString();
            environment[$"Escalation__Webhooks__{name}__Secrets"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        }

        var process = ServerProcess.Start("gateway", "dotnet", [gatewayDll], environment, Path.GetDirectoryName(gatewayDll)!, Path.Combine(folder, "gateway.log"));
        var gateway = new BenchGateway(process, url, authToken, accountSid);
        try
        {
            await gateway.WaitReadyAsync(cancellationToken);
        }
        catch
        {
            gateway.Dispose();
            throw;
        }

        return gateway;
    }

    /// <summary>Distinct Thai mobile numbers, +6681 and seven digits, the same in every run.</summary>
    public static string[] Numbers(int count)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        var random = new Random(6681);
        while (numbers.Count < count)
        {
            numbers.Add("+6681" + random.Next(0, 10_000_000).ToString("D7", CultureInfo.InvariantCulture));
        }

        return [.. numbers];
    }

    /// <summary>Sends "SOS" from <paramref name="number"/>; returns null when the gateway answered with TwiML holding a message, else what was wrong.</summary>
    public async Task<string?> SosAsync(string number, CancellationToken cancellationToken)
    {
        KeyValuePair<string, string>[] form =
        [
            new("MessageSid", "SM" + Guid.NewGuid().ToString("N")),
            new("AccountSid", _accountSid),
            new("From", number),
            new("To", GatewayNumber),
            new("Body", "SOS"),
            new("NumMedia", "0"),
        ];
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(Url, SmsPath)) { Content = new FormUrlEncodedContent(form) };
        request.Headers.TryAddWithoutValidation(TwilioSignature.Header, TwilioSignature.Compute(PublicBaseUrl + SmsPath, form, _authToken));
        try
        {
            using var response = await _client.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return response.StatusCode == HttpStatusCode.OK && body.Contains("<Message>", StringComparison.Ordinal)
                ? null
                : $"{(int)response.StatusCode}: {body[..Math.Min(200, body.Length)]}";
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return e.Message;
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        Process.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Process.HasExited)
            {
                throw new InvalidOperationException($"The gateway exited while starting. The end of {Process.LogPath}:\n{Process.Tail()}");
            }

            try
            {
                using var response = await _client.GetAsync(new Uri(Url, "/health/ready"), cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                // Not listening yet.
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"The gateway was not ready within 90 s. The end of {Process.LogPath}:\n{Process.Tail()}");
            }

            await Task.Delay(200, cancellationToken);
        }
    }
}
