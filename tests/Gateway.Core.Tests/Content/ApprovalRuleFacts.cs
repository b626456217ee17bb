using Gateway.Core.Content;
using Gateway.Core.Flows;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

public class ApprovalRuleFacts
{
    private static TextEntry Entry(string text, string? fact = null) =>
        new() { Key = "help.x", Text = text, Fact = fact, Location = SourceLocation.None };

    [Fact]
    public void Reason_IsNull_WhenTheWordsChangeButNotTheNumbers()
    {
        Assert.Null(ApprovalRule.Reason(Entry("Call 1300 now."), new TextChange("en", "help.x", "Please call 1300.")));
    }

    [Fact]
    public void Reason_NamesTheNumbers_WhenANumberChanges()
    {
        var reason = ApprovalRule.Reason(Entry("Call 1300 now."), new TextChange("en", "help.x", "Call 1330 now."));
        Assert.Equal("the text's numbers change (it removes 1300 and adds 1330)", reason);
    }

    [Fact]
    public void Reason_CountsThaiDigitsAndSpacedNumbersAsTheSame()
    {
        Assert.Null(ApprovalRule.Reason(Entry("โทร 1300"), new TextChange("th", "help.x", "โทร ๑๓๐๐")));
        Assert.Null(ApprovalRule.Reason(Entry("Call 1 300"), new TextChange("en", "help.x", "Call 1300")));
        Assert.NotNull(ApprovalRule.Reason(null, new TextChange("en", "help.x", "Call 1506")));
    }

    [Fact]
    public void Reason_AlwaysAsks_ForAHotlineFact()
    {
        Assert.Contains("hotline", ApprovalRule.Reason(Entry("Call {hotline}.", "hotline"), new TextChange("en", "help.x", "Ring {hotline}.")), StringComparison.Ordinal);
    }

    [Fact]
    public void Reason_LooksAtVariants()
    {
        var variants = new Dictionary<string, string?> { ["ussd"] = "Call 1506" };
        Assert.NotNull(ApprovalRule.Reason(Entry("Call us"), new TextChange("en", "help.x", "Call us", variants)));
    }
}
