using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Actions;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// docs/flow-spec.md is the editors' reference: it must name every rule the validator reports, every
/// field the readers accept, every action, every placeholder, reserved word and text the gateway says itself.
/// </summary>
public partial class FlowSpecFacts
{
    private static readonly Lazy<string> Spec = new(() => File.ReadAllText(RepositoryFiles.PathOf("docs/flow-spec.md")));

    [Fact]
    public void Spec_ListsEveryRuleTheValidatorReports()
    {
        var source = RepositoryFiles.PathOf("src/Gateway.Core");
        var rules = Directory.EnumerateFiles(source, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => RuleCall().Matches(File.ReadAllText(f)).Select(m => m.Groups["rule"].Value))
            .ToHashSet(StringComparer.Ordinal);

        Assert.True(rules.Count >= 30, $"only {rules.Count} rules were found in src/Gateway.Core; the search pattern is out of date.");
        AssertAllNamed(rules, "rule");
    }

    [Fact]
    public void Spec_ListsEveryFieldTheReadersAccept()
    {
        string[] fields =
        [
            .. FlowFileReader.FlowFields, .. FlowFileReader.StateFields, .. FlowFileReader.OptionFields, .. FlowFileReader.InputFields,
            .. KeywordFileReader.FileFields, .. KeywordFileReader.StartFields, .. KeywordFileReader.KeywordFields, .. KeywordFileReader.MenuFields,
            .. DirectoryFileReader.FileFields, .. DirectoryFileReader.EntryFields,
            .. EscalationFileReader.FileFields, .. EscalationFileReader.DefaultsFields, .. EscalationFileReader.PolicyFields,
            .. EscalationFileReader.LevelFields, .. EscalationFileReader.TargetFields,
            .. LocalizationFileReader.FileFields, .. LocalizationFileReader.TextFields,
        ];

        AssertAllNamed(fields, "field");
    }

    [Fact]
    public void Spec_DescribesEscalation_WithEveryWayToPageAndEachCountrysTimeZone()
    {
        Assert.Contains("## Escalation\n", Spec.Value, StringComparison.Ordinal);
        Assert.Contains("### Hours\n", Spec.Value, StringComparison.Ordinal);
        AssertAllNamed(EscalationTarget.Ways, "way to page");
        Assert.All(CountryCodes.Known, code => Assert.Contains($"({CountryCodes.TimeZone(code).Id})", Spec.Value, StringComparison.Ordinal));
    }

    [Fact]
    public void Spec_DescribesEveryAction() =>
        Assert.All(ActionRegistry.All, action => Assert.Contains($"### {action.Type}\n", Spec.Value, StringComparison.Ordinal));

    [Fact]
    public void Spec_ListsTheTextsTheGatewaySaysItself()
    {
        Assert.Contains("## Texts the gateway says itself\n", Spec.Value, StringComparison.Ordinal);
        AssertAllNamed(SystemTexts.All, "text key");
    }

    [Fact]
    public void Spec_ListsEveryBuiltInPlaceholder() =>
        AssertAllNamed(Placeholders.BuiltIn.Select(name => "{" + name + "}"), "placeholder");

    [Fact]
    public void Spec_ListsTwiliosReservedWords()
    {
        foreach (var word in ReservedWords.OptOut.Concat(ReservedWords.OptIn).Concat(ReservedWords.Help))
        {
            Assert.Matches($@"\b{word}\b", Spec.Value);
        }
    }

    [Fact]
    public void Spec_ShowsTheValidatorCommandAndMessageForm()
    {
        Assert.Contains("dotnet run --project src/Gateway.Cli -- flows validate", Spec.Value, StringComparison.Ordinal);
        Assert.Matches(@"flows/main\.yaml:\d+:\d+: error: ", Spec.Value);
    }

    private static void AssertAllNamed(IEnumerable<string> names, string what)
    {
        var missing = names.Where(n => !Spec.Value.Contains($"`{n}`", StringComparison.Ordinal)).Distinct().Order(StringComparer.Ordinal).ToList();

        Assert.True(missing.Count == 0, $"docs/flow-spec.md does not name (in `backticks`) the {what}s: {string.Join(", ", missing)}");
    }

    [GeneratedRegex(@"\.(?:Error|Warning)\(\s*""(?<rule>[a-z_]+\.[a-z_]+)""")]
    private static partial Regex RuleCall();
}
