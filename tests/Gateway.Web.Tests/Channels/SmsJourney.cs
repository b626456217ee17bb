using System.Net;
using System.Xml.Linq;
using Gateway.Core.Localization;

namespace Gateway.Web.Tests.Channels;

/// <summary>A phone texting the gateway: Twilio SMS webhooks signed with the account's token, answered with TwiML.</summary>
public sealed class SmsJourney(HttpClient client, string number, string contactId) : IJourneyChannel
{
    public string Name => "sms";

    public Channel Renders => Channel.Sms;

    public string ContactId => contactId;

    public Task<ChannelAnswer> StartAsync() => SendAsync("hello");

    public Task<ChannelAnswer> ChooseAsync(int number) => SendAsync(number.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>SMS menus carry no SOS number (decision 0007): the person texts the word.</summary>
    public Task<ChannelAnswer> SosAsync() => SendAsync("SOS");

    private async Task<ChannelAnswer> SendAsync(string body)
    {
        using var request = GatewayFactory.SignedSms(number, body);
        using var response = await client.SendAsync(request);
        var twiml = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"sms \"{body}\" answered {(int)response.StatusCode}: {twiml}");
        var messages = XDocument.Parse(twiml).Root!.Elements("Message").Select(m => new ChannelText(m.Value)).ToList();
        Assert.NotEmpty(messages);
        return new ChannelAnswer(messages);
    }
}
