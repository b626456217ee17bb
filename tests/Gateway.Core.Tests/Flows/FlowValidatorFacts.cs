using Gateway.Core.Cases;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// Each folder in Flows/Fixtures holds one broken edit of the base fixture (only the files it changes) and
/// expected.txt: the findings, as "path:line:column: severity: rule", that the validator must give.
/// </summary>
public class FlowValidatorFacts
{
    private static readonly string Fixtures = Repository.PathOf("tests/Gateway.Core.Tests/Flows/Fixtures");

    public static TheoryData<string> Broken()
    {
        var data = new TheoryData<string>();
        foreach (var dir in Directory.EnumerateDirectories(Fixtures).Select(Path.GetFileName).Order(StringComparer.Ordinal))
        {
            if (dir != "base")
            {
                data.Add(dir!);
            }
        }

        return data;
    }

    [Fact]
    public void Validate_FindsNothing_WhenBaseFixtureIsValid()
    {
        var result = Load("base");
        Assert.Empty(result.Findings);
        Assert.NotNull(result.Bundle);
    }

    [Theory]
    [MemberData(nameof(Broken))]
    public void Validate_ReportsTheRuleAtItsLineAndColumn_ForBrokenFixture(string fixture)
    {
        var result = Load(fixture);
        var expected = File.ReadAllLines(Path.Combine(Fixtures, fixture, "expected.txt")).Where(l => l.Length > 0).ToList();
        var actual = result.Findings.Select(f => $"{f.Location}: {(f.IsError ? "error" : "warning")}: {f.Rule}").ToList();
        Assert.True(expected.SequenceEqual(actual),
            $"{fixture}: expected\n  {string.Join("\n  ", expected)}\nbut the validator said\n  {string.Join("\n  ", result.Findings)}");
        Assert.Equal(expected.Exists(l => l.Contains(": error: ", StringComparison.Ordinal)), result.Bundle is null);
    }

    [Fact]
    public void Validate_CoversEveryRuleTheIssueNames_WithAFixture()
    {
        string[] rules =
        [
            "yaml.syntax", "field.unknown", "flow.target", "state.unreachable", "state.dead_end", "option.duplicate", "option.gap",
            "text.missing", "text.fallback", "text.placeholder", "keyword.ambiguous", "option.reserved", "keyword.reserved",
            "text.budget", "directory.placeholder", "fact.stale", "fact.unverified", "state.if_known", "state.loop", "text.country",
            "escalation.contact", "escalation.organisation", "escalation.category", "escalation.country", "escalation.by",
            "escalation.webhook", "escalation.target", "escalation.kind", "escalation.duplicate", "escalation.overlap",
            "escalation.empty_level", "escalation.no_levels", "escalation.level_duplicate", "escalation.target_duplicate",
            "escalation.duration", "escalation.repeat", "escalation.unreachable", "escalation.configure", "escalation.webhook_name",
            "directory.hours", "directory.page_number", "directory.name", "text.booklet",
            "keyword.menu_key", "ussd.screen", "menu.ussd", "text.audio", "voice.synthetic", "voice.no_audio", "text.purpose", "text.danger_line", "text.discreet",
            "text.required", "keyword.required",
        ];
        var covered = Directory.EnumerateFiles(Fixtures, "expected.txt", SearchOption.AllDirectories)
            .SelectMany(File.ReadAllLines).Select(l => l[(l.LastIndexOf(' ') + 1)..]).ToHashSet(StringComparer.Ordinal);
        var missing = rules.Where(r => !covered.Contains(r)).ToList();
        Assert.True(missing.Count == 0, $"no fixture shows: {string.Join(", ", missing)}");
    }

    [Fact]
    public void Validate_NamesTheNearestField_WhenAFieldIsMistyped()
    {
        var finding = Assert.Single(Load("unknown-field").Findings, f => f.Rule == "field.unknown");
        Assert.Equal("flows/main.yaml:10:9: error: An option has no field \"gto\"; did you mean \"go\"?", finding.ToString());
    }

    [Fact]
    public void Validate_NamesTheCollidingOption_WhenAMenuKeyIsTaken()
    {
        var finding = Assert.Single(Load("menu-key-collision").Findings);
        Assert.Contains("\"menu\" (flows/main.yaml:11:14) has its own option 2", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheCountries_WhoseHotlineMakesTheUnavailableScreenTooLong()
    {
        var finding = Assert.Single(Load("ussd-screen").Findings, f => f.Location.File == "localization/km.yaml");
        Assert.Contains("TH, KH, LA, VN, MM", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesTheFallbackLanguage_WhenATranslationIsMissing()
    {
        var finding = Assert.Single(Load("missing-translation").Findings);
        Assert.Contains("get the en text instead", finding.Message, StringComparison.Ordinal);
        Assert.Contains("menu.back", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SaysTheOwnLanguageIsUsed_WhenOnlyACountryVariantIsMissing()
    {
        var finding = Assert.Single(Load("country-variant").Findings);
        Assert.Contains("info.text@KH", finding.Message, StringComparison.Ordinal);
        Assert.Contains("get the km text without the @country", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_NamesAReportTextThePersonReads_WhenATranslationLacksIt()
    {
        var result = Load("base", BaseWithout("localization/km.yaml", ReportTexts.StatusClosed));

        var finding = Assert.Single(result.Findings, f => f.Rule == "text.fallback");
        Assert.Contains("km has no text \"report.status_closed\"", finding.Message, StringComparison.Ordinal);
        Assert.Contains("get the en text instead", finding.Message, StringComparison.Ordinal);

        // Khmer has every other text, so a report text in English is not served (text.required).
        Assert.Equal("text.required", Assert.Single(result.Findings, f => f.IsError).Rule);
    }

    [Fact]
    public void Validate_RefusesAnAlmostCompleteLanguage_WithoutADangerText_AndOnlyWarnsBelowTheShare()
    {
        var complete = Load("required-text");
        var error = Assert.Single(complete.Findings, f => f.IsError);
        Assert.Equal(
            "localization/km.yaml:1:1: error: km has 96% of its texts but not \"connect.none\", a danger text, so ខ្មែរ readers would get it in en; "
            + "add it to localization/km.yaml (a draft is enough until a reviewer reads it). Texts about danger, SOS, reports, consent, children and check-ins are never borrowed in a language this complete.",
            error.ToString());
        Assert.Null(complete.Bundle);

        // Four menu texts fewer and Khmer is below 90% (25 of 30): the danger text it lacks is a warning, as for a new language.
        var khmer = File.ReadAllLines(Path.Combine(Fixtures, "required-text", "localization/km.yaml"))
            .Where(l => !l.StartsWith("  menu.", StringComparison.Ordinal));
        var started = Load("required-text", new SourceFile("localization/km.yaml", string.Join('\n', khmer) + "\n"));
        Assert.DoesNotContain(started.Findings, f => f.IsError);
        Assert.Contains("connect.none", Assert.Single(started.Findings, f => f.Rule == "text.fallback").Message, StringComparison.Ordinal);
        Assert.NotNull(started.Bundle);
    }

    [Fact]
    public void Validate_RefusesAnAlmostCompleteLanguage_WithoutItsWordsForAKeywordAnotherLanguageHas()
    {
        var result = Load("required-keyword");
        var error = Assert.Single(result.Findings, f => f.IsError);
        Assert.Equal("keyword.required", error.Rule);
        Assert.Contains("keyword \"menu\" has words in th but none in km, which has 100% of its texts", error.Message, StringComparison.Ordinal);

        // Thai has one text of its own out of 30: it lacks a word for STOP, which Khmer has, and nothing is asked of it yet.
        Assert.DoesNotContain(result.Findings, f => f.Message.Contains("none in th", StringComparison.Ordinal));
        Assert.NotNull(Load("required-keyword", new SourceFile("flows/keywords.yaml", "start:\n  first_contact: main:menu\n  returning: main:menu\n  menu: main:menu\nkeywords:\n  - id: menu\n    words:\n      en: [MENU]\n      km: [ម៉ឺនុយ]\n      th: [เมนู]\n    go: main:menu\n")).Bundle);
    }

    [Fact]
    public void Validate_AsksForNoTranslation_OfTheAnswersToResponders()
    {
        var result = Load("base", BaseWith("localization/en.yaml", "  ack.done: { text: \"Report {ref} ({category}) is yours now.\", purpose: report }"));

        Assert.Empty(result.Findings);
    }

    [Fact]
    public void Validate_WarnsOfAnEnglishTextWithoutAPurpose_AndStillLoads()
    {
        var english = File.ReadAllText(Path.Combine(Fixtures, "base", "localization/en.yaml"));
        var result = Load("base", new SourceFile("localization/en.yaml", english.Replace("about work.\", purpose: advice }", "about work.\" }", StringComparison.Ordinal)));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("text.purpose", false), (finding.Rule, finding.IsError));
        Assert.Contains("\"info.text\" has no purpose, so every change to it, in every language, waits for a second person", finding.Message, StringComparison.Ordinal);
        Assert.Null(result.Bundle!.Texts.PurposeOf("info.text"));
    }

    [Theory]
    [InlineData("connect.none: { text: \"Nobody now. Call {hotline_labour}.\", purpose: danger }", "gives {hotline_labour}, the line for complaints about work")]
    [InlineData("connect.none: { text: \"Nobody now. Ask an NGO.\", purpose: danger }", "does not give the number to call")]
    [InlineData("report.done: { text: \"Received: {ref}. For work, call {hotline_labour}.\", purpose: report }", "without the danger line")]
    [InlineData("optout.done: { text: \"Stopped. Call {hotline_labour}.\", purpose: consent }", "belongs only in work advice and labour reports")]
    public void Validate_KeepsNumbersByPurpose_WithASentenceForTheEditor(string line, string says)
    {
        var english = File.ReadAllText(Path.Combine(Fixtures, "base", "localization/en.yaml"));
        var key = line[..line.IndexOf(':', StringComparison.Ordinal)];
        var old = english.Split('\n').Single(l => l.StartsWith("  " + key + ":", StringComparison.Ordinal));
        var result = Load("base", new SourceFile("localization/en.yaml", english.Replace(old, "  " + line, StringComparison.Ordinal)));

        var finding = Assert.Single(result.Findings, f => f.Rule == "text.danger_line");
        Assert.True(finding.IsError);
        Assert.Contains(says, finding.Message, StringComparison.Ordinal);
        Assert.Null(result.Bundle);
    }

    [Fact]
    public void Validate_AcceptsTheLabourLine_BesideTheDangerLine_InAReport()
    {
        var english = File.ReadAllText(Path.Combine(Fixtures, "base", "localization/en.yaml"));
        var result = Load("base", new SourceFile("localization/en.yaml", english.Replace(
            "  report.done: { text: \"Received: {ref}.\", purpose: report }",
            "  report.done: { text: \"Received: {ref}. In danger, call {hotline_danger}. For work, call {hotline_labour}.\", purpose: report }", StringComparison.Ordinal)));

        Assert.DoesNotContain(result.Findings, f => f.Rule == "text.danger_line");
        Assert.NotNull(result.Bundle);
    }

    [Fact]
    public void Validate_FindsNoTextAboutDangerWithoutTheDangerLine_InTheShippedEnglish()
    {
        var shipped = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today);
        Assert.DoesNotContain(shipped.Findings, f => f.Rule == "text.danger_line" && (f.IsError || f.Location.File == "localization/en.yaml"));
    }

    [Fact]
    public void Validate_RefusesAPurposeInATranslation_SoEveryLanguageSharesEnglishs()
    {
        var khmer = File.ReadAllText(Path.Combine(Fixtures, "base", "localization/km.yaml"));
        var result = Load("base", new SourceFile("localization/km.yaml", khmer.Replace("  info.text: \"ហៅ {hotline}\"", "  info.text: { text: \"ហៅ {hotline}\", purpose: menu }", StringComparison.Ordinal)));

        var finding = Assert.Single(result.Findings);
        Assert.Equal(("text.purpose", true, "localization/km.yaml"), (finding.Rule, finding.IsError, finding.Location.File));
        Assert.Contains("written once, in localization/en.yaml", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_FindsAPurposeForEveryShippedText_InEveryLanguage()
    {
        var result = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today);

        Assert.DoesNotContain(result.Findings, f => f.Rule == "text.purpose");
        var texts = result.Bundle!.Texts;
        Assert.All(texts.Languages.SelectMany(l => l.Texts.Keys), key => Assert.NotNull(texts.PurposeOf(key)));
        Assert.Equal(TextPurpose.Hotline, texts.PurposeOf("help.intro@KH"));
        Assert.Equal(TextPurpose.Sos, texts.PurposeOf("sos.received"));
    }

    [Fact]
    public void Validate_NamesEveryMissingKeyOnce_PerLanguageAndLanguageLentFrom()
    {
        var findings = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today).Findings
            .Where(f => f.Rule == "text.fallback").ToList();
        Assert.Equal(findings.Count, findings.Select(f => (f.Location, f.Message[(f.Message.LastIndexOf(" get the ", StringComparison.Ordinal) + 1)..])).Distinct().Count());
    }

    [Fact]
    public void Validate_PassesWithoutErrors_OnTheShippedFiles()
    {
        var result = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today);
        Assert.True(result.Succeeded, string.Join('\n', result.Findings.Where(f => f.IsError)));
    }

    [Fact]
    public void Validate_WarnsLoudlyThatNobodyIsPagedButTheReportIsConfirmed_WhenEveryTargetIsAPlaceholder()
    {
        var finding = Assert.Single(Load("escalation-unreachable").Findings);

        Assert.StartsWith("NOBODY WILL BE PAGED about labour reports from Thailand: no target of policy \"th-labour\" can be reached: th-1506/voice has no number a provider can reach", finding.Message, StringComparison.Ordinal);
        Assert.Contains("still gets its confirmation and the numbers to call", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_WarnsOncePerCountryAndCategory_WhenNoPolicyCoversThem()
    {
        var result = Load("base", new SourceFile("flows/escalation.yaml", """
            policies:
              - id: th-labour
                countries: [TH]
                categories: [labour]
                levels:
                  - name: partner
                    targets: [{ organisation: base-ngo, by: sms }]
            """));

        var pairs = result.Findings.Select(f => (f.Rule, f.Location.ToString(), Pair: f.Message[..f.Message.IndexOf(':', StringComparison.Ordinal)])).ToList();
        Assert.Equal(23, pairs.Count);
        Assert.All(pairs, p => Assert.Equal(("escalation.unreachable", "flows/escalation.yaml:1:1"), (p.Rule, p.Item2)));
        Assert.Equal(23, pairs.Select(p => p.Pair).Distinct().Count());
        Assert.Contains("NOBODY WILL BE PAGED about child_at_risk reports from any other country or an unknown one", pairs.Select(p => p.Pair));
        Assert.DoesNotContain("NOBODY WILL BE PAGED about labour reports from Thailand", pairs.Select(p => p.Pair));
        Assert.NotNull(result.Bundle);
    }

    [Fact]
    public void Load_WarnsThatNobodyIsPaged_WhenEscalationFileIsMissing()
    {
        var files = Files("base").Where(f => f.DisplayPath != "flows/escalation.yaml").ToList();
        var result = Load(files);

        var finding = Assert.Single(result.Findings);
        Assert.Equal("flows/escalation.yaml: warning: escalation.yaml is missing: reports are stored and confirmed, but nobody is paged about any of them.", finding.ToString());
        Assert.Empty(result.Bundle!.Escalation.Policies);
    }

    [Fact]
    public void Validate_WarnsThatOnlyCambodiaHasNobodyToPage_OnTheShippedFiles()
    {
        var result = FlowLoader.Load(Repository.PathOf("flows"), Repository.PathOf("localization"), Repository.Today);

        var unreachable = result.Findings.Where(f => f.Rule == "escalation.unreachable").Select(f => f.Message[..f.Message.IndexOf(':', StringComparison.Ordinal)]).Order(StringComparer.Ordinal);
        Assert.Equal(
            ["NOBODY WILL BE PAGED about child_at_risk reports from Cambodia", "NOBODY WILL BE PAGED about labour reports from Cambodia",
             "NOBODY WILL BE PAGED about other reports from Cambodia", "NOBODY WILL BE PAGED about trafficking reports from Cambodia"],
            unreachable);
        var webhooks = result.Findings.Where(f => f.Rule == "escalation.configure").Select(f => f.Message.Split('"')[1]).Order(StringComparer.Ordinal);
        Assert.Equal(["operators", "th_1300", "th_1506"], webhooks);

        // Every shipped webhook can be configured from a shell: no finding says otherwise.
        Assert.DoesNotContain(result.Findings, f => f.Rule == "escalation.webhook_name");
    }

    /// <summary>A file of the base fixture without the line of one text.</summary>
    internal static SourceFile BaseWithout(string path, string key)
    {
        var lines = File.ReadAllLines(Path.Combine(Fixtures, "base", path));
        var kept = lines.Where(l => !l.TrimStart().StartsWith(key + ":", StringComparison.Ordinal)).ToList();
        Assert.Equal(lines.Length - 1, kept.Count);
        return new SourceFile(path, string.Join('\n', kept) + "\n");
    }

    /// <summary>A file of the base fixture with lines added at its end.</summary>
    internal static SourceFile BaseWith(string path, string lines) =>
        new(path, File.ReadAllText(Path.Combine(Fixtures, "base", path)) + lines + "\n");

    /// <summary>The base fixture with the fixture's files laid over it, read as the gateway would read it.</summary>
    internal static LoadResult Load(string fixture, params SourceFile[] overrides)
    {
        var files = Files(fixture).ToDictionary(f => f.DisplayPath, StringComparer.Ordinal);
        foreach (var file in overrides)
        {
            files[file.DisplayPath] = file;
        }

        return Load(files.Values);
    }

    private static LoadResult Load(IEnumerable<SourceFile> files) =>
        FlowLoader.Load(
            new FlowSource(
                files.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)),
                files.Where(f => f.DisplayPath.StartsWith("localization/", StringComparison.Ordinal))),
            Repository.Today);

    private static List<SourceFile> Files(string fixture)
    {
        var files = new Dictionary<string, SourceFile>(StringComparer.Ordinal);
        foreach (var dir in fixture == "base" ? ["base"] : new[] { "base", fixture })
        {
            var root = Path.Combine(Fixtures, dir);
            foreach (var path in Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories))
            {
                var display = Path.GetRelativePath(root, path).Replace('\\', '/');
                files[display] = new SourceFile(display, File.ReadAllText(path));
            }
        }

        return [.. files.Values];
    }
}
