namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The operator console in a real browser (tests/e2e/console.test.mjs, run once by <see cref="ConsoleBrowserHost"/>):
/// each case here is one node test, so the browser tests count in the suite's total one by one.
/// </summary>
public sealed class ConsoleBrowserFacts(ConsoleBrowserHost host) : IClassFixture<ConsoleBrowserHost>
{
    [Theory]
    [InlineData("sign in: a wrong password is refused, the right one opens the reports, five wrong ones lock the account")]
    [InlineData("a report made through the SMS webhook appears in the list without a reload")]
    [InlineData("acknowledging a report on its page stops the escalation: WireMock sees no further pages")]
    [InlineData("a reply from the report page reaches WireMock as an SMS to the reporter, and the answer joins the timeline")]
    [InlineData("a viewer sees no acknowledge button, and a forged acknowledge is refused with 403")]
    [InlineData("a form posted without its antiforgery token is refused with 400")]
    [InlineData("the jobs dashboard opens for an admin and is refused to a responder")]
    [InlineData("an editor changes a Burmese text and the simulator shows it")]
    [InlineData("the flows page draws every flow as a diagram whose states lead to their texts")]
    public void BrowserTest_Passes(string name)
    {
        Assert.True(host.SetupError is null, $"The browser tests could not run:\n{host.SetupError}");
        Assert.True(host.Results.TryGetValue(name, out var passed), $"node ran no test named \"{name}\":\n{host.Output}");
        Assert.True(passed, $"\"{name}\" failed in the browser:\n{host.Output}");
    }
}
