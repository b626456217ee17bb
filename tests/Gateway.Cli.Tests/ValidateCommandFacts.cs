namespace Gateway.Cli.Tests;

public class ValidateCommandFacts
{
    [Fact]
    public void Validate_ExitsZeroAndPrintsCoverage_OnShippedFiles()
    {
        var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "validate");
        Assert.Equal(0, code);
        Assert.Contains("OK: no errors", output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^language\s+needed\s+own\s+own %\s+draft\s+reviewed\s+fallback\s+SMS\s+longest\s+chain\s+name$", output);
        Assert.Matches(@"(?m)^en\s+(\d+)\s+\1\s+100 %\s+\d+\s+0\s+0\s+\d\.\d / \d+\s+\S+\s+en\s+English$", output);
        Assert.Matches(@"(?m)^my\s+\d+", output);
    }

    [Fact]
    public void Validate_PrintsACoverageRow_ForEveryLanguageWithItsChain()
    {
        var (_, output, _) = CliRun.InProcess(string.Empty, "flows", "validate");
        foreach (var (code, chain) in new[] { ("th", "th → en"), ("my", "my → en"), ("km", "km → en"), ("lo", "lo → th → en"), ("vi", "vi → en"), ("shn", "shn → my → en"), ("pwo", "pwo → my → en") })
        {
            Assert.Matches($@"(?m)^{code}\s+\d+\s+\d+\s+\d+ %\s+\d+\s+\d+\s+\d+\s+(\d\.\d / \d+|-)\s+\S+\s+{chain}\s+\S+", output);
        }
    }

    [Fact]
    public void Validate_ExitsOneWithLineAndColumn_OnBrokenEdit()
    {
        var dir = CopyShipped();
        try
        {
            var path = Path.Combine(dir, "flows", "main.yaml");
            var lines = File.ReadAllLines(path).ToList();
            var index = lines.FindIndex(l => l.Trim() == "go: before_you_go");
            lines[index] = lines[index].Replace("before_you_go", "before_you_og", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);

            var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "validate", "--flows", Path.Combine(dir, "flows"), "--localization", Path.Combine(dir, "localization"));
            Assert.Equal(1, code);
            var column = lines[index].IndexOf("before_you_og", StringComparison.Ordinal) + 1;
            Assert.Contains($"flows/main.yaml:{index + 1}:{column}: error: option 1 of \"menu\" goes to \"before_you_og\"", output, StringComparison.Ordinal);
            Assert.Contains("FAILED: 1 error(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Validate_ShowsTheEscalationWarnings_OnShippedFiles()
    {
        var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "validate");

        Assert.Equal(0, code);
        Assert.Matches(@"(?m)^flows/escalation\.yaml:\d+:\d+: warning: NOBODY WILL BE PAGED about trafficking reports from Cambodia: .*still gets its confirmation and the numbers to call", output);
        Assert.Matches(@"(?m)^flows/escalation\.yaml:\d+:\d+: warning: webhook ""th_1300"" must be configured where the gateway is deployed", output);
        Assert.DoesNotContain("NOBODY WILL BE PAGED about labour reports from Thailand", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_ExitsOneWithLineAndColumn_OnBrokenEscalationEdit()
    {
        var dir = CopyShipped();
        try
        {
            var path = Path.Combine(dir, "flows", "escalation.yaml");
            var lines = File.ReadAllLines(path).ToList();
            var index = lines.FindIndex(l => l.Contains("{ contact: kh-ngo-partner, by: sms }", StringComparison.Ordinal));
            lines[index] = lines[index].Replace("kh-ngo-partner", "kh-ngo-partnr", StringComparison.Ordinal);
            File.WriteAllLines(path, lines);

            var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "validate", "--flows", Path.Combine(dir, "flows"), "--localization", Path.Combine(dir, "localization"));

            Assert.Equal(1, code);
            var column = lines[index].IndexOf("kh-ngo-partnr", StringComparison.Ordinal) + 1;
            Assert.Contains($"flows/escalation.yaml:{index + 1}:{column}: error: there is no contact \"kh-ngo-partnr\" in directory.yaml", output, StringComparison.Ordinal);
            Assert.Contains("FAILED: 1 error(s)", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Validate_SaysWhenAWebhookNameCannotBeSetFromAShell_AndStillPasses()
    {
        var dir = CopyShipped();
        try
        {
            var path = Path.Combine(dir, "flows", "escalation.yaml");
            File.WriteAllText(path, File.ReadAllText(path).Replace("webhook: th_1300 }", "webhook: th-1300 }", StringComparison.Ordinal));

            var (code, output, _) = CliRun.InProcess(string.Empty, "flows", "validate", "--flows", Path.Combine(dir, "flows"), "--localization", Path.Combine(dir, "localization"));

            Assert.Equal(0, code);
            Assert.Matches(@"(?m)^flows/escalation\.yaml:\d+:\d+: warning: webhook ""th-1300"" is configured as Escalation__Webhooks__th-1300__Url, which a shell cannot set .*call it ""th_1300"" here", output);
            Assert.DoesNotContain("webhook \"th_1506\" is configured as", output, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Run_ExitsTwoWithUsage_OnUnknownCommand()
    {
        var (code, _, error) = CliRun.InProcess(string.Empty, "flows", "check");
        Assert.Equal(2, code);
        Assert.Contains("unknown command \"flows check\"", error, StringComparison.Ordinal);
        Assert.Contains("flows validate", error, StringComparison.Ordinal);
    }

    private static string CopyShipped()
    {
        var dir = Directory.CreateTempSubdirectory("gateway-cli-").FullName;
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(dir, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(CliRun.Root, folder)))
            {
                File.Copy(file, Path.Combine(dir, folder, Path.GetFileName(file)));
            }
        }

        return dir;
    }
}
