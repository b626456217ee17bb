using System.Xml.Linq;
using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

public class TwiMLFacts
{
    [Fact]
    public void Messages_IsAnEmptyResponse_WhenThereIsNothingToSay() =>
        Assert.Equal("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>", TwiML.Messages([]));

    [Fact]
    public void Messages_EscapesAndKeepsEveryTextAsOneMessage()
    {
        var xml = TwiML.Messages(["1 < 2 & \"3\"\nနောက်ထပ်", "second\u0007"]);
        var messages = XDocument.Parse(xml).Root!.Elements("Message").Select(e => e.Value).ToList();
        Assert.Equal(["1 < 2 & \"3\"\nနောက်ထပ်", "second"], messages);
    }
}
