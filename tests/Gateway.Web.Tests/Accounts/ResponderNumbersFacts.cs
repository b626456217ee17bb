using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>
/// Responder numbers verified by a code texted to them, end to end: the API, the outbox, a WireMock Twilio, and the
/// code typed back. Numbers never come back whole, nor reach the log. A responder's number lives apart from the
/// people who text the gateway: registering a reporter's number changes nothing of theirs and answers as for any number.
/// </summary>
public sealed partial class ResponderNumbersFacts : IDisposable
{
    private const string Number = "+66812340001";
    private const string Local = "081 234 0001";
    private const string PagingNumber = "+66815550900";

    // The number of someone who texted the gateway, and one that never did: the same last three digits, so that
    // their masked forms in answers are the same too.
    private const string Reporter = "+66812347601";
    private const string Stranger = "+66812348601";

    // Words that would tell whoever holds the phone what texted it.
    private static readonly string[] Telling = ["gateway", "safe", "migration", "report", "traffick", "sos", "help", "hotline", "ngo", "responder"];

    private readonly OutboundHost _host = new(WithPaging());

    public ResponderNumbersFacts() => _host.Answer(201, OutboundHost.Created());

    public void Dispose() => _host.Dispose();

    private static Dictionary<string, string?> WithPaging(string? redisEndpoint = null)
    {
        var settings = new Dictionary<string, string?> { ["Twilio:PagingNumber"] = PagingNumber };
        if (redisEndpoint is not null)
        {
            settings["ConnectionStrings:Redis"] = redisEndpoint;
        }

        return settings;
    }

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>The code in the <paramref name="nth"/> text Twilio was asked to send (1-based), once it is sent.</summary>
    private Task<string> CodeTextedAsync(int nth, string to = Number) => CodeTextedAsync(_host, nth, to);

    private static async Task<string> CodeTextedAsync(OutboundHost host, int nth, string to)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (host.Requests.Count(r => OutboundHost.Form(r)["To"] == to) < nth)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Twilio was asked to send {host.Requests.Count} texts, not {nth} to this number.");
            await Task.Delay(20);
        }

        var form = OutboundHost.Form(host.Requests.Where(r => OutboundHost.Form(r)["To"] == to).ElementAt(nth - 1));
        return Regex.Match(form["Body"]!, @"\b(\d{6})\b").Groups[1].Value;
    }

    private static string OtherCode(string code) => ((int.Parse(code, System.Globalization.CultureInfo.InvariantCulture) + 1) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task ANumber_IsVerifiedByTheCodeTextedToIt_AndThenFindsItsAccount()
    {
        var admin = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Admin);
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder, admin.Organisation);
        using var client = admin.Client(_host.Factory);

        // Written as a Thai local number: the organisation works in Thailand.
        using var added = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Local });
        var addedBody = await added.Content.ReadAsStringAsync();
        var code = await CodeTextedAsync(1);

        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        Assert.Contains("\"number\":\"+********001\"", addedBody, StringComparison.Ordinal);
        Assert.Contains("\"verified\":false", addedBody, StringComparison.Ordinal);
        Assert.DoesNotContain("812340001", addedBody, StringComparison.Ordinal);
        Assert.Contains($"verification code is {code}", OutboundHost.Form(_host.Requests[0])["Body"], StringComparison.Ordinal);

        using var wrong = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code = OtherCode(code) });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Equal(4, (await JsonOf(wrong)).GetProperty("attemptsLeft").GetInt32());

        // The responder types the code with its own key.
        using var own = responder.Client(_host.Factory);
        using var verified = await own.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Local, code });
        var verifiedBody = await JsonOf(verified);

        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);
        Assert.True(verifiedBody.GetProperty("verified").GetBoolean());
        Assert.Equal("+********001", verifiedBody.GetProperty("number").GetString());
        var contactId = _host.Factory.Services.GetRequiredService<DataKey>().ContactId(Number);
        var store = _host.Factory.Services.GetRequiredService<IAccountStore>();
        Assert.Equal([responder.Account.Id], (await store.FindAccountsByResponderContactAsync(contactId)).Select(a => a.Id));
        var stored = Assert.Single(await store.FindResponderNumbersAsync(responder.Account.Id));
        Assert.Equal(Number, _host.Factory.Services.GetRequiredService<DataKey>().Open(stored.EncryptedNumber));
        Assert.DoesNotContain(code, stored.ToString(), StringComparison.Ordinal);

        var account = await own.GetStringAsync($"/api/accounts/{responder.Account.Id}");
        Assert.Contains("+********001", account, StringComparison.Ordinal);
        Assert.DoesNotContain("812340001", account, StringComparison.Ordinal);
        Assert.DoesNotContain(_host.Factory.Logs, l => l.Contains("812340001", StringComparison.Ordinal) || l.Contains(code, StringComparison.Ordinal));
        Assert.Contains(_host.Factory.Logs, l => l.Contains($"verified: contact {contactId}", StringComparison.Ordinal));
    }

    [Fact]
    public async Task FiveWrongCodes_SpendTheCode_SoEvenTheRightOneFails_UntilANewCodeIsAskedFor()
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder);
        using var client = responder.Client(_host.Factory);
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number })).StatusCode);
        var code = await CodeTextedAsync(1);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < ResponderNumber.MaxCodeAttempts; i++)
        {
            using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code = OtherCode(code) });
            statuses.Add(response.StatusCode);
        }

        using var right = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code });

        Assert.Equal([.. Enumerable.Repeat(HttpStatusCode.BadRequest, 4), HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
        Assert.Contains("Ask for a new code", (await JsonOf(right)).GetProperty("error").GetString(), StringComparison.Ordinal);
        var contactId = _host.Factory.Services.GetRequiredService<DataKey>().ContactId(Number);
        Assert.Empty(await _host.Factory.Services.GetRequiredService<IAccountStore>().FindAccountsByResponderContactAsync(contactId));

        // A new code replaces the spent one.
        Assert.Equal(HttpStatusCode.Accepted, (await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number })).StatusCode);
        var second = await CodeTextedAsync(2);
        using var again = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code = second });
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(await _host.Factory.Services.GetRequiredService<IAccountStore>().FindAccountsByResponderContactAsync(contactId));
    }

    [Fact]
    public async Task AVerifiedNumber_AddedAgain_IsNotTextedAgain()
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder);
        using var client = responder.Client(_host.Factory);
        await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number });
        var code = await CodeTextedAsync(1);
        await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code });

        using var again = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number });
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True((await JsonOf(again)).GetProperty("verified").GetBoolean());
        Assert.Single(_host.Requests);
    }

    [Fact]
    public async Task ANumberInACountryNotAllowed_Is422_AndNothingIsTexted()
    {
        using var host = new OutboundHost(new Dictionary<string, string?> { ["Outbound:AllowedCountries"] = "KH" });
        host.Answer(201, OutboundHost.Created());
        var responder = await AccountSeed.AccountAsync(host.Factory.Services, Role.Responder);
        using var client = responder.Client(host.Factory);

        using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number });
        await Task.Delay(300);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("Outbound__AllowedCountries", (await JsonOf(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Empty(host.Requests);
    }

    [Theory]
    [InlineData("not a number")]
    [InlineData("")]
    public async Task SomethingThatIsNotANumber_Is400(string number)
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder);
        using var client = responder.Client(_host.Factory);

        using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(await _host.Factory.Services.GetRequiredService<IAccountStore>().FindResponderNumbersAsync(responder.Account.Id));
    }

    [Fact]
    public async Task AViewerOrEditor_HasNoResponderNumber()
    {
        var viewer = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Viewer);
        using var client = viewer.Client(_host.Factory);

        using var response = await client.PostAsJsonAsync($"/api/accounts/{viewer.Account.Id}/numbers", new { number = Number });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Contains("viewer", (await JsonOf(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task VerifyingANumberNeverAdded_Is404()
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder);
        using var client = responder.Client(_host.Factory);

        using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Number, code = "123456" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.DoesNotContain("812340001", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RegisteringAReportersNumber_LeavesTheirContactAsItWas_AndTheirNumberUnrevealable(bool redis)
    {
        using var server = redis ? new PrivateRedis(durable: false) : null;
        using var host = new OutboundHost(WithPaging(server?.Endpoint), redisDatabase: redis ? 0 : null);
        host.Answer(201, OutboundHost.Created());
        var operators = await AccountSeed.AccountAsync(host.Factory.Services, Role.Admin);
        var responder = await AccountSeed.AccountAsync(host.Factory.Services, Role.Responder, operators.Organisation);

        // The reporter texts SOS and is asked nothing more: a report, and no consent to be texted or called.
        var reference = await SosAsync(host, Reporter);
        var contactId = host.Factory.Services.GetRequiredService<DataKey>().ContactId(Reporter);
        var report = (await host.Factory.Services.GetRequiredService<IReportStore>().FindAsync(reference))!;
        Assert.Equal(contactId, report.ContactId);
        Assert.False(report.MayText);
        var before = await ContactRecordAsync(host, contactId, server);
        Assert.Null((await host.ProfileAsync(contactId)).EncryptedAddress);

        // A responder adds that number to their own account and verifies it with the code it was sent.
        using var client = responder.Client(host.Factory);
        using var added = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Reporter });
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var code = await CodeTextedAsync(host, 1, Reporter);
        using var verified = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers/verify", new { number = Reporter, code });
        Assert.Equal(HttpStatusCode.OK, verified.StatusCode);

        // The code went from the paging number, in words that say nothing of what sent it.
        var sms = OutboundHost.Form(Assert.Single(host.Requests, r => OutboundHost.Form(r)["To"] == Reporter));
        Assert.Equal(PagingNumber, sms["From"]);
        Assert.Equal(ResponderNumbers.CodeText(code), sms["Body"]);
        Assert.DoesNotContain(Telling, word => sms["Body"]!.Contains(word, StringComparison.OrdinalIgnoreCase));

        // The reporter's record is as it was, to the byte, and the report still keeps no number to show or reveal.
        Assert.Equal(before, await ContactRecordAsync(host, contactId, server));
        var console = host.Factory.Services.GetRequiredService<ConsoleReports>();
        Assert.Null(await console.MaskedNumberAsync(report, default));
        var (revealed, after) = await console.RevealAsync(report, new Actor(responder.Account.Id, responder.Organisation.Id, "console"), default);
        Assert.Null(revealed);
        Assert.DoesNotContain(after.Timeline, t => t.Kind == ConsoleReports.RevealedKind);
    }

    [Fact]
    public async Task Answers_AreTheSame_ForANumberThatTextedTheGateway_AndOneThatNeverDid()
    {
        // The worst case for an oracle: a reporter who refused contact and then sent STOP.
        await SosAsync(_host, Reporter);
        await TextAsync(_host, Reporter, "STOP");
        Assert.True((await _host.ProfileAsync(_host.Factory.Services.GetRequiredService<DataKey>().ContactId(Reporter))).OptedOut);
        var organisation = (await AccountSeed.AccountAsync(_host.Factory.Services, Role.Admin)).Organisation;

        var used = await ConversationAsync(Reporter, organisation);
        var unused = await ConversationAsync(Stranger, organisation);

        Assert.Equal(unused, used);
        Assert.Equal([HttpStatusCode.Accepted, HttpStatusCode.BadRequest, HttpStatusCode.OK, HttpStatusCode.OK], used.Select(a => a.Status));

        // Both phones got the same text from the same sender, but for the code.
        var texts = new[] { Reporter, Stranger }
            .Select(n => OutboundHost.Form(Assert.Single(_host.Requests, r => OutboundHost.Form(r)["To"] == n)))
            .Select(f => (f["From"], Regex.Replace(f["Body"]!, @"\d{6}", "······")))
            .ToList();
        Assert.Equal(texts[0], texts[1]);
        Assert.Equal(PagingNumber, texts[0].Item1);
    }

    [Fact]
    public async Task WithoutAPagingNumber_NoCodeIsTexted_AndEveryNumberGetsTheSame422()
    {
        using var host = new OutboundHost();
        host.Answer(201, OutboundHost.Created());
        await SosAsync(host, Reporter);
        var responder = await AccountSeed.AccountAsync(host.Factory.Services, Role.Responder);
        using var client = responder.Client(host.Factory);

        var answers = new List<(HttpStatusCode, string)>();
        foreach (var number in new[] { Reporter, Stranger })
        {
            using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number });
            answers.Add((response.StatusCode, (await JsonOf(response)).GetProperty("error").GetString()!));
        }

        Assert.Equal(answers[0], answers[1]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers[0].Item1);
        Assert.Contains("Twilio__PagingNumber", answers[0].Item2, StringComparison.Ordinal);
        await Task.Delay(300);
        Assert.Empty(host.Requests);
    }

    [Fact]
    public async Task AStopToThePagingNumber_FailsTheCode_AndLeavesTheContactOfThatNumberAsItWas()
    {
        using var host = new OutboundHost(WithPaging());
        host.Answer(400, OutboundHost.Error(21610, 400));
        await SosAsync(host, Reporter);
        var contactId = host.Factory.Services.GetRequiredService<DataKey>().ContactId(Reporter);
        var before = await ContactRecordAsync(host, contactId, null);
        var responder = await AccountSeed.AccountAsync(host.Factory.Services, Role.Responder);
        using var client = responder.Client(host.Factory);

        using var added = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Reporter });
        Assert.Equal(HttpStatusCode.Accepted, added.StatusCode);
        var id = CodeMessage().Match(Assert.Single(host.Factory.Logs, l => CodeMessage().IsMatch(l))).Groups[1].Value;
        var failed = await host.WaitUntilSettledAsync(id);

        Assert.Equal(21610, failed.ErrorCode);
        Assert.Equal(before, await ContactRecordAsync(host, contactId, null));
        Assert.False((await host.ProfileAsync(contactId)).OptedOut);
    }

    /// <summary>Adds a number to a new responder account, types a wrong code, the right one, then adds it again: each answer with what is its own (contact id, times) blanked.</summary>
    private async Task<List<(HttpStatusCode Status, string Body)>> ConversationAsync(string number, Organisation organisation)
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder, organisation);
        using var client = responder.Client(_host.Factory);
        var path = $"/api/accounts/{responder.Account.Id}/numbers";
        var answers = new List<(HttpStatusCode, string)>();
        async Task SendAsync(string url, object body)
        {
            using var response = await client.PostAsJsonAsync(url, body);
            answers.Add((response.StatusCode, OwnParts().Replace(await response.Content.ReadAsStringAsync(), "\"$1\":\"…\"")));
        }

        await SendAsync(path, new { number });
        var code = await CodeTextedAsync(_host, 1, number);
        await SendAsync(path + "/verify", new { number, code = OtherCode(code) });
        await SendAsync(path + "/verify", new { number, code });
        await SendAsync(path, new { number });
        return answers;
    }

    private static async Task<IReadOnlyList<string>> TextAsync(OutboundHost host, string from, string body)
    {
        using var request = GatewayFactory.SignedSms(from, body);
        using var response = await host.Client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return [.. System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Descendants("Message").Select(m => m.Value)];
    }

    /// <summary>Texts SOS from <paramref name="number"/> and returns the reference the reply gives.</summary>
    private static async Task<string> SosAsync(OutboundHost host, string number)
    {
        var replies = await TextAsync(host, number, "SOS");
        return replies.SelectMany(r => ReferenceWord().Matches(r)).Select(m => m.Value).First(ReportReference.IsValid);
    }

    /// <summary>The contact's record as stored: Redis's raw fields when on Redis, and the snapshot as JSON either way.</summary>
    private static async Task<string> ContactRecordAsync(OutboundHost host, string contactId, PrivateRedis? server)
    {
        var snapshot = await host.Factory.Services.GetRequiredService<IContactStore>().LoadAsync(contactId);
        var record = JsonSerializer.Serialize(snapshot);
        if (server is null)
        {
            return record;
        }

        using var redis = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(server.Endpoint);
        var db = redis.GetDatabase();
        var fields = await db.HashGetAllAsync($"gateway:{{{contactId}}}:contact");
        var session = await db.StringGetAsync($"gateway:{{{contactId}}}:session");
        Assert.NotEmpty(fields);
        return record + "\n" + string.Join("\n", fields.OrderBy(f => (string)f.Name!, StringComparer.Ordinal).Select(f => $"{f.Name}={Convert.ToBase64String((byte[])f.Value!)}")) + "\n" + Convert.ToBase64String((byte[]?)session ?? []);
    }

    [GeneratedRegex("\"(contactId|codeExpiresAt|verifiedAt)\":\"[^\"]*\"")]
    private static partial Regex OwnParts();

    [GeneratedRegex(@"\b[A-Z0-9]{6,8}\b")]
    private static partial Regex ReferenceWord();

    [GeneratedRegex(@"Outbound (\S+) recorded for contact \S+ \(responder_verify\)")]
    private static partial Regex CodeMessage();
}
