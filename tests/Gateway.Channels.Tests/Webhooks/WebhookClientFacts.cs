using Gateway.Channels.Webhooks;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Channels.Tests.Webhooks;

/// <summary>The webhook client against a WireMock hotline: what it sends, and what it makes of each answer.</summary>
public sealed class WebhookClientFacts : IDisposable
{
    private const string Path = "/hooks/pages";
    private const string Body = """{"type":"report.page","reference":"K7M2QXH"}""";
    private const string Delivery = "dl-0001";

    // The signature of Body at 1767225600 under whsec_test_1, from OpenSSL (see WebhookSignerFacts).
    private const string Vector1 = "375d57dbffb79c9c46f76ac492146ca64303007e4d1751eacef24c0b5643270a";

    private readonly WireMockServer _hotline = WireMockServer.Start();
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly ManualClock _clock = new(DateTimeOffset.FromUnixTimeSeconds(1767225600));

    public void Dispose()
    {
        _http.Dispose();
        _hotline.Dispose();
    }

    private WebhookTarget Target(TimeSpan? timeout = null, params string[] secrets) =>
        new("Hotline of tests", new Uri(_hotline.Url + Path), secrets.Length == 0 ? ["whsec_test_1"] : secrets, timeout ?? TimeSpan.FromSeconds(5));

    private WebhookClient Client() => new(_http, _clock);

    private void Answer(int status, string? body = null, string? retryAfter = null, string contentType = "application/json")
    {
        var response = Response.Create().WithStatusCode(status);
        if (body is not null)
        {
            response = response.WithHeader("Content-Type", contentType).WithBody(body);
        }

        if (retryAfter is not null)
        {
            response = response.WithHeader("Retry-After", retryAfter);
        }

        _hotline.Given(Request.Create().WithPath(Path).UsingPost()).RespondWith(response);
    }

    [Fact]
    public async Task Deliver_PostsTheBodySigned_AndReadsTheReceiversId()
    {
        Answer(202, """{"id": "case-42", "status": "queued"}""");

        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Delivered, result.Outcome);
        Assert.Equal(202, result.HttpStatus);
        Assert.Equal("case-42", result.ResponseId);
        Assert.Equal("Delivered (HTTP 202, the receiver's id case-42).", result.Describe());
        var request = Assert.Single(_hotline.LogEntries).RequestMessage;
        Assert.Equal("POST", request.Method);
        Assert.Equal(Body, request.Body);
        Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        Assert.Equal("1767225600", request.Headers["X-Gateway-Timestamp"].Single());
        Assert.Equal(Delivery, request.Headers["X-Gateway-Delivery"].Single());
        Assert.Equal("v1=" + Vector1, request.Headers["X-Gateway-Signature"].Single());
    }

    [Fact]
    public async Task Deliver_SignsWithEverySecret_AndTheReceiverVerifiesWithEither()
    {
        Answer(200, "{}");

        await Client().DeliverAsync(Target(null, "whsec_test_1", "whsec_new"), Delivery, Body, CancellationToken.None);

        var request = Assert.Single(_hotline.LogEntries).RequestMessage;
        string Header(string name) => request.Headers![name].Single();
        var signature = Header("X-Gateway-Signature");
        Assert.Equal(2, signature.Split(',').Length);
        foreach (var secret in new[] { "whsec_test_1", "whsec_new" })
        {
            Assert.True(WebhookSigner.Verify(Header("X-Gateway-Timestamp"), Header("X-Gateway-Delivery"), signature, request.Body!, [secret], _clock.GetUtcNow()));
        }

        Assert.False(WebhookSigner.Verify(Header("X-Gateway-Timestamp"), Header("X-Gateway-Delivery"), signature, request.Body!, ["whsec_other"], _clock.GetUtcNow()));
    }

    [Fact]
    public async Task Deliver_Again_KeepsTheDeliveryId_AndSignsTheNewTime()
    {
        Answer(503);
        await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(30));
        await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);

        var requests = _hotline.LogEntries.Select(e => e.RequestMessage).ToList();
        Assert.Equal([Delivery, Delivery], requests.Select(r => r.Headers!["X-Gateway-Delivery"].Single()));
        Assert.Equal(["1767225600", "1767225630"], requests.Select(r => r.Headers!["X-Gateway-Timestamp"].Single()));
        Assert.NotEqual(requests[0].Headers!["X-Gateway-Signature"].Single(), requests[1].Headers!["X-Gateway-Signature"].Single());
    }

    [Theory]
    [InlineData("""{"id": 1234}""", "application/json", "1234")]
    [InlineData("""{"ok": true}""", "application/json", null)]
    [InlineData("""["id"]""", "application/json", null)]
    [InlineData("""{"id": "a very long id that goes on and on and on well past the sixty-four characters kept"}""", "application/json", null)]
    [InlineData("""{"id": "two\nlines"}""", "application/json", null)]
    [InlineData("accepted", "text/plain", null)]
    [InlineData("""{"id": "x-1"}""", "text/html", null)]
    public async Task Deliver_KeepsOnlyAShortPrintableIdFromAJsonAnswer(string answer, string contentType, string? id)
    {
        Answer(200, answer, contentType: contentType);
        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);
        Assert.Equal(WebhookOutcome.Delivered, result.Outcome);
        Assert.Equal(id, result.ResponseId);
    }

    [Fact]
    public async Task Deliver_204_IsDelivered()
    {
        Answer(204);
        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);
        Assert.Equal(WebhookOutcome.Delivered, result.Outcome);
        Assert.Null(result.ResponseId);
    }

    [Theory]
    [InlineData(500, false)]
    [InlineData(503, false)]
    [InlineData(502, true)]
    [InlineData(504, true)]
    public async Task Deliver_5xx_IsRetried_AndAProxysTimeoutMayHaveDelivered(int status, bool mayHaveBeenDelivered)
    {
        Answer(status, "<html>down</html>", contentType: "text/html");

        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retry, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        Assert.Equal(mayHaveBeenDelivered, result.MayHaveBeenDelivered);
        Assert.Contains($"HTTP {status}", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_429_IsRetried_AfterTheReceiversRetryAfter()
    {
        Answer(429, """{"error": "slow down"}""", retryAfter: "30");

        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retry, result.Outcome);
        Assert.False(result.MayHaveBeenDelivered);
        Assert.Equal(TimeSpan.FromSeconds(30), result.RetryAfter);
        Assert.Equal(TimeSpan.FromSeconds(30), result.DelayBeforeRetry(attempts: 1, random: 0));
        Assert.Equal(TimeSpan.FromSeconds(60), result.DelayBeforeRetry(attempts: 7, random: 0));
        Assert.Equal(TimeSpan.FromMinutes(2), result.DelayBeforeRetry(attempts: 30, random: 1));
    }

    [Fact]
    public async Task Deliver_RetryAfterLongerThanTheMaximum_WaitsOnlyTheMaximum()
    {
        Answer(429, retryAfter: "3600");
        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);
        Assert.Equal(TimeSpan.FromMinutes(2), result.DelayBeforeRetry(attempts: 1, random: 0));
        Assert.Equal(TimeSpan.FromMinutes(10), result.DelayBeforeRetry(attempts: 1, random: 0, maxDelay: TimeSpan.FromMinutes(10)));
    }

    [Theory]
    [InlineData(400, "refused the page (HTTP 400)")]
    [InlineData(422, "refused the page (HTTP 422)")]
    [InlineData(401, "check that it holds the target's current secret")]
    [InlineData(403, "check that it holds the target's current secret")]
    [InlineData(404, "check the URL")]
    [InlineData(301, "redirect")]
    public async Task Deliver_Other4xxAndRedirects_Fail_WithASentenceThatNeverRepeatsTheAnswer(int status, string sentence)
    {
        Answer(status, """{"error": "bad place: Mae Sot fish factory"}""");

        var result = await Client().DeliverAsync(Target(), Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Failed, result.Outcome);
        Assert.Equal(status, result.HttpStatus);
        var described = result.Describe();
        Assert.StartsWith("Hotline of tests", described, StringComparison.Ordinal);
        Assert.Contains(sentence, described, StringComparison.Ordinal);
        Assert.DoesNotContain("Mae Sot", described, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_Timeout_IsRetried_AndMayHaveBeenDelivered()
    {
        _hotline.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("{}").WithDelay(TimeSpan.FromSeconds(3)));
        var started = DateTime.UtcNow;

        var result = await Client().DeliverAsync(Target(TimeSpan.FromMilliseconds(300)), Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retry, result.Outcome);
        Assert.Equal(0, result.HttpStatus);
        Assert.True(result.MayHaveBeenDelivered);
        Assert.Contains("did not answer within", result.Describe(), StringComparison.Ordinal);
        Assert.True(DateTime.UtcNow - started < TimeSpan.FromSeconds(2.5), "The target's timeout cut the attempt short.");
    }

    [Fact]
    public async Task Deliver_ToAServerThatIsNotThere_IsRetried_AndWasNotDelivered()
    {
        var target = Target();
        _hotline.Stop();

        var result = await Client().DeliverAsync(target, Delivery, Body, CancellationToken.None);

        Assert.Equal(WebhookOutcome.Retry, result.Outcome);
        Assert.False(result.MayHaveBeenDelivered);
        Assert.Contains("could not be reached", result.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deliver_Throws_WhenTheCallerCancels()
    {
        _hotline.Given(Request.Create().WithPath(Path).UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithDelay(TimeSpan.FromSeconds(3)));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Client().DeliverAsync(Target(), Delivery, Body, cancel.Token));
    }

    [Fact]
    public void Printing_TheTarget_ShowsNoSecretNorQuery()
    {
        var printed = new WebhookTarget("Hotline", new Uri("https://hotline.example.org/pages?key=abc123"), ["whsec_test_1"], TimeSpan.FromSeconds(5)).ToString();
        Assert.DoesNotContain("whsec_test_1", printed, StringComparison.Ordinal);
        Assert.DoesNotContain("abc123", printed, StringComparison.Ordinal);
        Assert.Contains("https://hotline.example.org/pages", printed, StringComparison.Ordinal);
    }
}
