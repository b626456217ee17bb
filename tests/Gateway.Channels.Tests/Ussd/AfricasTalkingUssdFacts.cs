using Gateway.Channels.Ussd;

namespace Gateway.Channels.Tests.Ussd;

public class AfricasTalkingUssdFacts
{
    private static Dictionary<string, string> Form(string text) => new()
    {
        ["sessionId"] = "ATUid_0a1b",
        ["serviceCode"] = "*384*1234#",
        ["phoneNumber"] = "+66812345678",
        ["networkCode"] = "52001",
        ["text"] = text,
    };

    [Fact]
    public void EmptyText_IsADial_AtStepZero()
    {
        Assert.True(AfricasTalkingUssd.TryParse(Form(string.Empty), out var request, out _));
        Assert.Equal(UssdRequestKind.Dial, request.Kind);
        Assert.Equal(0, request.Step);
        Assert.Equal("africastalking:ATUid_0a1b", request.QualifiedSessionId);
        Assert.Equal("52001", request.Network);
    }

    [Theory]
    [InlineData("1", 0, "1")]
    [InlineData("1*3", 1, "3")]
    [InlineData("1*3*99", 3, "99")]
    [InlineData("1*5*2*2*Soi 3*4", 7, "Soi 3*4")]
    [InlineData("1*3", 3, "3")]
    public void NewInput_IsWhatFollowsThePartAlreadyRead(string text, long consumed, string input)
    {
        Assert.True(AfricasTalkingUssd.TryParse(Form(text), out var request, out _));
        Assert.Equal(UssdRequestKind.Answer, request.Kind);
        Assert.Equal(text.Length, request.Step);
        Assert.Equal(input, request.NewInput(consumed));
    }

    [Theory]
    [InlineData("sessionId")]
    [InlineData("phoneNumber")]
    [InlineData("text")]
    public void MissingField_IsRefusedWithItsName(string field)
    {
        var form = Form("1");
        form.Remove(field);
        Assert.False(AfricasTalkingUssd.TryParse(form, out _, out var problem));
        Assert.Contains(field, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_StartsWithConOrEnd()
    {
        Assert.Equal("CON 1. English\n99. SOS", AfricasTalkingUssd.Render(new UssdResponse("1. English\n99. SOS", Ends: false)));
        Assert.Equal("END SOS received (K7M2QX4).", AfricasTalkingUssd.Render(new UssdResponse("SOS received (K7M2QX4).", Ends: true)));
    }
}
