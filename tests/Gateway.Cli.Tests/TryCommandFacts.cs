using System.Text.RegularExpressions;

namespace Gateway.Cli.Tests;

public class TryCommandFacts
{
    /// <summary>
    /// The README's sample conversation is what <c>try</c> prints for the README's own input (the "&gt; " lines).
    /// After an intended change, UPDATE_TRANSCRIPTS=1 rewrites the README's block, as for the transcripts.
    /// </summary>
    [Fact]
    public void Try_PrintsWhatTheReadmeShows_ForTheReadmesInput()
    {
        var path = Path.Combine(CliRun.Root, "README.md");
        var readme = File.ReadAllText(path).ReplaceLineEndings("\n");
        var block = Regex.Match(readme, @"```\n\$ dotnet run --project src/Gateway.Cli -- (?<args>try[^\n]*)\n(?<body>.*?)```", RegexOptions.Singleline);
        Assert.True(block.Success, "README.md has no ``` block that starts with \"$ dotnet run --project src/Gateway.Cli -- try\".");
        var shown = block.Groups["body"].Value;
        var input = string.Concat(shown.Split('\n').Where(l => l.StartsWith("> ", StringComparison.Ordinal)).Select(l => l[2..] + "\n"));

        var (code, output, error) = CliRun.InProcess(input, block.Groups["args"].Value.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.True(code == 0, error);
        output = output.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("UPDATE_TRANSCRIPTS") == "1" && output != shown)
        {
            var at = block.Groups["body"];
            File.WriteAllText(path, readme[..at.Index] + output + readme[(at.Index + at.Length)..]);
            return;
        }

        Assert.True(output == shown, $"README.md's try sample is not what try prints now (run with UPDATE_TRANSCRIPTS=1 if the change is intended):\n{output}");
    }

    [Fact]
    public void Try_FillsTheReference_AsTheHostDoes_WithASample()
    {
        var (code, output, _) = CliRun.InProcess("SOS\n", "try", "--lang", "en", "--country", "TH");
        Assert.Equal(0, code);
        Assert.DoesNotContain("{ref}", output, StringComparison.Ordinal);
        Assert.Contains($"({TryCommand.SampleReference})", output, StringComparison.Ordinal);
        Assert.True(Gateway.Core.Cases.ReportReference.IsValid(TryCommand.SampleReference));
    }

    [Fact]
    public void Try_PrintsRepliesAndEvents_InAPipe()
    {
        var (code, output, error) = CliRun.Process("hello\n1\n5\n2\n1\n2\n1\n2\n1\n1\n2\n", "try", "--country", "TH");
        Assert.True(code == 0, error);
        Assert.Contains("> hello", output, StringComparison.Ordinal);
        Assert.Contains("< 1. English", output, StringComparison.Ordinal);
        Assert.Contains("= LanguageChosen language=en", output, StringComparison.Ordinal);
        Assert.Contains("= ReportRequested category=labour", output, StringComparison.Ordinal);
        Assert.Contains("call 1506", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_StartsInTheChosenLanguage_WithLang()
    {
        var (code, output, _) = CliRun.InProcess("hello\n", "try", "--lang", "my", "--country", "TH");
        Assert.Equal(0, code);
        Assert.Contains("< 1. မသွားမီ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_MarksTextsBorrowedFromAnotherLanguage_ForTheEditor()
    {
        // Shan has few texts of its own yet and borrows Burmese; Thai has its own.
        var (code, output, _) = CliRun.InProcess("hello\n3\n", "try", "--lang", "shn", "--country", "TH");
        Assert.Equal(0, code);
        Assert.Contains("< 1. အနည်းဆုံး လုပ်ခ  (fallback: my)", output, StringComparison.Ordinal);

        var (thaiCode, thai, _) = CliRun.InProcess("hello\n3\n", "try", "--lang", "th", "--country", "TH");
        Assert.Equal(0, thaiCode);
        Assert.Contains("< 6. กลับไปที่เมนู\n", thai.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Try_AsksTheCountry_WhenTheNumberDidNotTellIt()
    {
        var (code, output, _) = CliRun.InProcess("hello\n1\n2\n", "try");
        Assert.Equal(0, code);
        Assert.Contains("< Which country are you in now?", output, StringComparison.Ordinal);
        Assert.Contains("= CountryChosen country=KH", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_PagesUssdScreens_WithChannelUssd()
    {
        var (code, output, _) = CliRun.InProcess("hello\n1\n", "try", "--lang", "my", "--channel", "ussd");
        Assert.Equal(0, code);
        Assert.Contains("< 0. နောက်ထပ်", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Try_RefusesAnUnknownLanguage()
    {
        var (code, _, error) = CliRun.InProcess(string.Empty, "try", "--lang", "xx");
        Assert.Equal(2, code);
        Assert.Contains("there is no language \"xx\"", error, StringComparison.Ordinal);
    }
}
