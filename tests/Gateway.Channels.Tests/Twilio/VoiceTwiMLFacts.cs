using System.Xml.Linq;
using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

public class VoiceTwiMLFacts
{
    private static readonly Uri Accept = new("https://gw.example.org/voice/page/accept?t=a1&l=ngo");

    private static XElement Parse(string xml)
    {
        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>", xml, StringComparison.Ordinal);
        var root = XDocument.Parse(xml).Root!;
        Assert.Equal("Response", root.Name.LocalName);
        return root;
    }

    [Fact]
    public void Page_GathersOneKey_WhileSayingTheReportTwice_ThenHangsUp()
    {
        var root = Parse(VoiceTwiML.Page("K7M2QXH", "labour", Accept));

        Assert.Equal(["Gather", "Say", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        var gather = root.Element("Gather")!;
        Assert.Equal(Accept.AbsoluteUri, (string?)gather.Attribute("action"));
        Assert.Equal("POST", (string?)gather.Attribute("method"));
        Assert.Equal("1", (string?)gather.Attribute("numDigits"));
        Assert.Equal("dtmf", (string?)gather.Attribute("input"));
        Assert.All(gather.Elements(), e => Assert.Contains(e.Name.LocalName, new[] { "Say", "Pause" }));

        var said = gather.Elements("Say").Select(e => e.Value).ToList();
        string[] once = ["Safe Migration Gateway.", "New labour report.", "Reference:", "K.", "7.", "M.", "2.", "Q.", "X.", "H.", "Press 1 to accept it."];
        Assert.Equal([.. once, .. once], said);
        Assert.All(gather.Elements("Say").Concat(root.Elements("Say")), s =>
        {
            Assert.Equal("en-US", (string?)s.Attribute("language"));
            Assert.Equal(VoiceTwiML.PageVoice, (string?)s.Attribute("voice"));
        });
    }

    [Fact]
    public void Page_ThatMayRepeatAnEarlierCall_SaysSoBeforeTheReport_AndFitsTwiliosLimit()
    {
        var xml = VoiceTwiML.Page("K7M2QXH", "labour", Accept, possibleDuplicate: true);

        var said = Parse(xml).Element("Gather")!.Elements("Say").Select(e => e.Value).ToList();
        string[] once = ["Safe Migration Gateway.", "This is a repeat of an earlier call, and may be a duplicate.", "labour report.", "Reference:", "K.", "7.", "M.", "2.", "Q.", "X.", "H.", "Press 1 to accept it."];
        Assert.Equal([.. once, .. once], said);
        Assert.True(xml.Length <= TwilioOutboundCall.MaxTwimlLength, $"The page TwiML is {xml.Length} characters.");
    }

    [Fact]
    public void Page_PausesAfterEveryCharacterOfTheReference()
    {
        var verbs = Parse(VoiceTwiML.Page("K7M2QXH", "labour", Accept)).Element("Gather")!.Elements().ToList();
        var letters = verbs.Select((v, i) => (v, i)).Where(x => x.v.Name == "Say" && x.v.Value.Length == 2).ToList();
        Assert.Equal(14, letters.Count);
        Assert.All(letters, x => Assert.Equal("Pause", verbs[x.i + 1].Name.LocalName));
    }

    [Fact]
    public void Page_EscapesTheCategoryAndTheActionUrl_AndFitsTwiliosLimit()
    {
        var xml = VoiceTwiML.Page("K7M2QXH", "child <at> \"risk\" & more", Accept);

        var root = Parse(xml);
        Assert.Contains("New child <at> \"risk\" & more report.", root.Descendants("Say").Select(s => s.Value));
        Assert.Equal("https://gw.example.org/voice/page/accept?t=a1&l=ngo", (string?)root.Element("Gather")!.Attribute("action"));
        Assert.Contains("&amp;l=ngo", xml, StringComparison.Ordinal);
        Assert.True(xml.Length <= TwilioOutboundCall.MaxTwimlLength, $"The page TwiML is {xml.Length} characters.");
    }

    [Fact]
    public void Builder_WritesEachVerbWithItsAttributes()
    {
        var xml = new VoiceTwiML()
            .Say("Hello & welcome", voice: "Polly.Joanna", language: "en-US", loop: 2)
            .Pause(3)
            .Gather(new Uri("https://gw.example.org/voice/menu"), numDigits: 1, timeoutSeconds: 6, finishOnKey: "#", then: g => g.Say("Press 1.").Pause())
            .Dial(["+66812340003", "+66812340004"], callerId: "+15005550006", action: new Uri("https://gw.example.org/voice/dialed"), timeoutSeconds: 20)
            .Redirect(new Uri("https://gw.example.org/voice/menu?again=1&x=2"))
            .Hangup()
            .ToString();

        var root = Parse(xml);
        Assert.Equal(["Say", "Pause", "Gather", "Dial", "Redirect", "Hangup"], root.Elements().Select(e => e.Name.LocalName));
        var say = root.Element("Say")!;
        Assert.Equal(("Hello & welcome", "Polly.Joanna", "en-US", "2"), (say.Value, (string?)say.Attribute("voice"), (string?)say.Attribute("language"), (string?)say.Attribute("loop")));
        Assert.Equal("3", (string?)root.Element("Pause")!.Attribute("length"));
        var gather = root.Element("Gather")!;
        Assert.Equal(("6", "#", "1"), ((string?)gather.Attribute("timeout"), (string?)gather.Attribute("finishOnKey"), (string?)gather.Attribute("numDigits")));
        Assert.Equal(["Say", "Pause"], gather.Elements().Select(e => e.Name.LocalName));
        var dial = root.Element("Dial")!;
        Assert.Equal("+15005550006", (string?)dial.Attribute("callerId"));
        Assert.Equal("https://gw.example.org/voice/dialed", (string?)dial.Attribute("action"));
        Assert.Equal("20", (string?)dial.Attribute("timeout"));
        Assert.Equal(["+66812340003", "+66812340004"], dial.Elements("Number").Select(n => n.Value));
        Assert.Equal("https://gw.example.org/voice/menu?again=1&x=2", root.Element("Redirect")!.Value);
        Assert.Equal("POST", (string?)root.Element("Redirect")!.Attribute("method"));
        Assert.Empty(root.Element("Hangup")!.Nodes());
    }

    [Fact]
    public void Builder_LeavesOutAttributesNotGiven()
    {
        var root = Parse(new VoiceTwiML().Say("Hi").Dial(["+66812340003"]).ToString());
        Assert.Empty(root.Element("Say")!.Attributes());
        Assert.Empty(root.Element("Dial")!.Attributes());
    }

    [Fact]
    public void Builder_DropsCharactersXmlCannotCarry_AndKeepsLineBreaksInAttributes()
    {
        var root = Parse(new VoiceTwiML().Say("bell\u0007 ငါ", voice: "a\nb").ToString());
        Assert.Equal("bell ငါ", root.Element("Say")!.Value);
        Assert.Equal("a\nb", (string?)root.Element("Say")!.Attribute("voice"));
    }

    [Fact]
    public void Builder_RefusesVerbsAGatherCannotHold()
    {
        var action = new Uri("https://gw.example.org/voice/menu");
        Assert.Throws<InvalidOperationException>(() => new VoiceTwiML().Gather(action, then: g => g.Gather(action)));
        Assert.Throws<InvalidOperationException>(() => new VoiceTwiML().Gather(action, then: g => g.Hangup()));
        Assert.Throws<InvalidOperationException>(() => new VoiceTwiML().Gather(action, then: g => g.Dial(["+66812340003"])));
    }

    [Fact]
    public void Builder_IsClosedOnce_AndRefusesVerbsAfterwards()
    {
        var twiml = new VoiceTwiML().Hangup();
        Assert.Equal(twiml.ToString(), twiml.ToString());
        Assert.Throws<InvalidOperationException>(() => twiml.Say("late"));
    }

    [Fact]
    public void Play_WritesTheEscapedUrl_InsideAGatherToo()
    {
        var xml = new VoiceTwiML()
            .Gather(new Uri("https://gw.example.org/voice/twilio"), numDigits: 1, then: g => g.Play(new Uri("https://gw.example.org/voice/audio/my/menu.intro.mp3?v=1&x=2")))
            .Play(new Uri("https://gw.example.org/voice/audio/en/voice.goodbye.wav"), loop: 2)
            .ToString();

        var document = XDocument.Parse(xml);
        var plays = document.Descendants("Play").ToList();
        Assert.Equal("https://gw.example.org/voice/audio/my/menu.intro.mp3?v=1&x=2", plays[0].Value);
        Assert.Equal("Gather", plays[0].Parent!.Name.LocalName);
        Assert.Equal("2", plays[1].Attribute("loop")?.Value);
        Assert.Contains("mp3?v=1&amp;x=2", xml, StringComparison.Ordinal);
    }
}
