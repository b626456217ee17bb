using System.Text.Json;
using Gateway.Channels.Ussd;

namespace Gateway.Channels.Tests.Ussd;

public class HubtelUssdFacts
{
    [Fact]
    public void Initiation_IsADial_AndTheNumberGetsItsPlus()
    {
        const string json = """{"Type":"Initiation","Mobile":"233244123456","SessionId":"a1b2","ServiceCode":"*714#","Message":"*714#","Operator":"mtn","Sequence":1,"ClientState":null}""";

        Assert.True(HubtelUssd.TryParse(json, out var request, out _));
        Assert.Equal(UssdRequestKind.Dial, request.Kind);
        Assert.Equal("+233244123456", request.PhoneNumber);
        Assert.Equal(string.Empty, request.Text);
        Assert.Equal(1, request.Step);
        Assert.Equal("hubtel:a1b2", request.QualifiedSessionId);
    }

    [Theory]
    [InlineData("Response", UssdRequestKind.Answer)]
    [InlineData("response", UssdRequestKind.Answer)]
    [InlineData("Release", UssdRequestKind.Closed)]
    [InlineData("Timeout", UssdRequestKind.Closed)]
    public void Types_AreReadWithoutRegardToCase(string type, UssdRequestKind kind)
    {
        var json = $$"""{"Type":"{{type}}","Mobile":"233244123456","SessionId":"a1b2","Message":"1*2","Sequence":"3"}""";

        Assert.True(HubtelUssd.TryParse(json, out var request, out _));
        Assert.Equal(kind, request.Kind);
        Assert.Equal(3, request.Step);
        Assert.Equal("1*2", request.NewInput(2));
    }

    [Theory]
    [InlineData("not json", "not JSON")]
    [InlineData("[1]", "not a JSON object")]
    [InlineData("""{"Type":"Response","SessionId":"x","Sequence":2}""", "Mobile")]
    [InlineData("""{"Type":"Hello","Mobile":"1","SessionId":"x","Sequence":2}""", "Hello")]
    [InlineData("""{"Type":"Response","Mobile":"1","SessionId":"x","Sequence":-2}""", "Sequence")]
    public void Malformed_IsRefusedWithAReason(string json, string reason)
    {
        Assert.False(HubtelUssd.TryParse(json, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_SaysResponseOrRelease_AndEchoesTheClientState()
    {
        var open = JsonDocument.Parse(HubtelUssd.Render(new UssdResponse("1. English", Ends: false), "st-9")).RootElement;
        var closed = JsonDocument.Parse(HubtelUssd.Render(new UssdResponse("Bye", Ends: true))).RootElement;

        Assert.Equal("Response", open.GetProperty("Type").GetString());
        Assert.Equal("1. English", open.GetProperty("Message").GetString());
        Assert.Equal("st-9", open.GetProperty("ClientState").GetString());
        Assert.Equal("text", open.GetProperty("FieldType").GetString());
        Assert.Equal("Release", closed.GetProperty("Type").GetString());
        Assert.False(closed.TryGetProperty("ClientState", out _));
    }
}
