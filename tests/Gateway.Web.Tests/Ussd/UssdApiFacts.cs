using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Ussd;

/// <summary>The USSD endpoints over HTTP, embedded and on Redis: Africa's Talking's form and Hubtel's JSON.</summary>
public sealed partial class UssdApiFacts
{
    private const string Secret = "ussd-test-secret-5f0c";
    private const string Number = "+66812345501";

    private static GatewayFactory Factory(bool redis = false, string? secret = Secret) =>
        new(redis, new Dictionary<string, string?> { ["Ussd:SharedSecret"] = secret });

    /// <summary>One Africa's Talking session: each call sends the next answer, with the history so far.</summary>
    private sealed class AtSession(HttpClient client, string number, string? key = Secret)
    {
        private readonly List<string> _answers = [];

        public string Id { get; set; } = "ATUid_" + Guid.NewGuid().ToString("N");

        public string Text => string.Join('*', _answers);

        public async Task<(HttpStatusCode Status, string Body)> DialAsync()
        {
            _answers.Clear();
            return await PostAsync();
        }

        public async Task<(HttpStatusCode Status, string Body)> AnswerAsync(string answer)
        {
            _answers.Add(answer);
            return await PostAsync();
        }

        public async Task<(HttpStatusCode Status, string Body)> PostAsync()
        {
            var path = key is null ? "/ussd/africastalking" : $"/ussd/africastalking?key={Uri.EscapeDataString(key)}";
            using var content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["sessionId"] = Id,
                ["serviceCode"] = "*384*1234#",
                ["phoneNumber"] = number,
                ["networkCode"] = "52001",
                ["text"] = Text,
            });
            using var response = await client.PostAsync(path, content);
            return (response.StatusCode, await response.Content.ReadAsStringAsync());
        }
    }

    private static void AssertScreen(string body)
    {
        Assert.True(body.StartsWith("CON ", StringComparison.Ordinal) || body.StartsWith("END ", StringComparison.Ordinal), body);
        var screen = body[4..];
        Assert.True(UssdScreen.Fits(screen), $"{UssdScreen.Cost(screen, out _)} units do not fit one USSD screen:\n{screen}");
    }

    private static async Task<Session?> SessionAsync(GatewayFactory factory, string number)
    {
        var id = factory.Services.GetRequiredService<DataKey>().ContactId(number);
        return (await factory.Services.GetRequiredService<IContactStore>().LoadAsync(id)).Session;
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task BurmeseJourney_PagesLongTexts_AndEveryScreenFits(bool redis)
    {
        using var factory = Factory(redis);
        using var client = factory.CreateClient();
        var number = redis ? "+66812345502" : Number;
        var ussd = new AtSession(client, number);

        var screens = new List<string> { (await ussd.DialAsync()).Body };
        foreach (var answer in new[] { "2", "1", "1", "0", "0", "0", "0", "2" })
        {
            var (status, body) = await ussd.AnswerAsync(answer);
            Assert.Equal(HttpStatusCode.OK, status);
            screens.Add(body);
        }

        Assert.All(screens, AssertScreen);
        Assert.All(screens, s => Assert.StartsWith("CON ", s, StringComparison.Ordinal));
        Assert.All(screens, s => Assert.EndsWith("\n99. SOS", s, StringComparison.Ordinal));
        Assert.Contains(screens, s => s.Contains("\n0. နောက်ထပ်\n", StringComparison.Ordinal));
        Assert.Contains(screens, s => s.Contains("မှတ်ပုံတင်ပါ", StringComparison.Ordinal));
        Assert.Equal("main:menu", (await SessionAsync(factory, number))!.State);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task SosByNumber_OpensAStoredReport_WhoseReferenceTheEndScreenGives(bool redis)
    {
        using var factory = Factory(redis);
        using var client = factory.CreateClient();
        var ussd = new AtSession(client, redis ? "+66812345503" : Number);
        await ussd.DialAsync();
        await ussd.AnswerAsync("1");
        await ussd.AnswerAsync("3");

        var (status, body) = await ussd.AnswerAsync("99");

        Assert.Equal(HttpStatusCode.OK, status);
        AssertScreen(body);
        Assert.StartsWith("END SOS received (", body, StringComparison.Ordinal);
        var reference = Reference().Match(body).Groups[1].Value;
        var report = await factory.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.True(report.Urgent);
        Assert.Equal("ussd", report.Channel);
        Assert.Equal("TH", report.Country);
    }

    [Fact]
    public async Task RetriedRequest_GetsTheSameScreen_AndDoesNotAdvanceOrOpenASecondReport()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        var ussd = new AtSession(client, Number);
        await ussd.DialAsync();
        var first = await ussd.AnswerAsync("1");
        var again = await ussd.PostAsync();
        Assert.Equal(first, again);
        Assert.Equal("main:menu", (await SessionAsync(factory, Number))!.State);

        await ussd.AnswerAsync("5");
        var sos = await ussd.AnswerAsync("99");
        var retried = await ussd.PostAsync();

        Assert.Equal(sos, retried);
        Assert.DoesNotContain("{ref}", retried.Body, StringComparison.Ordinal);
        var session = await SessionAsync(factory, Number);
        Assert.Null(session!.State);
        Assert.Equal(ussd.Text.Length, session.Provider!.Step);
    }

    [Fact]
    public async Task AnswerHoldingAStar_IsOneAnswer()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        var ussd = new AtSession(client, Number);
        await ussd.DialAsync();
        await ussd.AnswerAsync("1");
        await ussd.AnswerAsync("5");
        await ussd.AnswerAsync("2");
        await ussd.AnswerAsync("1");   // who will be told: send it
        await ussd.AnswerAsync("2");

        var (_, body) = await ussd.AnswerAsync("Soi 3*4 Pier");

        Assert.Contains("Which province", body, StringComparison.Ordinal);
        Assert.Equal("Soi 3*4 Pier", (await SessionAsync(factory, Number))!.Variables["place"]);
    }

    [Fact]
    public async Task DroppedSession_ResumesAtTheSameQuestion_OnTheNextDial()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        var ussd = new AtSession(client, Number);
        await ussd.DialAsync();
        await ussd.AnswerAsync("1");
        await ussd.AnswerAsync("5");
        await ussd.AnswerAsync("2");
        var question = (await ussd.AnswerAsync("1")).Body;   // who will be told: send it

        ussd.Id = "ATUid_" + Guid.NewGuid().ToString("N");
        var resumed = await ussd.DialAsync();
        var next = await ussd.AnswerAsync("2");

        Assert.Equal(question, resumed.Body);
        Assert.StartsWith("CON Is the person this is about under 18?", resumed.Body, StringComparison.Ordinal);
        Assert.StartsWith("CON Where?", next.Body, StringComparison.Ordinal);
        var session = await SessionAsync(factory, Number);
        Assert.Equal("labour", session!.Variables["category"]);
        Assert.Equal("no", session.Variables["under18"]);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    public async Task MissingOrWrongSecret_Gets403_AndNothingIsProcessed(string? key)
    {
        using var factory = Factory();
        using var client = factory.CreateClient();

        var (status, body) = await new AtSession(client, Number, key).DialAsync();

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Contains("USSD key", body, StringComparison.Ordinal);
        Assert.Null(await SessionAsync(factory, Number));
    }

    [Fact]
    public async Task SecretInAHeader_IsAccepted()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add("X-Gateway-Key", Secret);

        var (status, body) = await new AtSession(client, Number, key: null).DialAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("CON Safe Migration", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MalformedRequest_Gets400WithTheReason()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["phoneNumber"] = Number, ["text"] = string.Empty });

        using var response = await client.PostAsync($"/ussd/africastalking?key={Secret}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("sessionId", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HubtelJourney_AnswersInJson_AndSosReleasesWithTheReference()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        var session = Guid.NewGuid().ToString("N");

        async Task<JsonElement> Send(string type, string message, int sequence)
        {
            var json = JsonSerializer.Serialize(new { Type = type, Mobile = "66812345504", SessionId = session, ServiceCode = "*714#", Message = message, Operator = "ais", Sequence = sequence, ClientState = "s" + sequence });
            using var content = new StringContent(json, Encoding.UTF8, "application/json");
            using var response = await client.PostAsync($"/ussd/hubtel?key={Secret}", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        }

        var dial = await Send("Initiation", "*714#", 1);
        var menu = await Send("Response", "1", 2);
        var repeated = await Send("Response", "1", 2);
        var sos = await Send("Response", "99", 3);
        var released = await Send("Release", string.Empty, 4);

        Assert.Equal("Response", dial.GetProperty("Type").GetString());
        Assert.StartsWith("Safe Migration", dial.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal("s1", dial.GetProperty("ClientState").GetString());
        Assert.Equal("input", dial.GetProperty("DataType").GetString());
        Assert.Contains("5. Report a problem", menu.GetProperty("Message").GetString(), StringComparison.Ordinal);
        Assert.Equal(menu.GetProperty("Message").GetString(), repeated.GetProperty("Message").GetString());
        Assert.Equal("Release", sos.GetProperty("Type").GetString());
        var reference = Reference().Match(sos.GetProperty("Message").GetString()!).Groups[1].Value;
        Assert.NotNull(await factory.Services.GetRequiredService<IReportStore>().FindAsync(reference));
        Assert.Equal("Release", released.GetProperty("Type").GetString());
        Assert.All(new[] { dial, menu, sos }, r => Assert.True(UssdScreen.Fits(r.GetProperty("Message").GetString()!)));
    }

    [Fact]
    public async Task HubtelRequestWithoutSequence_Gets400()
    {
        using var factory = Factory();
        using var client = factory.CreateClient();
        using var content = new StringContent("""{"Type":"Initiation","Mobile":"66812345504","SessionId":"x","Message":"*714#"}""", Encoding.UTF8, "application/json");

        using var response = await client.PostAsync($"/ussd/hubtel?key={Secret}", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Sequence", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EmbeddedWithoutSecret_AnswersThisMachine()
    {
        using var factory = Factory(secret: null);
        using var client = factory.CreateClient();

        var (status, body) = await new AtSession(client, Number, key: null).DialAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.StartsWith("CON ", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redis_WithoutSecretOrAllowList_DoesNotServeUssd_AndSaysSo()
    {
        using var factory = Factory(redis: true, secret: null);
        using var client = factory.CreateClient();

        var (status, _) = await new AtSession(client, Number, key: null).DialAsync();

        Assert.Equal(HttpStatusCode.NotFound, status);
        // Expected configuration, said as information rather than as a failure.
        Assert.Contains(factory.Logs, l => l.StartsWith("Information", StringComparison.Ordinal) && l.Contains("USSD endpoints are off", StringComparison.Ordinal));
        Assert.DoesNotContain(factory.Logs, l => l.StartsWith("Error", StringComparison.Ordinal) && l.Contains("USSD", StringComparison.Ordinal));
    }

    [Fact]
    public void Redis_RefusesToStart_WhenUssdIsAskedForWithoutProtection()
    {
        using var factory = new GatewayFactory(redis: true, new Dictionary<string, string?> { ["Ussd:Enabled"] = "true" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("nothing protects the USSD endpoints", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedisDown_AnswersOneEndScreenWithTheHotline_AndAnSosByNumberIsReplayedIntoAReport()
    {
        using var redis = new PrivateRedis();
        var journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;
        try
        {
            using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
            {
                ["ConnectionStrings:Redis"] = redis.Endpoint,
                ["Gateway:DataKey"] = Convert.ToBase64String(new byte[32]),
                ["Gateway:JournalPath"] = journal,
                ["Gateway:JournalReplayInterval"] = "00:00:00.300",
                ["Ussd:SharedSecret"] = Secret,
            });
            using var client = factory.CreateClient();
            var ussd = new AtSession(client, Number);
            await ussd.DialAsync();
            await ussd.AnswerAsync("1");

            redis.Kill();
            var (status, body) = await ussd.AnswerAsync("99");

            Assert.Equal(HttpStatusCode.OK, status);
            AssertScreen(body);
            Assert.StartsWith("END We got your message", body, StringComparison.Ordinal);
            Assert.Contains("1300", body, StringComparison.Ordinal);

            redis.Start();
            var inbound = factory.Services.GetRequiredService<Gateway.Web.Messaging.InboundJournal>();
            for (var i = 0; i < 100 && inbound.HasEntries; i++)
            {
                await Task.Delay(100);
            }

            Assert.False(inbound.HasEntries);
            var session = await SessionAsync(factory, Number);
            Assert.Null(session!.State);
            var opened = await factory.Services.GetRequiredService<StackExchange.Redis.IConnectionMultiplexer>().GetDatabase().SortedSetRangeByRankAsync("gateway:reports:opened");
            var report = await factory.Services.GetRequiredService<IReportStore>().FindAsync(Assert.Single(opened)!);
            Assert.True(report!.Urgent);
            Assert.Equal(factory.Services.GetRequiredService<DataKey>().ContactId(Number), report.ContactId);
        }
        finally
        {
            Directory.Delete(journal, recursive: true);
        }
    }

    [GeneratedRegex(@"\(([2-9A-HJ-NP-Z]{7})\)")]
    private static partial Regex Reference();
}
