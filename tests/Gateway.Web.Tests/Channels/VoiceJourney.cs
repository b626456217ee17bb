using System.Net;
using System.Xml.Linq;
using Gateway.Core.Localization;

namespace Gateway.Web.Tests.Channels;

/// <summary>
/// A phone call to the hotline: signed Twilio voice webhooks of one CallSid, the keys pressed as Digits, answered
/// with TwiML. A menu waits for one key in a Gather whose action is the webhook again; the call's SOS is 0.
/// </summary>
public sealed class VoiceJourney(HttpClient client, string number, string contactId) : IJourneyChannel
{
    private readonly string _callSid = "CA" + Guid.NewGuid().ToString("N");
    private XDocument? _last;

    /// <summary>Where Twilio posts the next key: the action of the last Gather, which numbers the call's steps.</summary>
    private string _next = "/voice/twilio";

    public string Name => "voice";

    public Channel Renders => Channel.Voice;

    public string ContactId => contactId;

    public Task<ChannelAnswer> StartAsync() => PostAsync(digits: null, expectEnd: false);

    public Task<ChannelAnswer> ChooseAsync(int number) =>
        PostAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture), expectEnd: false);

    /// <summary>0, which every menu of a call offers; the call confirms and hangs up.</summary>
    public Task<ChannelAnswer> SosAsync() => PostAsync("0", expectEnd: true);

    private async Task<ChannelAnswer> PostAsync(string? digits, bool expectEnd)
    {
        var form = new List<KeyValuePair<string, string>>
        {
            new("CallSid", _callSid),
            new("AccountSid", "ACtest"),
            new("From", number),
            new("To", "+15005550006"),
            new("CallStatus", "in-progress"),
            new("Direction", "inbound"),
            new("ApiVersion", "2010-04-01"),
        };
        if (digits is not null)
        {
            form.Add(new("Digits", digits));
        }

        using var request = GatewayFactory.SignedPost(_next, form);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"voice key {digits ?? "(call)"} answered {(int)response.StatusCode}: {body}");
        Assert.StartsWith("text/xml", response.Content.Headers.ContentType?.ToString(), StringComparison.Ordinal);
        _last = XDocument.Parse(body);
        var gathers = _last.Descendants("Gather").ToList();
        if (expectEnd)
        {
            Assert.Empty(gathers);
            Assert.Equal("Hangup", _last.Root!.Elements().Last().Name.LocalName);
        }
        else
        {
            Assert.NotEmpty(gathers);
            var gather = gathers[0];
            Assert.Equal("1", gather.Attribute("numDigits")?.Value);
            var action = gather.Attribute("action")?.Value ?? string.Empty;
            Assert.StartsWith(GatewayFactory.PublicBaseUrl + "/voice/twilio?step=", action, StringComparison.Ordinal);
            _next = action[GatewayFactory.PublicBaseUrl.Length..];
        }

        return new ChannelAnswer([.. _last.Descendants().Where(e => e.Name.LocalName is "Say" or "Play")
            .Select(e => new ChannelText(e.Value, e.Name.LocalName == "Say" ? e.Attribute("language")?.Value : null))]);
    }
}
