using Gateway.Core.Accounts;

namespace Gateway.Core.Tests.Accounts;

public class ResponderNumberFacts
{
    private static readonly DateTimeOffset Sent = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    private static ResponderNumber Pending() => new ResponderNumber
    {
        AccountId = "acc_test",
        ContactId = "contact",
        EncryptedNumber = "sealed",
        AddedAt = Sent,
    }.WithCode("right", Sent);

    [Fact]
    public void CheckCode_TheRightCode_VerifiesTheNumberAndForgetsTheCode()
    {
        var (next, outcome) = Pending().CheckCode("right", Sent.AddMinutes(9));

        Assert.Equal(CodeCheck.Verified, outcome);
        Assert.True(next.Verified);
        Assert.Equal(Sent.AddMinutes(9), next.VerifiedAt);
        Assert.Null(next.CodeHash);
        Assert.Null(next.CodeExpiresAt);
        Assert.Equal(CodeCheck.AlreadyVerified, next.CheckCode("right", Sent.AddMinutes(9)).Outcome);
    }

    [Fact]
    public void CheckCode_FiveWrongCodes_SpendTheCode_SoEvenTheRightOneIsRefused()
    {
        var number = Pending();
        var outcomes = new List<CodeCheck>();
        for (var i = 0; i < ResponderNumber.MaxCodeAttempts; i++)
        {
            (number, var outcome) = number.CheckCode("wrong", Sent.AddMinutes(1));
            outcomes.Add(outcome);
        }

        Assert.Equal([CodeCheck.Wrong, CodeCheck.Wrong, CodeCheck.Wrong, CodeCheck.Wrong, CodeCheck.Locked], outcomes);
        Assert.Equal(0, number.AttemptsLeft);
        var (after, last) = number.CheckCode("right", Sent.AddMinutes(2));
        Assert.Equal(CodeCheck.Locked, last);
        Assert.False(after.Verified);
    }

    [Fact]
    public void CheckCode_AfterTenMinutes_IsExpired_AndCountsNothing()
    {
        var (next, outcome) = Pending().CheckCode("right", Sent + ResponderNumber.CodeLifetime);

        Assert.Equal(CodeCheck.Expired, outcome);
        Assert.False(next.Verified);
        Assert.Equal(0, next.CodeAttempts);
    }

    [Fact]
    public void WithCode_ReplacesASpentCode_AndItsCount()
    {
        var number = Pending() with { CodeAttempts = ResponderNumber.MaxCodeAttempts };

        var renewed = number.WithCode("new", Sent.AddMinutes(30));

        Assert.Equal(ResponderNumber.MaxCodeAttempts, renewed.AttemptsLeft);
        Assert.Equal(Sent.AddMinutes(40), renewed.CodeExpiresAt);
        Assert.Equal(CodeCheck.Verified, renewed.CheckCode("new", Sent.AddMinutes(31)).Outcome);
    }

    [Fact]
    public void CheckCode_WithoutACode_SaysSo() =>
        Assert.Equal(CodeCheck.NoCode, (Pending() with { CodeHash = null, CodeExpiresAt = null }).CheckCode("right", Sent).Outcome);
}
