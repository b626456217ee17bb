using System.Diagnostics;
using CsCheck;
using Gateway.Core.Content;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Tests.Flows.Loading;

/// <summary>
/// Generated flow and language files (the validator's base fixture and the shipped files, mutated the way a hurried
/// edit or a broken upload would): the loader answers with findings that name a file and say what to do, and never
/// throws or hangs; a text the console writes into a language file reads back as written.
/// </summary>
public sealed class FlowLoaderFuzzFacts
{
    private static readonly string Fixture = Repository.PathOf("tests/Gateway.Core.Tests/Flows/Fixtures/base");

    private static readonly string[] YamlTokens =
    [
        ": ", "- ", "? ", "\n", "\n  ", "\n    - ", "\t", "#", "'", "\"", "{", "}", "[", "]", ",", "|", ">-", "&a ", "*a", "<<: *a", "!!binary ", "!tag ",
        "%YAML 1.2\n---\n", "---\n", "...\n", "~", "null", "2026-13-45", "99999999999999999999", "say: []", "go: end", "options:", "texts:", "language: xx",
        "\u00a0", "\ufeff", "\u1000\u103a", "{hotline}", "{ref",
    ];

    private static readonly IReadOnlyList<SourceFile> Base = [.. Directory.EnumerateFiles(Fixture, "*.yaml", SearchOption.AllDirectories)
        .Select(path => new SourceFile(Path.GetRelativePath(Fixture, path).Replace('\\', '/'), File.ReadAllText(path)))];

    private static readonly IReadOnlyList<SourceFile> Shipped = [.. new[] { "flows", "localization" }
        .SelectMany(folder => Directory.EnumerateFiles(Repository.PathOf(folder), "*.yaml").Select(path => new SourceFile($"{folder}/{Path.GetFileName(path)}", File.ReadAllText(path))))];

    [Fact]
    public void Load_MutatedFiles_GivesFindings_NeverAnException()
    {
        // Each input: one file of the small base fixture, or a shipped flow or language file put in its place,
        // mutated; loaded with the rest of the base fixture.
        var candidates = Base.Concat(Shipped.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal) || f.DisplayPath is "localization/en.yaml" or "localization/shn.yaml")).ToList();
        var gen = Gen.Int[0, candidates.Count - 1].SelectMany(i => Fuzzing.Mutations([candidates[i].Text], YamlTokens).Select(text => new SourceFile(candidates[i].DisplayPath, text)));
        Fuzzing.Check(gen, mutated =>
        {
            var files = Base.Where(f => f.DisplayPath != mutated.DisplayPath).Append(mutated).ToList();
            var result = Load(files);
            Assert.All(result.Findings, f =>
            {
                Assert.False(string.IsNullOrWhiteSpace(f.Message));
                Assert.False(string.IsNullOrWhiteSpace(f.Location.File));
            });
            Assert.Equal(result.Bundle is null, result.Findings.Any(f => f.IsError));
        }, iterations: 1_000, print: f => f.DisplayPath + ": " + Fuzzing.Show(f.Text));
    }

    [Fact]
    public void Load_RandomText_AsAnyFile_GivesFindings_NeverAnException()
    {
        var names = Base.Select(f => f.DisplayPath).ToList();
        var gen = Gen.Select(Gen.Int[0, names.Count - 1], Gen.OneOf(Fuzzing.Texts(300), Gen.Int[0, YamlTokens.Length - 1].Array[0, 80].Select(ix => string.Concat(ix.Select(i => YamlTokens[i])))));
        Fuzzing.Check(gen, t =>
        {
            var files = Base.Where(f => f.DisplayPath != names[t.Item1]).Append(new SourceFile(names[t.Item1], t.Item2)).ToList();
            Assert.False(Load(files).Succeeded && t.Item2.Length == 0);
        }, iterations: 600);
    }

    [Fact]
    public void Load_AnAliasBomb_IsReadQuickly()
    {
        // Each level repeats the one before ten times: walking every alias would visit 10^9 nodes.
        var yaml = "flow: bomb\nstart: s\nl0: &l0 [x, x, x, x, x, x, x, x, x, x]\n"
            + string.Concat(Enumerable.Range(1, 9).Select(i => $"l{i}: &l{i} [{string.Join(", ", Enumerable.Repeat($"*l{i - 1}", 10))}]\n"))
            + "states:\n  s:\n    say: *l9\n    options: *l9\n";
        var watch = Stopwatch.StartNew();

        var result = Load([.. Base, new SourceFile("flows/bomb.yaml", yaml)]);

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Contains(result.Findings, f => f.IsError && f.Location.File == "flows/bomb.yaml");
    }

    [Theory]
    [InlineData("flows/main.yaml")]
    [InlineData("localization/en.yaml")]
    public void Load_AFileYamlDotNetRefusesWithAnArgumentException_GivesASyntaxFinding(string name)
    {
        // Found by the fuzzing above (shrunk from a mutated escalation.yaml): YamlDotNet throws ArgumentException,
        // not a YamlException, and the loader let it out.
        const string text = ":\n  l:\n      - : c";

        var result = Load(Base.Where(f => f.DisplayPath != name).Append(new SourceFile(name, text)));

        Assert.Contains(result.Findings, f => f.Rule == "yaml.syntax" && f.Location.File == name);
    }

    [Fact]
    public void Load_AKeywordWithHalfACharacter_IsReadWithoutAnException()
    {
        // Found by the fuzzing above: a keyword escaped as half a character ("\udfff" in double quotes) made the
        // validator's Unicode normalisation throw.
        var keywords = Base.Single(f => f.DisplayPath == "flows/keywords.yaml");
        var text = keywords.Text.Replace("en: [MENU]", "en: [\"MENU\\udfff\"]", StringComparison.Ordinal);
        Assert.NotEqual(keywords.Text, text);

        var result = Load(Base.Where(f => f.DisplayPath != keywords.DisplayPath).Append(new SourceFile(keywords.DisplayPath, text)));

        Assert.NotNull(result);
        Assert.Equal("MENU\udfff", Gateway.Core.Flows.KeywordSet.Normalize("menu\udfff"));
    }

    [Theory]
    [InlineData("flows/main.yaml")]
    [InlineData("localization/en.yaml")]
    public async Task Load_AFileTheYamlScannerNeverFinishes_GivesASyntaxFinding(string name)
    {
        // Found by the fuzzing above: YamlDotNet's scanner gives tokens for ever on this text, and the reader hung
        // looking for where the error was.
        const string text = "...\n: 99999999999999999999? {ref!tag >-\n    - say: []go: end,: ";
        var load = Task.Run(() => Load(Base.Where(f => f.DisplayPath != name).Append(new SourceFile(name, text))));

        var result = await load.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Contains(result.Findings, f => f.Rule == "yaml.syntax" && f.Location.File == name);
    }

    [Theory]
    [InlineData("Line one\u2028line two")]
    [InlineData("a\u2029b")]
    [InlineData("-\u1031Z!\u0000\u2028")]
    [InlineData("\uFFFE\uFFFF")]
    public void ConsoleEdit_OfATextWithALineSeparator_ReadsBackAsWritten(string text)
    {
        // Found by the fuzzing below: a line separator pasted into a text made the edited file unreadable.
        var english = Base.Single(f => f.DisplayPath == "localization/en.yaml");
        var edited = LocalizationFileEditor.Apply(english.Text, new TextChange("en", "menu.intro", text));

        var findings = new FindingList();
        var file = new YamlFile("localization/en.yaml", findings);
        var root = file.AsMap(file.Parse(edited), "The file");
        Assert.NotNull(root);
        Assert.Equal(text, LocalizationFileReader.Read(file, root, "en")!.Texts["menu.intro"].Text);
    }

    [Fact]
    public void ConsoleEdit_OfAnyText_ReadsBackAsWritten()
    {
        var english = Base.Single(f => f.DisplayPath == "localization/en.yaml");
        var keys = new[] { "menu.intro", "info.text", "connect.call_number", "menu.new_text" };
        var gen = Gen.Select(Gen.Int[0, keys.Length - 1], Fuzzing.WellFormedTexts(120).Where(t => !string.IsNullOrWhiteSpace(t)));
        Fuzzing.Check(gen, t =>
        {
            var (key, text) = (keys[t.Item1], t.Item2);
            var edited = LocalizationFileEditor.Apply(english.Text, new TextChange("en", key, text));

            var findings = new FindingList();
            var file = new YamlFile("localization/en.yaml", findings);
            var root = file.AsMap(file.Parse(edited), "The file");
            Assert.True(root is not null, string.Join("\n", findings.Sorted().Select(f => f.Message)) + "\n" + edited);
            var catalog = LocalizationFileReader.Read(file, root, "en");
            Assert.Equal(text, catalog!.Texts[key].Text);
        }, iterations: 600);
    }

    private static LoadResult Load(IEnumerable<SourceFile> files)
    {
        var all = files.ToList();
        return FlowLoader.Load(
            new FlowSource(all.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)), all.Where(f => f.DisplayPath.StartsWith("localization/", StringComparison.Ordinal))),
            Repository.Today);
    }
}
