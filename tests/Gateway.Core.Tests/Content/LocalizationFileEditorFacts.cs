using Gateway.Core.Content;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

public class LocalizationFileEditorFacts
{
    private const string Sample = """
        # A comment that heads the file
        language: my
        name: မြန်မာ
        fallback: [en]

        texts:
          # ---- Menu ----
          menu.report: { text: "ပြဿနာ တိုင်ကြားရန်", status: draft }
          menu.sos: { text: "ယခု အကူအညီ တောင်းရန်", ussd: "SOS", status: reviewed, reviewer: "A Reviewer (NGO)", reviewed_on: 2026-11-01 }   # option 99
          short.form: "A short text"
          before.register:
            text: >-
              first line of a long text that
              goes on to a second line.
            ussd: "Short"   # a note on the variant
            status: reviewed
            reviewer: "Someone (Partner)"
            reviewed_on: 2026-10-01
            audio: audio/my/before.register.wav
            audio_status: recorded
            source: "seed 002 L1438-1442"
            fact: law

          # ---- Next section ----
          next.key: { text: "Next", status: draft }
        """;

    /// <summary>The lines that differ between two files, as (old lines, new lines) between their common start and end.</summary>
    private static (string[] Old, string[] New) Diff(string before, string after)
    {
        var a = before.Split('\n');
        var b = after.Split('\n');
        var start = 0;
        while (start < a.Length && start < b.Length && a[start] == b[start])
        {
            start++;
        }

        var end = 0;
        while (end < a.Length - start && end < b.Length - start && a[^(end + 1)] == b[^(end + 1)])
        {
            end++;
        }

        return (a[start..^end], b[start..^end]);
    }

    private static LanguageCatalog Read(string text, string code = "my")
    {
        var findings = new Gateway.Core.Flows.Validation.FindingList();
        var file = new YamlFile($"localization/{code}.yaml", findings);
        var root = file.AsMap(file.Parse(text), "The file")!;
        var catalog = LocalizationFileReader.Read(file, root, code);
        Assert.False(findings.HasErrors, string.Join('\n', findings.Items));
        return catalog!;
    }

    [Fact]
    public void Apply_ChangesOnlyTheLineOfAOneLineText()
    {
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "menu.report", "ပြဿနာ တိုင်ရန်"));

        var (old, now) = Diff(Sample, after);
        Assert.Equal(["  menu.report: { text: \"ပြဿနာ တိုင်ကြားရန်\", status: draft }"], old);
        Assert.Equal(["  menu.report: { text: \"ပြဿနာ တိုင်ရန်\", status: draft }"], now);
        Assert.Equal("ပြဿနာ တိုင်ရန်", Read(after).Texts["menu.report"].Text);
    }

    [Fact]
    public void Apply_MakesAReviewedTextADraft_AndKeepsItsVariantAndComment()
    {
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "menu.sos", "အကူအညီ တောင်းရန်"));

        var (_, now) = Diff(Sample, after);
        Assert.Equal(["  menu.sos: { text: \"အကူအညီ တောင်းရန်\", ussd: \"SOS\", status: draft }   # option 99"], now);
        var entry = Read(after).Texts["menu.sos"];
        Assert.Equal(TextStatus.Draft, entry.Status);
        Assert.Null(entry.Reviewer);
        Assert.Null(entry.ReviewedOn);
        Assert.Equal("SOS", entry.Variants["ussd"]);
    }

    [Fact]
    public void Apply_KeepsAFoldedTextFolded_DropsTheReview_AndKeepsSourceAndFact()
    {
        var words = string.Join(' ', Enumerable.Repeat("ဘေးကင်းစွာ အလုပ်လုပ်ပါ။", 12));
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "before.register", words));

        var (old, now) = Diff(Sample, after);
        Assert.Contains("    text: >-", after.Split('\n'));
        Assert.Equal("      first line of a long text that", old[0]);
        Assert.StartsWith("      ဘေးကင်းစွာ", now[0], StringComparison.Ordinal);
        Assert.All(now.TakeWhile(l => l.StartsWith("      ", StringComparison.Ordinal)), l => Assert.True(l.Length <= 6 + LocalizationFileEditor.FoldWidth + 30));
        Assert.DoesNotContain(now, l => l.Contains("reviewer", StringComparison.Ordinal) || l.Contains("reviewed_on", StringComparison.Ordinal));
        // The recording says the old words: it goes with the change, or a caller would hear them.
        Assert.DoesNotContain(after.Split('\n'), l => l.Contains("audio", StringComparison.Ordinal));
        Assert.Contains("    status: draft", now);
        Assert.Contains("    ussd: \"Short\"   # a note on the variant", after.Split('\n'));
        Assert.Contains("    source: \"seed 002 L1438-1442\"", after.Split('\n'));
        Assert.DoesNotContain(old, l => l.Contains("source", StringComparison.Ordinal));

        var entry = Read(after).Texts["before.register"];
        Assert.Equal(words, entry.Text);
        Assert.Equal(TextStatus.Draft, entry.Status);
        Assert.Equal("law", entry.Fact);
    }

    [Fact]
    public void Apply_AddsAndRemovesVariants_OnTheirOwnLines()
    {
        var variants = new Dictionary<string, string?> { ["ussd"] = null, ["sms"] = "SMS words" };
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "before.register", "first line of a long text that goes on to a second line.", variants));

        var entry = Read(after).Texts["before.register"];
        Assert.Equal("SMS words", entry.Variants["sms"]);
        Assert.False(entry.Variants.ContainsKey("ussd"));
        var lines = after.Split('\n');
        Assert.Contains("    sms: \"SMS words\"", lines);
        // The text itself did not change, so its folded lines are untouched.
        Assert.Contains("      first line of a long text that", lines);
    }

    [Fact]
    public void Apply_QuotesWhatYamlWouldMisread()
    {
        var tricky = "Reply: \"yes\" # not a comment \\ {braces} [and] 50% @home";
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "short.form", tricky));

        Assert.Equal(tricky, Read(after).Texts["short.form"].Text);
        var (old, now) = Diff(Sample, after);
        Assert.Single(old);
        Assert.Single(now);
    }

    [Fact]
    public void Apply_AddsAMissingText_AfterTheTextBeforeItInEnglishOrder()
    {
        string[] order = ["menu.report", "menu.checkin", "menu.sos"];
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "menu.checkin", "ပြန်ရောက်ကြောင်း"), order);

        var (old, now) = Diff(Sample, after);
        Assert.Empty(old);
        Assert.Equal(["  menu.checkin: { text: \"ပြန်ရောက်ကြောင်း\", status: draft }"], now);
        var lines = after.Split('\n').ToList();
        Assert.Equal(lines.FindIndex(l => l.Contains("menu.report", StringComparison.Ordinal)) + 1, lines.FindIndex(l => l.Contains("menu.checkin", StringComparison.Ordinal)));
    }

    [Fact]
    public void Apply_AddsATextAtTheEndOfItsEntry_NotAfterTheNextSectionsHeading()
    {
        string[] order = ["before.register", "before.new", "next.key"];
        var after = LocalizationFileEditor.Apply(Sample, new TextChange("my", "before.new", "New"), order);

        var lines = after.Split('\n').ToList();
        var added = lines.FindIndex(l => l.Contains("before.new", StringComparison.Ordinal));
        Assert.Equal("    fact: law", lines[added - 1]);
        Assert.Equal(string.Empty, lines[added + 1]);
        Assert.Equal("  # ---- Next section ----", lines[added + 2]);
    }

    [Fact]
    public void Apply_RefusesAnEmptyTextAndAKeyThatIsNotOne()
    {
        Assert.Throws<ArgumentException>(() => LocalizationFileEditor.Apply(Sample, new TextChange("my", "menu.report", "  ")));
        Assert.Throws<ArgumentException>(() => LocalizationFileEditor.Apply(Sample, new TextChange("my", "menu report: x", "words")));
    }

    [Fact]
    public void Apply_OnEveryTextOfTheShippedBurmeseFile_ChangesOnlyThatText()
    {
        var path = Repository.PathOf("localization/my.yaml");
        var text = File.ReadAllText(path);
        var catalog = Repository.ShippedBundle.Texts.Language("my")!;
        foreach (var entry in catalog.Texts.Values)
        {
            var after = LocalizationFileEditor.Apply(text, new TextChange("my", entry.Key, entry.Text + " ၁"));
            var edited = Read(after).Texts;
            Assert.Equal(entry.Text + " ၁", edited[entry.Key].Text);
            Assert.Equal(catalog.Texts.Count, edited.Count);
            var (old, now) = Diff(text, after);
            Assert.True(old.Length <= 8 && now.Length <= 8, $"{entry.Key}: {old.Length} lines became {now.Length}");
        }
    }

    [Fact]
    public void Apply_ToTheShippedEnglishFile_LeavesAFileTheLoaderServes()
    {
        var flows = Repository.PathOf("flows");
        var source = FlowSource.FromDirectories(flows, Repository.PathOf("localization"));
        var english = source.LocalizationFiles.Single(f => f.DisplayPath == "localization/en.yaml");
        var edited = LocalizationFileEditor.Apply(english.Text, new TextChange("en", "menu.report", "Report something"));
        var changed = new FlowSource(source.FlowFiles, source.LocalizationFiles.Select(f => f == english ? f with { Text = edited } : f));

        var result = FlowLoader.Load(changed, Repository.Today);

        Assert.True(result.Succeeded, string.Join('\n', result.Findings.Where(f => f.IsError)));
        Assert.Equal("Report something", result.Bundle!.Texts.Language("en")!.Texts["menu.report"].Text);
        Assert.NotEqual(source.Revision, changed.Revision);
    }
}
