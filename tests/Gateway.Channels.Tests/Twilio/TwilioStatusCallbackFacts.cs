using Gateway.Channels.Twilio;

namespace Gateway.Channels.Tests.Twilio;

public class TwilioStatusCallbackFacts
{
    private const string Sid = "SM0123456789abcdef0123456789abcdef";

    [Fact]
    public void TryParse_ReadsSidStatusAndErrorCode()
    {
        var form = new Dictionary<string, string>
        {
            ["MessageSid"] = Sid,
            ["MessageStatus"] = "undelivered",
            ["SmsSid"] = Sid,
            ["SmsStatus"] = "undelivered",
            ["ErrorCode"] = "30003",
            ["ErrorMessage"] = "Unreachable destination handset",
            ["AccountSid"] = "ACtest",
            ["RawDlrDoneDate"] = "2605011030",
        };

        Assert.True(TwilioStatusCallback.TryParse(form, out var callback, out _));
        Assert.Equal(new TwilioStatusCallback(Sid, "undelivered", 30003), callback);
    }

    [Fact]
    public void TryParse_FallsBackToTheDeprecatedSmsNames() =>
        Assert.True(TwilioStatusCallback.TryParse(new Dictionary<string, string> { ["SmsSid"] = Sid, ["SmsStatus"] = "delivered" }, out var callback, out _)
            && callback == new TwilioStatusCallback(Sid, "delivered", null));

    [Theory]
    [InlineData(null, "sent", null, "MessageSid")]
    [InlineData("SM123", "sent", null, "MessageSid")]
    [InlineData(Sid, null, null, "MessageStatus")]
    [InlineData(Sid, "lost", null, "MessageStatus")]
    [InlineData(Sid, "failed", "abc", "ErrorCode")]
    public void TryParse_SaysWhatIsWrong(string? sid, string? status, string? code, string problemNames)
    {
        var form = new Dictionary<string, string>();
        if (sid is not null)
        {
            form["MessageSid"] = sid;
        }

        if (status is not null)
        {
            form["MessageStatus"] = status;
        }

        if (code is not null)
        {
            form["ErrorCode"] = code;
        }

        Assert.False(TwilioStatusCallback.TryParse(form, out _, out var problem));
        Assert.Contains(problemNames, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ErrorSentences_NameTheCode_AndKnownCodesSayWhatHappened()
    {
        Assert.Equal("The phone was unreachable (switched off or out of coverage) and the network gave up (error 30003).", TwilioErrors.Describe(30003));
        Assert.Equal("Twilio refused the message (error 12345).", TwilioErrors.Describe(12345));
        Assert.Equal("Twilio refused the message without an error code (HTTP 400).", TwilioErrors.Describe(null, 400));
        Assert.DoesNotContain("See", TwilioErrors.Describe(21211, 400, "javascript:alert(1)"), StringComparison.Ordinal);
    }
}
