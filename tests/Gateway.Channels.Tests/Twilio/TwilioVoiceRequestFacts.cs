using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

public class TwilioVoiceRequestFacts
{
    private static Dictionary<string, string> Form(string? digits = null, string sid = "CA1234567890abcdef1234567890abcdef")
    {
        var form = new Dictionary<string, string>
        {
            ["CallSid"] = sid,
            ["AccountSid"] = "ACtest",
            ["From"] = "+66815550150",
            ["To"] = "+15005550006",
            ["CallStatus"] = "in-progress",
            ["Direction"] = "inbound",
        };
        if (digits is not null)
        {
            form["Digits"] = digits;
        }

        return form;
    }

    [Fact]
    public void TryParse_ReadsANewCall_WithoutDigits()
    {
        Assert.True(TwilioVoiceRequest.TryParse(Form(), out var request, out _));
        Assert.Null(request!.Digits);
        Assert.Equal("in-progress", request.CallStatus);
        Assert.DoesNotContain("815550150", request.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0", "0")]
    [InlineData("12#", "12#")]
    [InlineData("", null)]
    public void TryParse_ReadsTheKeysPressed(string digits, string? expected)
    {
        Assert.True(TwilioVoiceRequest.TryParse(Form(digits), out var request, out _));
        Assert.Equal(expected, request!.Digits);
    }

    [Theory]
    [InlineData("SM1234567890abcdef1234567890abcdef", null)]
    [InlineData("CA123", null)]
    [InlineData("CA1234567890abcdef1234567890abcdef", "1; DROP")]
    public void TryParse_RefusesWhatIsNotACallOrNotKeys(string sid, string? digits)
    {
        Assert.False(TwilioVoiceRequest.TryParse(Form(digits, sid), out _, out var problem));
        Assert.NotNull(problem);
    }
}
