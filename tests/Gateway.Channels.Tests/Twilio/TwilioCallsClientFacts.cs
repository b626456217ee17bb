using System.Text;
using System.Web;
using Gateway.Channels.Twilio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Channels.Tests.Twilio;

/// <summary>The Calls API client against a WireMock Twilio: what it sends, and what it makes of each answer.</summary>
public sealed class TwilioCallsClientFacts : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "token-for-tests";
    private const string Path = "/2010-04-01/Accounts/" + AccountSid + "/Calls.json";
    private const string To = "+66812340002";
    private const string From = "+15005550006";
    private const string CallSid = "CA0123456789abcdef0123456789abcdef";

    private readonly WireMockServer _twilio = WireMockServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _twilio.Dispose();
    }

    private TwilioCallsClient Client(HttpClient? http = null) =>
        new(http ?? _http, new TwilioAccount(AccountSid, AuthToken, new Uri(_twilio.Url!)));

    private void Answer(int status, string body, string? retryAfter = null)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json").WithBody(body);
        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        _twilio.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(response);
    }

    private static readonly Uri Accept = new("https://gw.example.org/voice/page/accept?t=abc&l=ngo");

    private static TwilioOutboundCall PageCall() => new(To, From)
    {
        Twiml = VoiceTwiML.Page("K7M2QXH", "labour", Accept),
        StatusCallback = new Uri("https://gw.example.org/voice/status?page=p-1"),
        Timeout = TimeSpan.FromSeconds(30),
    };

    private static string Error(int code, int status) =>
        $$"""{"code": {{code}}, "message": "Unable to create record: The number {{To}} is unverified.", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""";

    private static List<(string Name, string Value)> Form(string body) =>
        [.. body.Split('&').Select(pair => pair.Split('=', 2)).Select(p => (HttpUtility.UrlDecode(p[0]), HttpUtility.UrlDecode(p[1])))];

    [Fact]
    public async Task Place_PostsTheFormWithBasicAuth_AndReadsTheCallSidOfA201()
    {
        Answer(201, $$"""{"sid": "{{CallSid}}", "status": "queued", "direction": "outbound-api", "to": "{{To}}"}""");

        var result = await Client().PlaceAsync(PageCall(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Accepted, result.Outcome);
        Assert.Equal(CallSid, result.Sid);
        Assert.Equal("queued", result.Status);
        Assert.Equal($"Twilio took the call as {CallSid} (queued).", result.Describe());
        var request = Assert.Single(_twilio.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal(Path, request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), request.Headers!["Authorization"].Single());
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        var form = Form(request.Body!);
        Assert.Equal(
            [
                ("To", To), ("From", From), ("Twiml", PageCall().Twiml!),
                ("StatusCallback", "https://gw.example.org/voice/status?page=p-1"), ("StatusCallbackMethod", "POST"),
                ("StatusCallbackEvent", "initiated"), ("StatusCallbackEvent", "ringing"), ("StatusCallbackEvent", "answered"), ("StatusCallbackEvent", "completed"),
                ("Timeout", "30"),
            ],
            form);
    }

    [Fact]
    public async Task Place_SendsTheUrl_InsteadOfTwiml_AndOnlyTheEventsAskedFor()
    {
        Answer(201, $$"""{"sid": "{{CallSid}}", "status": "queued"}""");
        var call = new TwilioOutboundCall(To, From)
        {
            Url = new Uri("https://gw.example.org/voice/page?p=1"),
            StatusCallback = new Uri("https://gw.example.org/voice/status"),
            StatusCallbackEvents = ["answered", "completed"],
        };

        await Client().PlaceAsync(call, CancellationToken.None);

        var form = Form(Assert.Single(_twilio.LogEntries).RequestMessage.Body!);
        Assert.Contains(("Url", "https://gw.example.org/voice/page?p=1"), form);
        Assert.DoesNotContain(form, f => f.Name is "Twiml" or "Timeout");
        Assert.Equal(["answered", "completed"], form.Where(f => f.Name == "StatusCallbackEvent").Select(f => f.Value));
    }

    [Fact]
    public async Task Place_WithoutAStatusCallback_AsksForNoEvents()
    {
        Answer(201, $$"""{"sid": "{{CallSid}}", "status": "queued"}""");
        await Client().PlaceAsync(new TwilioOutboundCall(To, From) { Twiml = "<Response><Hangup/></Response>" }, CancellationToken.None);
        var form = Form(Assert.Single(_twilio.LogEntries).RequestMessage.Body!);
        Assert.Equal(["To", "From", "Twiml"], form.Select(f => f.Name));
    }

    [Fact]
    public async Task Place_RefusesACallWithNeitherOrBothOfTwimlAndUrl_OrTooMuchTwiml()
    {
        var client = Client();
        await Assert.ThrowsAsync<ArgumentException>(() => client.PlaceAsync(new TwilioOutboundCall(To, From), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PlaceAsync(new TwilioOutboundCall(To, From) { Twiml = "<Response/>", Url = Accept }, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.PlaceAsync(new TwilioOutboundCall(To, From) { Twiml = new string('x', 4001) }, CancellationToken.None));
        Assert.Empty(_twilio.LogEntries);
    }

    [Fact]
    public async Task Place_429_IsRetried_AsNeverProcessed_WithItsRetryAfter()
    {
        Answer(429, Error(20429, 429), retryAfter: "5");

        var result = await Client().PlaceAsync(PageCall(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.Equal(TimeSpan.FromSeconds(5), result.RetryAfter);
        Assert.False(result.MayHaveBeenSent);
    }

    [Fact]
    public async Task Place_5xx_IsRetried_AndMayHaveBeenPlaced()
    {
        Answer(503, "<html>Service Unavailable</html>");
        var result = await Client().PlaceAsync(PageCall(), CancellationToken.None);
        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.True(result.MayHaveBeenSent);
    }

    [Theory]
    [InlineData(13224, "Twilio cannot call this number")]
    [InlineData(13227, "international voice permission")]
    [InlineData(21215, "voice geographic permissions")]
    [InlineData(21216, "Twilio blocks calls to this number")]
    [InlineData(21217, "not a valid phone number")]
    [InlineData(21210, "verified caller id")]
    [InlineData(21219, "trial account")]
    [InlineData(29999, "Twilio refused the call (error 29999, HTTP 400)")]
    public async Task Place_4xx_IsRejected_WithASentenceThatNeverRepeatsTheNumber(int code, string sentence)
    {
        Answer(400, Error(code, 400));

        var result = await Client().PlaceAsync(PageCall(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Rejected, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        var described = result.Describe();
        Assert.Contains(sentence, described, StringComparison.Ordinal);
        Assert.Contains($"https://www.twilio.com/docs/errors/{code}", described, StringComparison.Ordinal);
        Assert.DoesNotContain("812340002", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Place_Timeout_IsRetried_AndMayHaveBeenPlaced()
    {
        _twilio.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody($$"""{"sid": "{{CallSid}}"}""").WithDelay(TimeSpan.FromSeconds(3)));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var result = await Client(impatient).PlaceAsync(PageCall(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.True(result.MayHaveBeenSent);
        Assert.Equal(0, result.HttpStatus);
    }

    [Fact]
    public void Printing_TheCall_ShowsNeitherNumberNorTwiml()
    {
        var printed = PageCall().ToString();
        Assert.DoesNotContain(To, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("K7M2QXH", printed, StringComparison.Ordinal);
    }
}
