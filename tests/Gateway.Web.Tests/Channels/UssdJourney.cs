using System.Net;
using Gateway.Core.Localization;

namespace Gateway.Web.Tests.Channels;

/// <summary>
/// A phone in one Africa's Talking USSD session: each request carries every answer so far joined by <c>*</c>, with
/// the shared secret in the query. Every screen must fit one USSD screen and, while the session is open, offer
/// "99. SOS" last. A long text comes a screen at a time behind "0. More": the person reads every screen (each
/// "0" is a turn of its own, which moves no flow) before answering, and the answer is all the screens read.
/// </summary>
public sealed class UssdJourney(HttpClient client, string number, string contactId, string secret) : IJourneyChannel
{
    private readonly List<string> _answers = [];
    private readonly string _sessionId = "ATUid_" + Guid.NewGuid().ToString("N");
    private string _screen = string.Empty;

    public string Name => "ussd";

    public Channel Renders => Channel.Ussd;

    public string ContactId => contactId;

    public Task<ChannelAnswer> StartAsync() => PostAsync(expectEnd: false);

    public Task<ChannelAnswer> ChooseAsync(int number)
    {
        _answers.Add(number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return PostAsync(expectEnd: false);
    }

    /// <summary>The screen's own SOS line: 99, and the session ends with the confirmation.</summary>
    public Task<ChannelAnswer> SosAsync()
    {
        Assert.EndsWith("\n99. SOS", _screen, StringComparison.Ordinal);
        _answers.Add("99");
        return SosScreensAsync();
    }

    /// <summary>The SOS answer, read to its last screen (who will be told follows the confirmation), which ends the session.</summary>
    private async Task<ChannelAnswer> SosScreensAsync()
    {
        var screens = new List<ChannelText> { new(await ScreenAsync(expectEnd: null)) };
        for (var more = 0; !_ended; more++)
        {
            Assert.True(more < 10 && _screen.Split('\n').Any(line => line.StartsWith("0. ", StringComparison.Ordinal)), $"ussd: the SOS answer neither ends nor goes on:\n{_screen}");
            _answers.Add("0");
            screens.Add(new(await ScreenAsync(expectEnd: null)));
        }

        return new ChannelAnswer(screens);
    }

    private async Task<ChannelAnswer> PostAsync(bool expectEnd)
    {
        var screens = new List<ChannelText> { new(await ScreenAsync(expectEnd)) };
        for (var more = 0; !expectEnd && _screen.Split('\n').Any(line => line.StartsWith("0. ", StringComparison.Ordinal)); more++)
        {
            Assert.True(more < 10, $"ussd: more than ten screens:\n{_screen}");
            _answers.Add("0");
            screens.Add(new(await ScreenAsync(expectEnd)));
        }

        return new ChannelAnswer(screens);
    }

    private bool _ended;

    /// <param name="expectEnd">Whether the screen must end the session, must not, or (null) either.</param>
    private async Task<string> ScreenAsync(bool? expectEnd)
    {
        using var content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["sessionId"] = _sessionId,
            ["serviceCode"] = "*384*1234#",
            ["phoneNumber"] = number,
            ["networkCode"] = "52001",
            ["text"] = string.Join('*', _answers),
        });
        using var response = await client.PostAsync($"/ussd/africastalking?key={Uri.EscapeDataString(secret)}", content);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"ussd \"{string.Join('*', _answers)}\" answered {(int)response.StatusCode}: {body}");
        if (expectEnd is { } end)
        {
            Assert.StartsWith(end ? "END " : "CON ", body, StringComparison.Ordinal);
        }

        _ended = body.StartsWith("END ", StringComparison.Ordinal);
        _screen = body[4..];
        Assert.True(UssdScreen.Fits(_screen), $"{UssdScreen.Cost(_screen, out _)} units do not fit one USSD screen:\n{_screen}");
        if (expectEnd == false)
        {
            Assert.EndsWith("\n99. SOS", _screen, StringComparison.Ordinal);
        }

        return _screen;
    }
}
