using System.Collections.Concurrent;
using System.Globalization;
using System.Web;
using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Jobs;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Reports;
using StackExchange.Redis;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;
using Xunit.Abstractions;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// The built gateway, in a process of its own on a real redis-server, is killed with SIGKILL while it pages the
/// first level of a chain: the NGO's SMS is on its way to Twilio (the outbox message leased) and the hotline's
/// webhook is waiting for its answer (the step's Hangfire job taken, the page's intent leased). A fresh process
/// starts on the same Redis with the shipped recovery settings (<c>Jobs__InvisibilityTimeout</c>,
/// <c>Jobs__AbandonedJobCheckInterval</c>, <c>Escalation__NotificationLease</c>, <c>Outbound__LeaseDuration</c>), and
/// every level is still paged and the chain ends within the policy's time plus one minute of the report opening.
/// </summary>
public sealed class ProcessKillFacts(ITestOutputHelper output)
{
    /// <summary>Two levels ten seconds apart: the policy's own time is 20 s.</summary>
    private const string Policy = """
        defaults: { acknowledge_within: 10s, repeat: 0, repeat_after: 1m }
        policies:
          - id: test-th
            countries: [TH]
            categories: [trafficking, labour, child_at_risk, other]
            levels:
              - name: ngo_and_hotline
                targets: [ { contact: th-ngo-burmese, by: sms }, { contact: th-1300, by: webhook, webhook: th-1300 } ]
              - name: operation_centre
                targets: [ { contact: th-phayao-operation-centre, by: voice } ]
        """;

    private static readonly TimeSpan PolicyTime = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Bound = PolicyTime + TimeSpan.FromMinutes(1);

    /// <summary>How long Twilio's Messages API and the hotline take to answer: the window in which the process dies.</summary>
    private static readonly TimeSpan ProviderDelay = TimeSpan.FromSeconds(3);

    private static readonly string[] Pages = ["0.0.th-ngo-burmese/sms", "0.0.th-1300", "0.1.th-phayao-operation-centre/voice"];

    [Fact]
    public async Task SigkillWhilePagingTheFirstLevel_EveryLevelIsPaged_AndTheChainEndsWithinItsPolicyPlusAMinute()
    {
        using var redis = new PrivateRedis();
        using var mock = WireMockServer.Start();
        var arrivals = new ConcurrentQueue<(DateTime At, string Kind, string Detail)>();
        Stub(mock, EscalationHost.MessagesPath, 201, () => $$"""{"sid": "SM{{Guid.NewGuid():N}}", "status": "queued", "num_segments": "1"}""", ProviderDelay, r => arrivals.Enqueue((DateTime.UtcNow, "sms", HttpUtility.ParseQueryString(r.Body!)["Body"]!)));
        Stub(mock, EscalationHost.WebhookPath, 200, () => """{"id": "hotline-case-1"}""", ProviderDelay, r => arrivals.Enqueue((DateTime.UtcNow, "webhook", r.Body!)));
        Stub(mock, EscalationHost.CallsPath, 201, () => $$"""{"sid": "CA{{Guid.NewGuid():N}}", "status": "queued"}""", TimeSpan.Zero, r => arrivals.Enqueue((DateTime.UtcNow, "voice", HttpUtility.ParseQueryString(r.Body!)["To"]!)));

        var root = Directory.CreateTempSubdirectory("gateway-kill-").FullName;
        try
        {
            var settings = Settings(root, redis, mock);
            using var connection = await ConnectionMultiplexer.ConnectAsync(redis.Endpoint);
            var reports = new RedisReportStore(connection);
            var outbox = new RedisOutbox(connection);

            // The first process opens the report and starts paging; it dies with both first-level pages in flight.
            string reference;
            DateTimeOffset opened;
            DateTime killed;
            using (var first = new BuiltGateway(settings))
            {
                await first.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
                reference = await SosAsync(first, settings["Gateway:PublicBaseUrl"]);
                opened = (await reports.FindAsync(reference))!.OpenedAt;
                await WaitAsync(() => Task.FromResult(arrivals.Any(a => a.Kind == "sms") && arrivals.Any(a => a.Kind == "webhook")), TimeSpan.FromSeconds(60), async () => $"the first level's SMS and webhook did not both reach the providers ({string.Join(", ", arrivals.Select(a => a.Kind))}).\n{await DescribeAsync(reports, reference)}\nThe process said:\n{first.Log}");
                first.Kill();
                killed = DateTime.UtcNow;
            }

            // What the dead process left: the SMS leased in the outbox without a sid, the hotline's page an intent under
            // lease, the step's job taken from Hangfire's queue and never acknowledged. A kill that missed this window
            // would prove nothing, so the test fails then.
            var left = (await reports.FindAsync(reference))!;
            var sms = left.Notifications.Single(n => n.Id == Pages[0]);
            var sent = (await outbox.LoadAsync(sms.DeliveryId!))!.Message;
            Assert.True(sent.State == OutboundState.Sending && sent.ProviderSid is null, $"The SMS page was {sent.State} when the process died.");
            Assert.True(left.Notifications.Single(n => n.Id == Pages[1]) is { Status: NotificationStatus.Intent, LeaseUntil: not null }, "The hotline's page was not in flight when the process died.");
            Assert.True(await connection.GetDatabase().ListLengthAsync(JobStorageFactory.RedisPrefix + "queue:default:dequeued") >= 1, "No Hangfire job was in flight when the process died.");

            // A fresh process on the same Redis finishes the chain.
            var restart = DateTime.UtcNow;
            using var second = new BuiltGateway(settings);
            await second.WaitUntilListeningAsync(TimeSpan.FromSeconds(60));
            var listening = DateTime.UtcNow;
            Report? report = null;
            var ended = await WaitAsync(async () =>
            {
                report = await reports.FindAsync(reference);
                var message = (await outbox.LoadAsync(sms.DeliveryId!))?.Message;
                return report?.Escalation?.Exhausted == true && message?.State == OutboundState.Sent
                    && Pages.All(id => report.Notifications.Any(n => n.Id == id && n.Status is NotificationStatus.Sent or NotificationStatus.Delivered));
            }, opened.UtcDateTime + Bound + TimeSpan.FromSeconds(15) - DateTime.UtcNow, async () => $"the chain did not end.\n{await DescribeAsync(reports, reference)}\nThe second process said:\n{second.Log}");

            var chain = ended - opened.UtcDateTime;
            var copies = arrivals.ToList();
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"policy {PolicyTime.TotalSeconds:0} s; killed {(killed - opened.UtcDateTime).TotalSeconds:0.0} s after the report opened; second process listening {(listening - restart).TotalSeconds:0.0} s after its start"));
            foreach (var (at, kind, _) in copies)
            {
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {kind} reached its provider {(at - opened.UtcDateTime).TotalSeconds:0.0} s after the report opened"));
            }

            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"chain ended {chain.TotalSeconds:0.0} s after the report opened: {(chain - PolicyTime).TotalSeconds:0.0} s beyond the policy ({(ended - killed).TotalSeconds:0.0} s after the kill)"));
            Assert.True(chain <= Bound, string.Create(CultureInfo.InvariantCulture, $"The chain ended {chain.TotalSeconds:0.0} s after the report opened, more than the policy's {PolicyTime.TotalSeconds:0} s plus a minute."));

            // Each page of the first level went twice (the dead process's copy had reached the provider), the second
            // copy marked as a repeat; the operation centre was called once, by the second process.
            var texts = copies.Where(c => c.Kind == "sms" && c.Detail.Contains(reference, StringComparison.Ordinal)).Select(c => c.Detail).ToList();
            Assert.Equal(2, texts.Count);
            Assert.StartsWith(PageSender.RepeatMark, texts[1], StringComparison.Ordinal);
            var hooks = copies.Where(c => c.Kind == "webhook").Select(c => c.Detail).ToList();
            Assert.Equal(2, hooks.Count);
            Assert.Contains("\"possible_duplicate\":true", hooks[1].Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal([EscalationHost.CentreNumber], copies.Where(c => c.Kind == "voice").Select(c => c.Detail));
            Assert.All(report!.Notifications.Where(n => n.Level == 0), n => Assert.True(n.PossibleDuplicate));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The production settings except where the test needs its own: Redis, flows, fake providers, the key.</summary>
    private static Dictionary<string, string> Settings(string root, PrivateRedis redis, WireMockServer mock)
    {
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(root, folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(root, "flows", "escalation.yaml"), Policy);
        EscalationHost.SetPageNumber(Path.Combine(root, "flows", "directory.yaml"), "th-ngo-burmese", EscalationHost.NgoNumber);
        EscalationHost.SetPageNumber(Path.Combine(root, "flows", "directory.yaml"), "th-phayao-operation-centre", EscalationHost.CentreNumber);
        // The chain's mechanics are under test, not the province question: every report reaches the centre here.
        EscalationHost.ServeTheWholeCountry(Path.Combine(root, "flows", "directory.yaml"));
        return new Dictionary<string, string>
        {
            ["ConnectionStrings:Redis"] = redis.Endpoint,
            ["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Gateway:FlowsPath"] = Path.Combine(root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(root, "localization"),
            ["Gateway:JournalPath"] = Path.Combine(root, "journal"),
            ["Gateway:PublicBaseUrl"] = "https://gw.example.org",
            ["Twilio:AccountSid"] = "ACtest",
            ["Twilio:AuthToken"] = GatewayFactory.AuthToken,
            ["Twilio:ApiBaseUrl"] = mock.Url!,
            ["Twilio:FromNumber"] = "+15005550006",
            ["Twilio:PagingNumber"] = EscalationHost.PagingNumber,
            ["Escalation:Webhooks:th_1300:Url"] = mock.Url + EscalationHost.WebhookPath,
            ["Escalation:Webhooks:th_1300:Secrets"] = EscalationHost.WebhookSecret,
        };
    }

    /// <summary>Someone texts SOS, as Twilio would deliver it; returns the reference in the confirmation.</summary>
    private static async Task<string> SosAsync(BuiltGateway gateway, string publicBaseUrl)
    {
        using var http = new HttpClient { BaseAddress = new Uri(gateway.Url) };
        IReadOnlyList<string> replies = [];
        foreach (var body in new[] { "SOS" })
        {
            var form = new List<KeyValuePair<string, string>>
            {
                new("MessageSid", GatewayFactory.NewSid()), new("AccountSid", "ACtest"), new("From", "+66812340701"),
                new("To", "+15005550006"), new("Body", body), new("NumMedia", "0"),
            };
            using var request = GatewayFactory.SignedPost("/sms/twilio", form, baseUrl: publicBaseUrl);
            using var response = await http.SendAsync(request);
            response.EnsureSuccessStatusCode();
            replies = [.. XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Message").Select(m => m.Value)];
        }

        return EscalationHost.ReferenceIn(replies) ?? throw new InvalidOperationException("No reference in: " + string.Join(" | ", replies));
    }

    private static void Stub(WireMockServer mock, string path, int status, Func<string> body, TimeSpan delay, Action<IRequestMessage> arrived) =>
        mock.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(Response.Create().WithCallback(async request =>
        {
            arrived(request);
            await Task.Delay(delay);
            return new ResponseMessage
            {
                StatusCode = status,
                Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new BodyData { BodyAsString = body(), DetectedBodyType = BodyType.String },
            };
        }));

    /// <summary>Polls <paramref name="condition"/> until it holds (returns when) or <paramref name="timeout"/> passes (fails with <paramref name="failure"/>).</summary>
    private static async Task<DateTime> WaitAsync(Func<Task<bool>> condition, TimeSpan timeout, Func<Task<string>> failure)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                Assert.Fail($"After {timeout.TotalSeconds:0} s, {await failure()}");
            }

            await Task.Delay(100);
        }

        return DateTime.UtcNow;
    }

    private static async Task<string> DescribeAsync(RedisReportStore reports, string reference) =>
        await reports.FindAsync(reference) is { } report
            ? string.Join('\n', report.Timeline.Select(t => $"{t.At:HH:mm:ss.fff} {t.Kind}: {t.Text}").Concat(report.Notifications.Select(n => $"{n.Id} {n.Status} lease {n.LeaseUntil:HH:mm:ss.fff}")))
            : $"Report {reference} is not in Redis.";
}
