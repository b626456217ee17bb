using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Tests.Support;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// A gateway on its own Redis database, with a copy of the shipped flows whose escalation file is a short test chain
/// (NGO partner by SMS, then the 1300 webhook, then the operation centre by voice, a few seconds apart) and page
/// numbers for those contacts. One WireMock server stands in for Twilio's Messages and Calls APIs and for the
/// hotline's webhook.
/// </summary>
public sealed partial class EscalationHost : IDisposable
{
    public const string NgoNumber = "+66815550101";
    public const string CentreNumber = "+66815550103";
    public const string PagingNumber = "+66815550900";
    public const string WebhookPath = "/hooks/th-1300";
    public const string WebhookSecret = "test-webhook-secret-0123456789";
    public const string MessagesPath = "/2010-04-01/Accounts/ACtest/Messages.json";
    public const string CallsPath = "/2010-04-01/Accounts/ACtest/Calls.json";

    public const string TestPolicy = """
        defaults: { acknowledge_within: 3s, repeat: 0, repeat_after: 1m }
        policies:
          - id: test-th
            countries: [TH]
            categories: [trafficking, labour, child_at_risk, other]
            levels:
              - name: ngo_partner
                targets: [ { contact: th-ngo-burmese, by: sms } ]
              - name: hotline_1300
                targets: [ { contact: th-1300, by: webhook, webhook: th-1300 } ]
              - name: operation_centre
                targets: [ { contact: th-phayao-operation-centre, by: voice } ]
        """;

    private readonly string _root;

    /// <summary>A host on <paramref name="database"/> of the shared test Redis, or on a private redis-server.</summary>
    /// <param name="database">The shared test server's database (5 to 10 are this host's); ignored with <paramref name="redisEndpoint"/>.</param>
    /// <param name="policy">flows/escalation.yaml for this host.</param>
    /// <param name="messagesError">A Twilio error body every SMS gets (400), or null to accept them.</param>
    /// <param name="webhookFailures">How many times the hotline answers 500 before it takes a page.</param>
    /// <param name="redisEndpoint">A private redis-server (database 0) instead of <paramref name="database"/> on the shared test server.</param>
    /// <param name="settings">More settings, e.g. <c>Escalation:FloodThreshold</c>.</param>
    /// <param name="centreForPhayaoOnly">
    /// Keep the operation centre for Phayao only, as shipped; otherwise it serves the whole country here, so that the
    /// chain's mechanics are tested with a third level every report reaches.
    /// </param>
    public EscalationHost(int database, string policy = TestPolicy, string? messagesError = null, int webhookFailures = 0, string? redisEndpoint = null, IDictionary<string, string?>? settings = null, bool centreForPhayaoOnly = false)
    {
        _root = Directory.CreateTempSubdirectory("gateway-escalation-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(_root, "flows", "escalation.yaml"), policy);
        SetPageNumber("th-ngo-burmese", NgoNumber);
        SetPageNumber("th-phayao-operation-centre", CentreNumber);
        if (!centreForPhayaoOnly)
        {
            ServeTheWholeCountry(Path.Combine(_root, "flows", "directory.yaml"));
        }

        // A database of its own, empty: no other test's jobs or reports.
        if (redisEndpoint is null)
        {
            RedisTestServer.Multiplexer.GetDatabase(database).Execute("FLUSHDB");
        }

        Mock = WireMockServer.Start();
        Mock.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(messagesError is null
                ? Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                    .WithBody(_ => $$"""{"sid": "SM{{Guid.NewGuid():N}}", "status": "queued", "num_segments": "1"}""")
                : Response.Create().WithStatusCode(400).WithHeader("Content-Type", "application/json").WithBody(messagesError));
        Mock.Given(Request.Create().WithPath(CallsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "CA{{Guid.NewGuid():N}}", "status": "queued"}"""));
        // The hotline takes the page; with webhookFailures it first answers 500 that many times.
        var taken = Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id": "hotline-case-1"}""");
        if (webhookFailures == 0)
        {
            Mock.Given(Request.Create().WithPath(WebhookPath).UsingPost()).RespondWith(taken);
        }
        else
        {
            for (var i = 0; i <= webhookFailures; i++)
            {
                var request = Mock.Given(Request.Create().WithPath(WebhookPath).UsingPost()).InScenario("hotline");
                request = i == 0 ? request : request.WhenStateIs($"failed {i}");
                if (i < webhookFailures)
                {
                    request.WillSetStateTo($"failed {i + 1}").RespondWith(Response.Create().WithStatusCode(500));
                }
                else
                {
                    request.RespondWith(taken);
                }
            }
        }

        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redisEndpoint ?? $"{RedisTestServer.Endpoint},defaultDatabase={database}",
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
            ["Gateway:JournalPath"] = Path.Combine(_root, "journal"),
            ["Twilio:ApiBaseUrl"] = Mock.Url,
            ["Twilio:FromNumber"] = "+15005550006",
            ["Twilio:PagingNumber"] = PagingNumber,
            ["Outbound:PollInterval"] = "00:00:00.100",
            ["Escalation:Webhooks:th-1300:Url"] = Mock.Url + WebhookPath,
            ["Escalation:Webhooks:th-1300:Secrets"] = WebhookSecret,
            ["Escalation:WebhookRetryBaseDelay"] = "00:00:00.500",
            ["Escalation:WebhookRetryMaxDelay"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new GatewayFactory(redis: true, settings: all);
        Client = Factory.CreateClient();
    }

    public WireMockServer Mock { get; }

    public GatewayFactory Factory { get; }

    public HttpClient Client { get; }

    public string FlowsFolder => Path.Combine(_root, "flows");

    public IReportStore Reports => Factory.Services.GetRequiredService<IReportStore>();

    public FlowHost Flows => Factory.Services.GetRequiredService<FlowHost>();

    /// <summary>Every page and webhook the mock received, oldest first, as (kind, request).</summary>
    public IReadOnlyList<(string Kind, IRequestMessage Request)> Pages =>
    [
        .. Mock.LogEntries.Select(e => e.RequestMessage).OrderBy(r => r.DateTime).Select(r => (r.Path switch
        {
            MessagesPath => "sms",
            CallsPath => "voice",
            WebhookPath => "webhook",
            _ => "other",
        }, r)),
    ];

    /// <summary>Texts the gateway by SMS webhook from <paramref name="phone"/>, as Twilio would, and returns the TwiML reply's messages.</summary>
    public async Task<IReadOnlyList<string>> TextAsync(string phone, string body)
    {
        using var request = GatewayFactory.SignedSms(phone, body);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants("Message").Select(m => m.Value)];
    }

    /// <summary>The reference in a reply, if it holds one.</summary>
    public static string? ReferenceIn(IEnumerable<string> messages) =>
        messages.SelectMany(m => ReferencePattern().Matches(m)).Select(m => m.Value).FirstOrDefault(ReportReference.IsValid);

    public async Task<IReadOnlyList<(string Kind, IRequestMessage Request)>> WaitForPagesAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (Pages.Count(p => p.Kind != "other") < count && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        return [.. Pages.Where(p => p.Kind != "other")];
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Mock.Stop();
        Mock.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    /// <summary>Drops the shipped <c>provinces: [Phayao]</c> of the operation centre from a copy of directory.yaml.</summary>
    public static void ServeTheWholeCountry(string directoryPath)
    {
        var text = File.ReadAllText(directoryPath);
        const string Provinces = "    provinces: [Phayao]\n";
        Assert.Contains(Provinces, text, StringComparison.Ordinal);
        File.WriteAllText(directoryPath, text.Replace(Provinces, string.Empty, StringComparison.Ordinal));
    }

    private void SetPageNumber(string id, string number) => SetPageNumber(Path.Combine(_root, "flows", "directory.yaml"), id, number);

    /// <summary>Gives the target <paramref name="id"/> a page number in a copy of directory.yaml, in place of its placeholder.</summary>
    public static void SetPageNumber(string path, string id, string number)
    {
        var text = File.ReadAllText(path);
        var at = text.IndexOf("id: " + id, StringComparison.Ordinal);
        var line = text.IndexOf("page_number: placeholder", at, StringComparison.Ordinal);
        Assert.True(at >= 0 && line > at, $"directory.yaml has no page_number placeholder for {id}");
        File.WriteAllText(path, text[..line] + $"page_number: \"{number}\"" + text[(line + "page_number: placeholder".Length)..]);
    }

    [GeneratedRegex("(?<![A-Z0-9])[2-9A-HJ-NP-Z]{7}(?![A-Z0-9])")]
    private static partial Regex ReferencePattern();
}
