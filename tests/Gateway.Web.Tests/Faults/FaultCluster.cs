using System.Text.Json;
using System.Web;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Jobs;
using Gateway.Web.Faults;
using Gateway.Web.Tests.Reports;
using Hangfire;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// Gateway processes that share one Redis (a redis-server of the test's own, with AOF and <c>appendfsync always</c>,
/// that the test may kill) and one WireMock server standing in for Twilio's Messages and Calls APIs and the 1300
/// hotline's webhook. The flows are the shipped ones with <see cref="Policy"/>: NGO partner by SMS,
/// then the hotline webhook, then the operation centre by voice, two seconds apart. Processes are started,
/// crashed at a <see cref="CrashAt"/> point and started again; timings that decide recovery are short here
/// (Hangfire's invisibility timeout, the page and outbox leases) and named in <see cref="Settings"/>.
/// </summary>
public sealed class FaultCluster : IDisposable
{
    /// <summary>A job its dead process took runs again after this (a minute in production).</summary>
    public static readonly TimeSpan InvisibilityTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The test chain with two seconds between levels.</summary>
    public static readonly string Policy = EscalationHost.TestPolicy.Replace("acknowledge_within: 3s", "acknowledge_within: 2s", StringComparison.Ordinal);

    public static readonly string[] Levels = ["0.0.th-ngo-burmese/sms", "0.1.th-1300", "0.2.th-phayao-operation-centre/voice"];

    private static readonly string DataKey = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());

    private readonly string _root;
    private readonly List<GatewayProcess> _processes = [];
    private readonly List<CrashAt> _crashes = [];

    public FaultCluster(Func<IRequestMessage, IResponseMessage>? hotline = null, IDictionary<string, string?>? settings = null)
    {
        _root = Directory.CreateTempSubdirectory("gateway-faults-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(_root, "flows", "escalation.yaml"), Policy);
        SetPageNumber("th-ngo-burmese", EscalationHost.NgoNumber);
        SetPageNumber("th-phayao-operation-centre", EscalationHost.CentreNumber);
        EscalationHost.ServeTheWholeCountry(Path.Combine(_root, "flows", "directory.yaml"));

        Redis = new PrivateRedis();
        Mock = WireMockServer.Start();
        Mock.Given(Request.Create().WithPath(EscalationHost.MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "SM{{Guid.NewGuid():N}}", "status": "queued", "num_segments": "1"}"""));
        Mock.Given(Request.Create().WithPath(EscalationHost.CallsPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "CA{{Guid.NewGuid():N}}", "status": "queued"}"""));
        Mock.Given(Request.Create().WithPath(EscalationHost.WebhookPath).UsingPost())
            .RespondWith(hotline is null
                ? Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"id": "hotline-case-1"}""")
                : Response.Create().WithCallback(hotline));

        Settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = Redis.Endpoint,
            ["Gateway:DataKey"] = DataKey,
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
            ["Twilio:ApiBaseUrl"] = Mock.Url,
            ["Twilio:FromNumber"] = "+15005550006",
            ["Twilio:PagingNumber"] = EscalationHost.PagingNumber,
            ["Outbound:PollInterval"] = "00:00:00.100",
            // A page whose sender died is taken over after these leases (2 min and 45 s in production); a provider
            // slower than the send timeouts (a loaded test machine) makes the gateway try again, as it should.
            ["Outbound:LeaseDuration"] = "00:00:05",
            ["Outbound:SendTimeout"] = "00:00:04",
            ["Escalation:NotificationLease"] = "00:00:05",
            // These tests count pages, not floods: no page is held for a summary.
            ["Escalation:FloodThreshold"] = "1000",
            ["Escalation:Webhooks:th-1300:Url"] = Mock.Url + EscalationHost.WebhookPath,
            ["Escalation:Webhooks:th-1300:Secrets"] = EscalationHost.WebhookSecret,
            ["Escalation:Webhooks:th-1300:Timeout"] = "00:00:04",
            ["Escalation:WebhookRetryBaseDelay"] = "00:00:00.500",
            ["Escalation:WebhookRetryMaxDelay"] = "00:00:01",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            Settings[key] = value;
        }
    }

    public PrivateRedis Redis { get; }

    public WireMockServer Mock { get; }

    public Dictionary<string, string?> Settings { get; }

    /// <summary>Starts a gateway process on the shared Redis, with its own Hangfire server and outbound worker.</summary>
    public GatewayProcess Start(CrashAt? crash = null, TimeSpan? invisibilityTimeout = null)
    {
        if (crash is not null)
        {
            _crashes.Add(crash);
        }

        var process = new GatewayProcess(Settings, crash, invisibilityTimeout ?? InvisibilityTimeout);
        _processes.Add(process);
        return process;
    }

    /// <summary>
    /// Every page WireMock received, oldest first, named by report and notification id (<c>{round}.{level}.{target}</c>):
    /// an SMS by the outbox message its status callback names, a call by its status callback, a webhook by its delivery id.
    /// </summary>
    public async Task<IReadOnlyList<Page>> PagesAsync(GatewayProcess process)
    {
        ArgumentNullException.ThrowIfNull(process);
        var outbox = process.Services.GetRequiredService<IOutbox>();
        var pages = new List<Page>();
        foreach (var entry in Mock.LogEntries.OrderBy(e => e.RequestMessage.DateTime))
        {
            var request = entry.RequestMessage;
            var status = Convert.ToInt32(entry.ResponseMessage.StatusCode, System.Globalization.CultureInfo.InvariantCulture);
            switch (request.Path)
            {
                case EscalationHost.MessagesPath:
                    var sms = HttpUtility.ParseQueryString(request.Body!);
                    var outboxId = HttpUtility.ParseQueryString(new Uri(sms["StatusCallback"]!).Query)["id"]!;
                    var message = (await outbox.LoadAsync(outboxId))?.Message;
                    if (message?.Correlation?.Split(':') is ["page", var reference, var id])
                    {
                        pages.Add(new Page("sms", reference, id, request.DateTime, status, outboxId, message.PossibleDuplicate));
                    }

                    break;
                case EscalationHost.CallsPath:
                    var call = HttpUtility.ParseQueryString(request.Body!);
                    var page = HttpUtility.ParseQueryString(new Uri(call["StatusCallback"]!).Query)["page"]!.Split(':');
                    pages.Add(new Page("voice", page[0], page[1], request.DateTime, status, null, false));
                    break;
                case EscalationHost.WebhookPath:
                    var delivery = request.Headers!["X-Gateway-Delivery"][0];
                    var dot = delivery.IndexOf('.', StringComparison.Ordinal);
                    using (var body = JsonDocument.Parse(request.Body!))
                    {
                        pages.Add(new Page("webhook", delivery[..dot], delivery[(dot + 1)..], request.DateTime, status, null, body.RootElement.GetProperty("possible_duplicate").GetBoolean()));
                    }

                    break;
            }
        }

        return pages;
    }

    /// <summary>
    /// Waits until every level of every report was paged (answered 2xx) and every chain ran to its end (the last
    /// level's wait for an acknowledgement over), or the timeout passes.
    /// </summary>
    public async Task<IReadOnlyList<Page>> WaitForEveryLevelAsync(GatewayProcess process, IReadOnlyCollection<string> references, TimeSpan timeout)
    {
        ArgumentNullException.ThrowIfNull(process);
        var reports = process.Services.GetRequiredService<IReportStore>();
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var pages = await PagesAsync(process);
            var done = references.All(r => Levels.All(id => pages.Any(p => p.Reference == r && p.NotificationId == id && p.Status < 300)));
            foreach (var reference in done ? references : [])
            {
                done &= (await reports.FindAsync(reference))?.Escalation?.Exhausted == true;
            }

            if (done || DateTime.UtcNow > deadline)
            {
                return pages;
            }

            await Task.Delay(200);
        }
    }

    /// <summary>
    /// Every target of every level of each report was paged, and no page went twice except one the gateway marked
    /// a possible duplicate: on the report's notification (sent again after its lease ran out) or, for an SMS whose
    /// copy Twilio took twice, on the outbox message. Each notification ended sent, with its provider's id, and the
    /// chain ran to its end (every level done, nobody acknowledged, so the chain is exhausted).
    /// </summary>
    public static async Task<IReadOnlyList<string>> AssertEveryTargetPagedAsync(GatewayProcess process, IReadOnlyList<Page> pages, IReadOnlyCollection<string> references)
    {
        ArgumentNullException.ThrowIfNull(process);
        ArgumentNullException.ThrowIfNull(pages);
        var reports = process.Services.GetRequiredService<IReportStore>();
        var duplicates = new List<string>();
        var delivered = pages.Where(p => p.Status < 300).ToList();
        Assert.All(delivered, p => Assert.Contains(p.Reference, references));
        foreach (var reference in references)
        {
            var report = await reports.FindAsync(reference);
            Assert.NotNull(report);
            foreach (var id in Levels)
            {
                var copies = delivered.Where(p => p.Reference == reference && p.NotificationId == id).ToList();
                Assert.True(copies.Count >= 1, $"{reference}: {id} was never paged. The report ({report!.Language}) says: {string.Join(" | ", report.Timeline.Select(t => $"{t.At:HH:mm:ss.fff} {t.Kind}: {t.Text}"))}");
                var notification = Assert.Single(report!.Notifications, n => n.Id == id);
                Assert.Equal(NotificationStatus.Sent, notification.Status);
                Assert.NotNull(notification.DeliveryId ?? notification.ProviderId);
                if (copies.Count == 1)
                {
                    continue;
                }

                Assert.True(copies.Count == 2, $"{reference}: {id} was paged {copies.Count} times.");
                var sameOutboxMessage = copies[0].OutboxId is not null && copies[0].OutboxId == copies[1].OutboxId;
                var marked = sameOutboxMessage ? copies[1].MarkedDuplicate : notification.PossibleDuplicate;
                Assert.True(marked, $"{reference}: {id} was paged twice and the gateway did not mark it a possible duplicate.");
                duplicates.Add(id);
            }

            Assert.True(report!.Escalation!.Exhausted, $"{reference}: the chain did not run to its end ({report.Escalation.Level} level(s) done).");
        }

        return duplicates;
    }

    public void Dispose()
    {
        foreach (var process in _processes)
        {
            process.Dispose();
        }

        foreach (var crash in _crashes)
        {
            crash.Bury();
        }

        Mock.Stop();
        Mock.Dispose();
        Redis.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private void SetPageNumber(string id, string number) => EscalationHost.SetPageNumber(Path.Combine(_root, "flows", "directory.yaml"), id, number);
}

/// <summary>One page WireMock received: its kind, report and notification id, when, what WireMock answered, and whether it was marked a possible duplicate.</summary>
public sealed record Page(string Kind, string Reference, string NotificationId, DateTime At, int Status, string? OutboxId, bool MarkedDuplicate);

/// <summary>One gateway process (an in-process host) on the cluster's Redis.</summary>
public sealed class GatewayProcess : IDisposable
{
    private readonly GatewayFactory _factory;
    private readonly WebApplicationFactory<Program> _host;
    private bool _dead;

    public GatewayProcess(IDictionary<string, string?> settings, CrashAt? crash, TimeSpan invisibilityTimeout)
    {
        _factory = new GatewayFactory(settings: settings);
        _host = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<ICrashPoints>(crash is null ? new NoCrashPoints() : crash);
            // Abandoned jobs looked for when a process starts and then once a minute, as these tests were written for:
            // with a one-second timeout, looking more often would also start a live process's slower steps twice.
            services.AddSingleton(sp => JobStorageFactory.Redis(sp.GetRequiredService<IConnectionMultiplexer>(), invisibilityTimeout: invisibilityTimeout, abandonedJobCheckInterval: TimeSpan.FromMinutes(1)));
            // A stopping host waits this long for work in progress; a dead process waits for nothing.
            services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(1));
        }));
        Client = _host.CreateClient();
    }

    public HttpClient Client { get; }

    public IServiceProvider Services => _host.Services;

    /// <summary>Every log line of this process.</summary>
    public IEnumerable<string> Logs => _factory.Logs;

    /// <summary>Texts the gateway as Twilio would, from <paramref name="phone"/>; returns the TwiML reply's messages.</summary>
    public async Task<IReadOnlyList<string>> TextAsync(string phone, string body)
    {
        using var request = GatewayFactory.SignedSms(phone, body);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants("Message").Select(m => m.Value)];
    }

    /// <summary>
    /// A Burmese speaker (the language the test chain's NGO partner speaks) chooses Burmese and sends SOS in
    /// Burmese from <paramref name="phone"/>; returns the reference in the confirmation.
    /// </summary>
    public async Task<string> SosAsync(string phone)
    {
        await TextAsync(phone, "hello");
        await TextAsync(phone, "2");
        var reference = EscalationHost.ReferenceIn(await TextAsync(phone, "ကယ်ပါ"));
        Assert.NotNull(reference);
        return reference!;
    }

    /// <summary>
    /// The process is gone: its host is abandoned (the thread frozen at the crash point never comes back) and its
    /// Redis connections close. What it held (a Hangfire job, a page's lease, an outbox lease) is left as it was.
    /// </summary>
    public void Kill()
    {
        if (_dead)
        {
            return;
        }

        _dead = true;
        if (Environment.GetEnvironmentVariable("FAULTS_DEBUG_LOG") is { Length: > 0 } debugLog)
        {
            File.AppendAllLines(debugLog, [$"==== kill {DateTime.UtcNow:HH:mm:ss.fff}", .. _factory.Logs.Select(l => l.Length > 400 ? l[..400] : l)]);
        }

        Client.Dispose();
        var services = _host.Services;
        try
        {
            _factory.Dispose();
        }
        catch (Exception e) when (e is OperationCanceledException or AggregateException)
        {
            // Hangfire's server could not stop: one of its workers is frozen at the crash point. Stopping gave up
            // after the host's shutdown timeout; the container is disposed here instead, closing its connections.
            (services as IDisposable)?.Dispose();
        }
    }

    public void Dispose() => Kill();
}
