using System.Web;
using Gateway.Core.Cases;
using Gateway.Core.CheckIns;
using Gateway.Infrastructure.Security;
using Gateway.Web.CheckIns;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.CheckIns;

/// <summary>
/// A gateway for check-in tests: embedded by default, or on a private redis-server of its own; a copy of the shipped
/// flows whose escalation file is <see cref="Gateway.Web.Tests.Reports.EscalationHost.TestPolicy"/> (the NGO partner paged by SMS
/// first), and WireMock standing in for Twilio's Messages API. A timer's minute lasts <c>minute</c>, so GO 30 runs
/// out in seconds.
/// </summary>
public sealed class CheckInHost : IDisposable
{
    public const string MessagesPath = "/2010-04-01/Accounts/ACtest/Messages.json";
    public const string NgoNumber = "+66815550101";

    private readonly string _root;
    private readonly PrivateRedis? _redis;

    public CheckInHost(TimeSpan minute, bool redis = false, IDictionary<string, string?>? extra = null)
    {
        _root = Directory.CreateTempSubdirectory("gateway-checkin-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }

        File.WriteAllText(Path.Combine(_root, "flows", "escalation.yaml"), Gateway.Web.Tests.Reports.EscalationHost.TestPolicy);
        var directory = Path.Combine(_root, "flows", "directory.yaml");
        var text = File.ReadAllText(directory);
        var at = text.IndexOf("id: th-ngo-burmese", StringComparison.Ordinal);
        var line = text.IndexOf("page_number: placeholder", at, StringComparison.Ordinal);
        File.WriteAllText(directory, text[..line] + $"page_number: \"{NgoNumber}\"" + text[(line + "page_number: placeholder".Length)..]);

        Twilio = WireMockServer.Start();
        Twilio.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
                .WithBody(_ => $$"""{"sid": "SM{{Guid.NewGuid():N}}", "status": "queued", "num_segments": "1"}"""));

        var settings = new Dictionary<string, string?>
        {
            ["Gateway:FlowsPath"] = Path.Combine(_root, "flows"),
            ["Gateway:LocalizationPath"] = Path.Combine(_root, "localization"),
            ["Twilio:ApiBaseUrl"] = Twilio.Url,
            ["Twilio:FromNumber"] = "+15005550006",
            ["Outbound:PollInterval"] = "00:00:00.100",
            ["CheckIns:MinuteLength"] = minute.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        };
        if (redis)
        {
            _redis = new PrivateRedis();
            settings["ConnectionStrings:Redis"] = _redis.Endpoint;
            settings["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray());
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Factory = new GatewayFactory(settings: settings);
        Client = Factory.CreateClient();
    }

    public WireMockServer Twilio { get; }

    public GatewayFactory Factory { get; }

    public HttpClient Client { get; }

    public ICheckInStore Store => Factory.Services.GetRequiredService<ICheckInStore>();

    public IReportStore Reports => Factory.Services.GetRequiredService<IReportStore>();

    public CheckInJobs Jobs => Factory.Services.GetRequiredService<CheckInJobs>();

    public string ContactId(string e164) => Factory.Services.GetRequiredService<DataKey>().ContactId(e164);

    /// <summary>Every SMS Twilio was asked to send, oldest first, as (to, body).</summary>
    public IReadOnlyList<(string To, string Body, DateTime At)> Sent =>
    [
        .. Twilio.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path == MessagesPath).OrderBy(r => r.DateTime)
            .Select(r => (Form(r)["To"]!, Form(r)["Body"]!, r.DateTime)),
    ];

    public IReadOnlyList<string> SentTo(string number) => [.. Sent.Where(s => s.To == number).Select(s => s.Body)];

    /// <summary>Texts the gateway by SMS webhook from <paramref name="phone"/>, as Twilio would, and returns the TwiML reply's messages.</summary>
    public async Task<IReadOnlyList<string>> TextAsync(string phone, string body)
    {
        using var request = GatewayFactory.SignedSms(phone, body);
        using var response = await Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var xml = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync());
        return [.. xml.Descendants("Message").Select(m => m.Value)];
    }

    /// <summary>Waits until an SMS to <paramref name="number"/> matches, or the timeout passes; returns it or null.</summary>
    public async Task<(string Body, DateTime At)?> WaitForSmsAsync(string number, Func<string, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            foreach (var (to, body, at) in Sent)
            {
                if (to == number && match(body))
                {
                    return (body, at);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                return null;
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Makes <paramref name="buddy"/> a confirmed buddy of <paramref name="child"/>: BUDDY, then 1 from the buddy's phone.</summary>
    public async Task AddBuddyAsync(string child, string buddy)
    {
        var invited = await TextAsync(child, "BUDDY " + buddy);
        Assert.Contains(invited, m => m.Contains("ending " + buddy[^4..], StringComparison.Ordinal));
        var agreed = await TextAsync(buddy, "1");
        Assert.Contains(agreed, m => m.Contains("You are now the safety buddy", StringComparison.Ordinal));
    }

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        Twilio.Stop();
        Twilio.Dispose();
        _redis?.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    private static System.Collections.Specialized.NameValueCollection Form(IRequestMessage request) => HttpUtility.ParseQueryString(request.Body!);
}
