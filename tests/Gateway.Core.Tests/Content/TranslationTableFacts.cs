using Gateway.Core.Content;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

public class TranslationTableFacts
{
    [Fact]
    public void Build_HasEveryNeededKeyInEveryLanguage()
    {
        var bundle = Repository.ShippedBundle;
        var rows = TranslationTable.Build(bundle);
        foreach (var language in bundle.Texts.Languages)
        {
            var keys = rows.Where(r => r.Language == language.Code).Select(r => r.Key).ToHashSet();
            Assert.Superset(FlowValidator.NeededKeys(bundle).ToHashSet(), keys);
        }
    }

    [Fact]
    public void Build_MarksAMissingTextAsAGap_WithTheLanguageItsReadersGet()
    {
        var bundle = Repository.ShippedBundle;
        var shan = bundle.Texts.Language("shn")!;
        var missing = TranslationTable.Build(bundle, "shn").First(r => r.Needed && !shan.Texts.ContainsKey(r.Key));

        Assert.True(missing.IsGap);
        Assert.Equal(TranslationStatus.Missing, missing.Status);
        Assert.Equal(bundle.Texts.Language("my")!.Texts.ContainsKey(missing.Key) ? "my" : "en", missing.ServedFrom);
    }

    [Fact]
    public void Build_MeasuresSmsAndUssdFromTheChannelWording()
    {
        var bundle = Repository.ShippedBundle;
        var sos = TranslationTable.Build(bundle, "en").Single(r => r.Key == "menu.sos");

        Assert.Equal(SmsSegmentCalculator.Measure("SOS: ask for help now"), sos.Sms);
        Assert.Equal(3, sos.UssdUnits);
        Assert.True(sos.UssdFits);
        Assert.Equal(TranslationStatus.Draft, sos.Status);
        Assert.Equal("SOS: ask for help now", sos.English);
    }

    [Fact]
    public void Build_LinksAKeyToTheStatesThatSayIt()
    {
        var row = TranslationTable.Build(Repository.ShippedBundle, "my").Single(r => r.Key == "menu.report");
        Assert.Contains("main:menu", row.States);
    }

    [Fact]
    public void FlowDiagram_GivesTheEnginesMermaid_AndEachStatesTexts()
    {
        var bundle = Repository.ShippedBundle;
        var diagram = FlowDiagram.For(bundle, "report");

        Assert.Equal(Gateway.Core.Flows.FlowGraph.Mermaid(bundle, "report"), diagram.Mermaid);
        Assert.Equal(bundle.Flows["report"].States.Count, diagram.States.Count);
        Assert.All(diagram.States, s => Assert.StartsWith("report:", s.QualifiedName, StringComparison.Ordinal));
        Assert.Contains(diagram.States, s => s.Keys.Count > 0);
        Assert.Equal(bundle.Flows.Count, FlowDiagram.All(bundle).Count);
    }
}
