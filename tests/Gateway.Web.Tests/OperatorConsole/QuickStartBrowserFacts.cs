namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The README's quick start from a clean start (tests/e2e/quickstart.test.mjs, run once by
/// <see cref="QuickStartBrowserHost"/>), and the start-up log that gateway wrote, as a console shows it.
/// </summary>
public sealed class QuickStartBrowserFacts(QuickStartBrowserHost host) : IClassFixture<QuickStartBrowserHost>
{
    [Theory]
    [InlineData("quick start: an SOS sent in Burmese from the simulator is in the console of the admin the start-up log printed")]
    [InlineData("the simulator's language and country pickers apply whenever they change, not only to the first message")]
    [InlineData("the translations table wraps a key only after its dots, and fits the page at desktop width")]
    public void BrowserTest_Passes(string name)
    {
        Assert.True(host.SetupError is null, $"The quick start could not run:\n{host.SetupError}");
        Assert.True(host.Results.TryGetValue(name, out var passed), $"node ran no test named \"{name}\":\n{host.Output}");
        Assert.True(passed, $"\"{name}\" failed in the browser:\n{host.Output}");
    }

    [Fact]
    public void StartupLog_OpensWithTheMode_TheUrl_AndHowToSignIn_AndHasNoFailure()
    {
        Assert.True(host.SetupError is null, $"The quick start could not run:\n{host.SetupError}");
        var entries = host.LogEntries;

        Assert.True(entries.Count >= 4, string.Join('\n', entries));
        Assert.Equal(("warn", true), (entries[0].Level, entries[0].Message.StartsWith("EMBEDDED MODE: no Redis is configured.", StringComparison.Ordinal)));
        Assert.Equal(("info", true), (entries[1].Level, entries[1].Message.StartsWith($"The gateway answers at {host.Url}: the simulated phone is {host.Url}/simulator/", StringComparison.Ordinal)));
        Assert.Equal(("warn", true), (entries[2].Level, entries[2].Message.StartsWith($"EMBEDDED MODE: sign in to the console at {host.Url}/console as account {host.Account} with the password ", StringComparison.Ordinal)));
        Assert.DoesNotContain(entries, e => e.Level is "fail" or "crit");
        var escalation = Assert.Single(entries, e => e.Message.Contains("NOBODY", StringComparison.Ordinal));
        Assert.Equal("warn", escalation.Level);
        Assert.Contains("/health/escalations", escalation.Message, StringComparison.Ordinal);
    }
}
