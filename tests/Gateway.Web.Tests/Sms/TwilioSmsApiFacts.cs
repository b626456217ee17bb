using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Sms;

public sealed class TwilioSmsApiFacts : IDisposable
{
    private const string Number = "+66812340001";
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    private static List<string> Messages(string twiml) =>
        XDocument.Parse(twiml).Root!.Elements("Message").Select(e => e.Value).ToList();

    private async Task<(HttpStatusCode Status, string Body)> SendAsync(HttpRequestMessage request)
    {
        using var client = _factory.CreateClient();
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<ContactSnapshot> ContactAsync(string number)
    {
        var key = _factory.Services.GetRequiredService<DataKey>();
        return await _factory.Services.GetRequiredService<IContactStore>().LoadAsync(key.ContactId(number));
    }

    [Fact]
    public async Task SignedMessage_IsAnsweredWithTwiML_FromTheFlows()
    {
        var (status, body) = await SendAsync(GatewayFactory.SignedSms(Number, "hello"));

        Assert.Equal(HttpStatusCode.OK, status);
        var message = Assert.Single(Messages(body));
        Assert.Contains("1. English", message, StringComparison.Ordinal);
        Assert.Equal("main:language", (await ContactAsync(Number)).Session!.State);
    }

    [Fact]
    public async Task TamperedBody_Gets403_AndNothingIsProcessed()
    {
        var signed = GatewayFactory.SignedSms(Number, "hello");
        var form = System.Web.HttpUtility.ParseQueryString(await signed.Content!.ReadAsStringAsync());
        form["Body"] = "SOS";
        signed.Content = new FormUrlEncodedContent(form.AllKeys.Select(k => new KeyValuePair<string, string>(k!, form[k]!)));

        var (status, _) = await SendAsync(signed);

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal(0, (await ContactAsync(Number)).Version);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAA=")]
    public async Task MissingOrWrongSignature_Gets403(string? signature)
    {
        var request = GatewayFactory.SignedSms(Number, "hello");
        request.Headers.Remove("X-Twilio-Signature");
        if (signature is not null)
        {
            request.Headers.Add("X-Twilio-Signature", signature);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(request)).Status);
        Assert.Equal(0, (await ContactAsync(Number)).Version);
    }

    [Fact]
    public async Task SignatureForAnotherToken_Gets403() =>
        Assert.Equal(HttpStatusCode.Forbidden, (await SendAsync(GatewayFactory.SignedSms(Number, "hello", token: "another-token"))).Status);

    [Fact]
    public async Task SignedButMalformedWebhook_Gets400WithTheReason()
    {
        var request = GatewayFactory.SignedPost("/sms/twilio", [new("From", Number), new("Body", "hi")]);
        var (status, body) = await SendAsync(request);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("MessageSid", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonBody_Gets400()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/sms/twilio") { Content = new StringContent("{\"Body\":\"hi\"}", System.Text.Encoding.UTF8, "application/json") };
        Assert.Equal(HttpStatusCode.BadRequest, (await SendAsync(request)).Status);
    }

    [Fact]
    public async Task OversizedBody_IsRefused()
    {
        var request = GatewayFactory.SignedSms(Number, new string('x', 70 * 1024));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await SendAsync(request)).Status);
    }

    [Fact]
    public async Task RetriedMessageSid_GetsTheSameReply_WithoutRunningTheFlowAgain()
    {
        await SendAsync(GatewayFactory.SignedSms(Number, "hello"));
        var sid = GatewayFactory.NewSid();
        var first = await SendAsync(GatewayFactory.SignedSms(Number, "1", sid));
        var versionAfterFirst = (await ContactAsync(Number)).Version;

        var again = await SendAsync(GatewayFactory.SignedSms(Number, "1", sid));

        Assert.Equal(first, again);
        Assert.Contains("Travel Smart", first.Body, StringComparison.Ordinal);
        Assert.Equal(versionAfterFirst, (await ContactAsync(Number)).Version);
        Assert.Equal("main:menu", (await ContactAsync(Number)).Session!.State);
    }

    [Fact]
    public async Task ConcurrentMessagesFromOnePerson_AreAllApplied()
    {
        await SendAsync(GatewayFactory.SignedSms(Number, "hello"));
        var before = (await ContactAsync(Number)).Version;

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => SendAsync(GatewayFactory.SignedSms(Number, "MENU"))));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal(before + 12, (await ContactAsync(Number)).Version);
    }

    [Fact]
    public async Task OnRedis_ConcurrentMessagesAndARetry_AreEachHandledOnce()
    {
        // On Redis the contact is read together with the dedupe claim, and the reply is stored without waiting:
        // reads made stale by the other messages must be refused and redone, and a retry must find the reply.
        using var factory = new GatewayFactory(redis: true);
        using var client = factory.CreateClient();
        var number = "+6681" + Random.Shared.Next(2_000_000, 9_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var store = factory.Services.GetRequiredService<IContactStore>();
        var contactId = factory.Services.GetRequiredService<DataKey>().ContactId(number);
        async Task<(HttpStatusCode Status, string Body)> Send(HttpRequestMessage request)
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                return (response.StatusCode, await response.Content.ReadAsStringAsync());
            }
        }

        await Send(GatewayFactory.SignedSms(number, "hello"));
        var before = (await store.LoadAsync(contactId)).Version;
        var sids = Enumerable.Range(0, 12).Select(_ => GatewayFactory.NewSid()).ToList();

        var results = await Task.WhenAll(sids.Select(sid => Send(GatewayFactory.SignedSms(number, "MENU", sid))));
        var retried = await Send(GatewayFactory.SignedSms(number, "MENU", sids[5]));

        Assert.All(results, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.All(results, r => Assert.Contains("Travel Smart", r.Body, StringComparison.Ordinal));
        Assert.Equal(results[5], retried);
        var after = await store.LoadAsync(contactId);
        Assert.Equal(before + 12, after.Version);
        Assert.Equal("main:menu", after.Session!.State);
    }

    [Fact]
    public async Task Report_IsStoredBeforeTheReply_AndTheReplyCarriesItsReference()
    {
        // Language, report, labour, send it (who will be told), not under 18, no place, another province, for me, may text, may not call.
        foreach (var text in new[] { "hello", "1", "5", "2", "1", "2", "1", "2", "1", "1" })
        {
            await SendAsync(GatewayFactory.SignedSms(Number, text));
        }

        var (_, body) = await SendAsync(GatewayFactory.SignedSms(Number, "2"));

        var reply = Assert.Single(Messages(body));
        var reference = System.Text.RegularExpressions.Regex.Match(reply, "reference is ([0-9A-Z]{7})").Groups[1].Value;
        Assert.True(Gateway.Core.Cases.ReportReference.IsValid(reference), reply);
        var report = await _factory.Services.GetRequiredService<Gateway.Core.Cases.IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal("labour", report.Category);
        Assert.Equal("TH", report.Country);
        Assert.True(report.MayText);
        Assert.False(report.MayCall);
        Assert.Equal("no", report.UnderEighteen);
        Assert.NotNull((await ContactAsync(Number)).Profile!.EncryptedAddress);
    }

    [Fact]
    public async Task ReferenceVectors_PassTheSignatureCheck_AndTamperedOnesGet403()
    {
        var vectors = File.ReadLines(SharedData.PathOf("data/vectors/twilio-signatures.jsonl"))
            .Select(line => JsonDocument.Parse(line).RootElement)
            .Where(v => new Uri(v.GetProperty("url").GetString()!).AbsolutePath == "/sms/twilio")
            .ToList();
        Assert.True(vectors.Count >= 20, $"only {vectors.Count} vectors for /sms/twilio");

        foreach (var vector in vectors)
        {
            var url = vector.GetProperty("url").GetString()!;
            var pathStart = url.IndexOf("/sms/twilio", StringComparison.Ordinal);
            var form = vector.GetProperty("params").EnumerateArray().Select(p => new KeyValuePair<string, string>(p[0].GetString()!, p[1].GetString()!)).ToList();
            using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
            {
                ["Twilio:AuthToken"] = vector.GetProperty("token").GetString(),
                ["Gateway:PublicBaseUrl"] = url[..pathStart],
            });
            using var client = factory.CreateClient();

            using var accepted = new HttpRequestMessage(HttpMethod.Post, url[pathStart..]) { Content = new FormUrlEncodedContent(form) };
            accepted.Headers.Add("X-Twilio-Signature", vector.GetProperty("signature").GetString());
            using var response = await client.SendAsync(accepted);
            Assert.True(response.StatusCode != HttpStatusCode.Forbidden, $"refused: {url}");

            using var tampered = new HttpRequestMessage(HttpMethod.Post, url[pathStart..]) { Content = new FormUrlEncodedContent([.. form, new("Body", "tampered")]) };
            tampered.Headers.Add("X-Twilio-Signature", vector.GetProperty("signature").GetString());
            using var refused = await client.SendAsync(tampered);
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }
}
