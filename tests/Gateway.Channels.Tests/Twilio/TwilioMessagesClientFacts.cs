using System.Text;
using System.Web;
using Gateway.Channels.Twilio;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Channels.Tests.Twilio;

/// <summary>The Messages API client against a WireMock Twilio: what it sends, and what it makes of each answer.</summary>
public sealed class TwilioMessagesClientFacts : IDisposable
{
    private const string AccountSid = "AC0123456789abcdef0123456789abcdef";
    private const string AuthToken = "token-for-tests";
    private const string Path = "/2010-04-01/Accounts/" + AccountSid + "/Messages.json";
    private const string To = "+66812340001";

    private readonly WireMockServer _twilio = WireMockServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public void Dispose()
    {
        _http.Dispose();
        _twilio.Dispose();
    }

    private TwilioMessagesClient Client(HttpClient? http = null) =>
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

    private static TwilioOutboundSms Sms(string? from = "+15005550006", string? service = null) =>
        new(To, "Your report 7KQ2M4X was received. ငါတို့ကူညီမယ်။", from, service, "https://gw.example.org/sms/twilio/status?id=ob-1");

    private static string Error(int code, int status) =>
        $$"""{"code": {{code}}, "message": "The 'To' number {{To}} is not valid.", "more_info": "https://www.twilio.com/docs/errors/{{code}}", "status": {{status}}}""";

    [Fact]
    public async Task Send_PostsTheFormWithBasicAuth_AndReadsTheSidOfA201()
    {
        Answer(201, """{"sid": "SM0123456789abcdef0123456789abcdef", "status": "queued", "num_segments": "1", "error_code": null, "date_created": "Thu, 30 Jul 2015 20:12:31 +0000"}""");

        var result = await Client().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Accepted, result.Outcome);
        Assert.Equal("SM0123456789abcdef0123456789abcdef", result.Sid);
        Assert.Equal("queued", result.Status);
        var request = Assert.Single(_twilio.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal(Path, request.Path);
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{AccountSid}:{AuthToken}")), request.Headers!["Authorization"].Single());
        Assert.StartsWith("application/x-www-form-urlencoded", request.Headers["Content-Type"].Single(), StringComparison.Ordinal);
        var form = HttpUtility.ParseQueryString(request.Body!);
        Assert.Equal(To, form["To"]);
        Assert.Equal("+15005550006", form["From"]);
        Assert.Null(form["MessagingServiceSid"]);
        Assert.Equal(Sms().Body, form["Body"]);
        Assert.Equal("https://gw.example.org/sms/twilio/status?id=ob-1", form["StatusCallback"]);
    }

    [Fact]
    public async Task Send_UsesTheMessagingService_InsteadOfFrom_WhenOneIsGiven()
    {
        Answer(201, """{"sid": "SM0123456789abcdef0123456789abcdef", "status": "accepted"}""");

        var result = await Client().SendAsync(Sms(from: "+15005550006", service: "MG0123456789abcdef0123456789abcdef"), CancellationToken.None);

        Assert.Equal("accepted", result.Status);
        var form = HttpUtility.ParseQueryString(Assert.Single(_twilio.LogEntries).RequestMessage.Body!);
        Assert.Equal("MG0123456789abcdef0123456789abcdef", form["MessagingServiceSid"]);
        Assert.Null(form["From"]);
    }

    [Fact]
    public async Task Send_429_IsRetried_AsNeverProcessed_WithItsRetryAfter()
    {
        Answer(429, Error(20429, 429), retryAfter: "7");

        var result = await Client().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.Equal(20429, result.ErrorCode);
        Assert.Equal(TimeSpan.FromSeconds(7), result.RetryAfter);
        Assert.False(result.MayHaveBeenSent);
    }

    [Fact]
    public async Task Send_20429_IsRetried_WhateverTheHttpStatus()
    {
        Answer(400, Error(20429, 400));
        var result = await Client().SendAsync(Sms(), CancellationToken.None);
        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.False(result.MayHaveBeenSent);
    }

    [Theory]
    [InlineData(500)]
    [InlineData(502)]
    [InlineData(503)]
    public async Task Send_5xx_IsRetried_AndMayHaveBeenSent(int status)
    {
        Answer(status, "<html>Service Unavailable</html>");
        var result = await Client().SendAsync(Sms(), CancellationToken.None);
        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.True(result.MayHaveBeenSent);
        Assert.Contains($"HTTP {status}", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_21610_MeansOptedOut()
    {
        Answer(400, Error(21610, 400));
        var result = await Client().SendAsync(Sms(), CancellationToken.None);
        Assert.Equal(TwilioSendOutcome.OptedOut, result.Outcome);
        Assert.Equal(21610, result.ErrorCode);
        Assert.Contains("replied STOP", result.Describe(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(21211, "not a valid phone number")]
    [InlineData(21612, "cannot route")]
    [InlineData(21614, "cannot receive SMS")]
    [InlineData(21608, "trial account")]
    [InlineData(29999, "Twilio refused the message (error 29999, HTTP 400)")]
    public async Task Send_Other4xx_AreRejected_WithASentenceThatNeverRepeatsTheNumber(int code, string sentence)
    {
        Answer(400, Error(code, 400));

        var result = await Client().SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Rejected, result.Outcome);
        Assert.Equal(code, result.ErrorCode);
        var described = result.Describe();
        Assert.Contains(sentence, described, StringComparison.Ordinal);
        Assert.Contains($"https://www.twilio.com/docs/errors/{code}", described, StringComparison.Ordinal);
        Assert.DoesNotContain("812340001", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_AuthFailure_IsRejected_NamingTheSettings()
    {
        Answer(401, Error(20003, 401));
        var result = await Client().SendAsync(Sms(), CancellationToken.None);
        Assert.Equal(TwilioSendOutcome.Rejected, result.Outcome);
        Assert.Contains("Twilio__AuthToken", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Timeout_IsRetried_AndMayHaveBeenSent()
    {
        _twilio.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("""{"sid": "SM0123456789abcdef0123456789abcdef"}""").WithDelay(TimeSpan.FromSeconds(3)));
        using var impatient = new HttpClient { Timeout = TimeSpan.FromMilliseconds(200) };

        var result = await Client(impatient).SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.True(result.MayHaveBeenSent);
        Assert.Equal(0, result.HttpStatus);
    }

    [Fact]
    public async Task Send_ToAServerThatIsNotThere_IsRetried()
    {
        var port = _twilio.Port;
        _twilio.Stop();
        var client = new TwilioMessagesClient(_http, new TwilioAccount(AccountSid, AuthToken, new Uri($"http://127.0.0.1:{port}")));

        var result = await client.SendAsync(Sms(), CancellationToken.None);

        Assert.Equal(TwilioSendOutcome.Retry, result.Outcome);
        Assert.Contains("could not be reached", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Send_Throws_WhenTheCallerCancels()
    {
        _twilio.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithBody("{}").WithDelay(TimeSpan.FromSeconds(3)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().SendAsync(Sms(), cancel.Token));
    }

    [Fact]
    public void Printing_TheMessage_ShowsNeitherNumberNorText()
    {
        var printed = Sms().ToString();
        Assert.DoesNotContain(To, printed, StringComparison.Ordinal);
        Assert.DoesNotContain("7KQ2M4X", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(AuthToken, new TwilioAccount(AccountSid, AuthToken, new Uri("https://api.twilio.com")).ToString(), StringComparison.Ordinal);
    }
}
