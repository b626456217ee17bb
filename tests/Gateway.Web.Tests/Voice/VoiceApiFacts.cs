using System.Net;
using System.Xml.Linq;
using Gateway.Core.Cases;

namespace Gateway.Web.Tests.Voice;

/// <summary>The voice hotline as Twilio drives it: signed posts of CallSid, From, To and Digits, answered with TwiML.</summary>
public sealed class VoiceApiFacts : IDisposable
{
    private const string Caller = "+66815550150";
    private readonly VoiceHost _host = new();

    [Fact]
    public async Task Call_ReachesTheHotlineByKeys_LanguageThenGetHelpThenTalkNow()
    {
        var call = VoiceHost.NewCallSid();

        var languages = await _host.CallAsync(call, Caller, digits: null);
        var gather = languages.Descendants("Gather").First();
        Assert.Equal("1", gather.Attribute("numDigits")?.Value);
        Assert.Equal("dtmf", gather.Attribute("input")?.Value);
        Assert.Equal("https://gw.example.org/voice/twilio?step=1", gather.Attribute("action")?.Value);
        Assert.Equal("POST", gather.Attribute("method")?.Value);
        var said = VoiceHost.Spoken(languages);
        Assert.Equal("play https://gw.example.org/voice/audio/en/language.choose.wav", said[0]);
        // A language a voice speaks names itself in its own language; the others are named in English.
        Assert.Contains(languages.Descendants("Say"), s => s.Value == "ไทย" && s.Attribute("language")?.Value == "th-TH");
        Assert.Contains("Burmese", said);
        Assert.Contains("Press 9.", said);
        Assert.Contains("Press 0.", said);                 // SOS, on every menu of a call
        Assert.Equal(2, languages.Descendants("Gather").Count());   // no key: the menu once more …
        Assert.Equal("Hangup", languages.Root!.Elements().Last().Name.LocalName);   // … then goodbye

        var menu = await _host.CallAsync(call, Caller, "1");
        Assert.Contains("Travel Smart, Work Smart. In danger? Press 0 at any menu.", VoiceHost.Spoken(menu));

        var help = await _host.CallAsync(call, Caller, "4");
        Assert.Contains("Talk to someone now", VoiceHost.Spoken(help));

        var connected = await _host.CallAsync(call, Caller, "4");
        Assert.Contains(VoiceHost.Spoken(connected), s => s.StartsWith("Connecting you to NGO partner speaking Burmese", StringComparison.Ordinal));
        var dial = Assert.Single(connected.Descendants("Dial"));
        Assert.Equal(VoiceHost.NgoNumber, Assert.Single(dial.Elements("Number")).Value);
        Assert.Equal("Hangup", connected.Root!.Elements().Last().Name.LocalName);
        Assert.Empty(connected.Descendants("Gather"));
    }

    [Fact]
    public async Task Call_SaysTheNumber_WhenNoContactCanBeDialled()
    {
        using var host = new VoiceHost(ngoNumber: false);
        var call = VoiceHost.NewCallSid();
        await host.CallAsync(call, Caller, null);
        await host.CallAsync(call, Caller, "1");
        await host.CallAsync(call, Caller, "4");

        var answer = await host.CallAsync(call, Caller, "4");

        Assert.Empty(answer.Descendants("Dial"));
        Assert.Contains("We cannot put this call through to Anti-trafficking hotline. Please hang up and call 1300.", VoiceHost.Spoken(answer));
    }

    [Fact]
    public async Task SosByKey_OnAVoiceMenu_OpensAStoredReport_AndTheCallConfirmsIt()
    {
        var call = VoiceHost.NewCallSid();
        await _host.CallAsync(call, Caller, null);
        var burmese = await _host.CallAsync(call, Caller, "2");

        // Burmese has no provider voice and no recording yet: the caller hears English, the chain's next language.
        Assert.Contains("Press 0.", VoiceHost.Spoken(burmese));

        var sos = await _host.CallAsync(call, Caller, "0");

        var reference = VoiceHost.SpelledReference(VoiceHost.Spoken(sos));
        Assert.NotNull(reference);
        var report = await _host.Reports.FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal("voice", report.Channel);
        Assert.Equal("my", report.Language);
        Assert.Equal("TH", report.Country);
        Assert.Contains(VoiceHost.Spoken(sos), s => s.Contains("1300", StringComparison.Ordinal));
        Assert.Equal("Hangup", sos.Root!.Elements().Last().Name.LocalName);
    }

    [Fact]
    public async Task ReplayedSignedKey_GetsTheSameTwiML_AndDoesNotRunTheStepAgain()
    {
        var call = VoiceHost.NewCallSid();
        await _host.CallAsync(call, Caller, null);
        var english = await _host.CallAsync(call, Caller, "1");
        var sosAction = english.Descendants("Gather").First().Attribute("action")!.Value[GatewayFactory.PublicBaseUrl.Length..];
        var sosForm = VoiceHost.Form(call, Caller, "0");

        // The request as captured on the wire: the same URL (with its step), body and signature, sent twice.
        using var first = await _host.Client.SendAsync(GatewayFactory.SignedPost(sosAction, sosForm));
        var firstTwiml = await first.Content.ReadAsStringAsync();
        using var replayed = await _host.Client.SendAsync(GatewayFactory.SignedPost(sosAction, sosForm));
        var replayedTwiml = await replayed.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, replayed.StatusCode);
        Assert.Equal(firstTwiml, replayedTwiml);
        Assert.NotNull(VoiceHost.SpelledReference(VoiceHost.Spoken(XDocument.Parse(firstTwiml))));
        Assert.Single(await _host.Reports.ListAsync(new ReportQuery()));

        // An earlier step replayed after the SOS repeats its own answer; the SOS is not undone or run again.
        var replayedLanguage = await _host.CallAsync(call, Caller, "1", "/voice/twilio?step=1");
        Assert.Equal(english.ToString(), replayedLanguage.ToString());
        Assert.Single(await _host.Reports.ListAsync(new ReportQuery()));
    }

    [Fact]
    public async Task Call_WithAStepThatIsNotANumber_IsRefused()
    {
        using var response = await _host.Client.SendAsync(GatewayFactory.SignedPost("/voice/twilio?step=-1", VoiceHost.Form(VoiceHost.NewCallSid(), Caller, "1")));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Call_WithABadSignature_IsRefused()
    {
        var request = GatewayFactory.SignedPost("/voice/twilio", VoiceHost.Form(VoiceHost.NewCallSid(), Caller, "1"), token: "not-the-token");
        using var response = await _host.Client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Audio_IsServedWithItsTypeAndCaching_AndNothingOutsideTheFolder()
    {
        using var wav = await _host.Client.GetAsync("/voice/audio/en/language.choose.wav");
        Assert.Equal(HttpStatusCode.OK, wav.StatusCode);
        Assert.Equal("audio/wav", wav.Content.Headers.ContentType?.MediaType);
        Assert.Contains("max-age=", wav.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.NotNull(wav.Headers.ETag);
        var bytes = await wav.Content.ReadAsByteArrayAsync();
        Assert.Equal("RIFF"u8.ToArray(), bytes[..4]);

        File.WriteAllText(Path.Combine(_host.AudioFolder, "secret.wav"), "not a recording of a language");
        foreach (var path in new[]
        {
            "/voice/audio/en/..%2F..%2Fen.yaml",
            "/voice/audio/en/..%2Fsecret.wav",
            "/voice/audio/..%2Flocalization/en.yaml",
            "/voice/audio/en/%2E%2E%2Fsecret.wav",
            "/voice/audio/en/missing.wav",
            "/voice/audio/en/language.choose.txt",
            "/voice/audio/EN/language.choose.wav",
        })
        {
            using var response = await _host.Client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }

    [Fact]
    public async Task CallBackConsent_KeyOne_PutsThePersonThrough()
    {
        var twiml = await _host.CallAsync(VoiceHost.NewCallSid(), Caller, "1", "/voice/twilio/callback?lang=my&country=TH");

        Assert.True(twiml.Descendants("Number").Count() == 1, twiml.ToString());
        Assert.Equal(VoiceHost.NgoNumber, twiml.Descendants("Number").Single().Value);
    }

    public void Dispose() => _host.Dispose();
}
