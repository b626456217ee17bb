using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Accounts;
using Gateway.Web.Tests.Outbound;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Accounts;

/// <summary>
/// Responder numbers verified by a code texted to them, end to end: the API, the outbox, a WireMock Twilio, and the
/// code typed back. Numbers never come back whole, nor reach the log.
/// </summary>
public sealed class ResponderNumbersFacts : IDisposable
{
    private const string Number = "+66812340001";
    private const string Local = "081 234 0001";

    private readonly OutboundHost _host = new();

    public ResponderNumbersFacts() => _host.Answer(201, OutboundHost.Created());

    public void Dispose() => _host.Dispose();

    private static async Task<JsonElement> JsonOf(HttpResponseMessage response)
    {
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }

    /// <summary>The code in the <paramref name="nth"/> text Twilio was asked to send (1-based), once it is sent.</summary>
    private async Task<string> CodeTextedAsync(int nth, string to = Number)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (_host.Requests.Count < nth)
        {
            Assert.True(DateTime.UtcNow < deadline, $"Twilio was asked to send {_host.Requests.Count} texts, not {nth}.");
            await Task.Delay(20);
        }

        var form = OutboundHost.Form(_host.Requests[nth - 1]);
        Assert.Equal(to, form["To"]);
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

    [Fact]
    public async Task AskingForACode_LetsTheGatewayTextTheNumber_ButLeavesAnOptOutInPlace()
    {
        var responder = await AccountSeed.AccountAsync(_host.Factory.Services, Role.Responder);
        await _host.ContactAsync(Number, mayText: false, optedOut: true);
        using var client = responder.Client(_host.Factory);

        using var response = await client.PostAsJsonAsync($"/api/accounts/{responder.Account.Id}/numbers", new { number = Number });
        var profile = await _host.ProfileAsync(_host.Factory.Services.GetRequiredService<DataKey>().ContactId(Number));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("opted out", (await JsonOf(response)).GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.True(profile.MayText);
        Assert.True(profile.OptedOut);
    }
}
