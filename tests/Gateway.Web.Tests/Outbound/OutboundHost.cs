using System.Web;
using Gateway.Core.Outbound;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Outbound;
using Microsoft.Extensions.DependencyInjection;
using WireMock;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Outbound;

/// <summary>
/// A gateway host whose Twilio is a WireMock server, with short retry and poll delays, and ways to seed contacts,
/// script Twilio's answers and wait for a message to reach a state. Redis hosts use a database of their own, so
/// no other test's process sends their messages.
/// </summary>
public sealed class OutboundHost : IDisposable
{
    public const string From = "+15005550006";
    public const string MessagesPath = "/2010-04-01/Accounts/ACtest/Messages.json";

    private readonly bool _ownsTwilio;

    public OutboundHost(IDictionary<string, string?>? settings = null, int? redisDatabase = null, WireMockServer? twilio = null)
    {
        Twilio = twilio ?? WireMockServer.Start();
        _ownsTwilio = twilio is null;
        var all = new Dictionary<string, string?>
        {
            ["Twilio:ApiBaseUrl"] = Twilio.Url,
            ["Twilio:FromNumber"] = From,
            ["Outbound:PollInterval"] = "00:00:00.050",
            ["Outbound:RetryBaseDelay"] = "00:00:00.050",
            ["Outbound:RetryMaxDelay"] = "00:00:00.400",
            ["Outbound:SendTimeout"] = "00:00:05",
            ["Outbound:LeaseDuration"] = "00:00:30",
        };
        if (redisDatabase is { } database)
        {
            _ = RedisTestServer.Multiplexer;
            all["ConnectionStrings:Redis"] = $"{RedisTestServer.Endpoint},defaultDatabase={database}";
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        Factory = new GatewayFactory(redis: redisDatabase is not null, settings: all);
        Client = Factory.CreateClient();
    }

    public WireMockServer Twilio { get; }

    public GatewayFactory Factory { get; }

    public HttpClient Client { get; }

    public OutboundSender Sender => Factory.Services.GetRequiredService<OutboundSender>();

    public IOutbox Outbox => Factory.Services.GetRequiredService<IOutbox>();

    /// <summary>The calls Twilio's Messages API received, oldest first.</summary>
    public IReadOnlyList<IRequestMessage> Requests =>
        [.. Twilio.LogEntries.Select(e => e.RequestMessage).Where(r => r.Path == MessagesPath).OrderBy(r => r.DateTime)];

    public static string Created(string? sid = null) =>
        $$"""{"sid": "{{sid ?? NewSid()}}", "status": "queued", "num_segments": "1", "error_code": null, "error_message": null}""";

    public static string Error(int code, int status) =>
        $$"""{"code": {{code}}, "message": "Twilio's own words, which can repeat the number.", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""";

    public static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    /// <summary>The form fields of one request to Twilio.</summary>
    public static System.Collections.Specialized.NameValueCollection Form(IRequestMessage request) => HttpUtility.ParseQueryString(request.Body!);

    /// <summary>Twilio answers every send with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public void Answer(int status, string body) => Answer(Twilio, status, body);

    public static void Answer(WireMockServer twilio, int status, string body) =>
        twilio.Given(Request.Create().WithPath(MessagesPath).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body));

    /// <summary>Twilio answers the sends in turn with these (status, body) pairs, then keeps giving the last.</summary>
    public void AnswerInTurn(params (int Status, string Body)[] answers)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < answers.Length; i++)
        {
            var request = Twilio.Given(Request.Create().WithPath(MessagesPath).UsingPost()).InScenario(scenario);
            if (i > 0)
            {
                request = request.WhenStateIs($"after {i}");
            }

            if (i < answers.Length - 1)
            {
                request = request.WillSetStateTo($"after {i + 1}");
            }

            request.RespondWith(Response.Create().WithStatusCode(answers[i].Status).WithHeader("Content-Type", "application/json").WithBody(answers[i].Body));
        }
    }

    /// <summary>A contact who texted from <paramref name="number"/> and, unless told otherwise, agreed to be texted back.</summary>
    public async Task<string> ContactAsync(string number, bool mayText = true, bool optedOut = false)
    {
        var key = Factory.Services.GetRequiredService<DataKey>();
        var id = key.ContactId(number);
        await Factory.Services.GetRequiredService<IContactStore>().UpdateAsync(id, snapshot =>
        {
            var profile = new ContactProfile { Id = id, EncryptedAddress = key.Seal(number), MayText = mayText, OptedOut = optedOut, Channels = ["sms"], Country = "TH" };
            return (snapshot with { Profile = profile }, 0);
        }, TimeSpan.FromHours(1));
        return id;
    }

    public async Task<ContactProfile> ProfileAsync(string contactId) =>
        (await Factory.Services.GetRequiredService<IContactStore>().LoadAsync(contactId)).Profile!;

    /// <summary>Waits until the message satisfies <paramref name="until"/>; fails with its last state after the timeout.</summary>
    public async Task<OutboundMessage> WaitForAsync(string id, Func<OutboundMessage, bool> until, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(20));
        OutboundMessage? last = null;
        while (DateTime.UtcNow < deadline)
        {
            last = (await Outbox.LoadAsync(id))?.Message;
            if (last is not null && until(last))
            {
                return last;
            }

            await Task.Delay(20);
        }

        throw new TimeoutException($"Outbound {id} did not get there; last seen: {last}");
    }

    public Task<OutboundMessage> WaitUntilSettledAsync(string id, TimeSpan? timeout = null) =>
        WaitForAsync(id, m => m.State is OutboundState.Sent or OutboundState.Failed or OutboundState.Refused, timeout);

    public void Dispose()
    {
        Client.Dispose();
        Factory.Dispose();
        if (_ownsTwilio)
        {
            Twilio.Dispose();
        }
    }
}
