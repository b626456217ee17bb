using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Localization;

public class TextBudgetFacts
{
    [Fact]
    public void Sms_CreatesEqualBudgets_WhenGivenSameSegmentCount() =>
        Assert.Equal(new SmsBudget(3), TextBudget.Sms(3));

    [Fact]
    public void SmsBudget_Throws_WhenNoSegmentAllowed() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new SmsBudget(0));

    [Fact]
    public void Fits_FollowsSegmentCount_WhenSmsBudget()
    {
        Assert.True(TextBudget.Sms(1).Fits(new string('a', 160)));
        Assert.False(TextBudget.Sms(1).Fits(new string('a', 161)));
        Assert.True(TextBudget.Sms(2).Fits(new string('a', 306)));
        Assert.False(TextBudget.Sms(2).Fits(new string('a', 307)));
    }

    [Fact]
    public void Fits_FollowsUssdScreen_WhenUssdBudget()
    {
        Assert.True(TextBudget.Ussd.Fits(new string('a', 182)));
        Assert.False(TextBudget.Ussd.Fits(new string('a', 183)));
        Assert.IsType<UssdBudget>(TextBudget.Ussd);
    }

    [Fact]
    public void Describe_NamesTheRoom_WhenShownToAnEditor()
    {
        Assert.Contains("USSD screen", TextBudget.Ussd.Describe(), StringComparison.Ordinal);
        Assert.Contains("one SMS", TextBudget.Sms(1).Describe(), StringComparison.Ordinal);
        Assert.Contains("3 SMS segments", TextBudget.Sms(3).Describe(), StringComparison.Ordinal);
    }
}
