using Gateway.Core.Cases;
using Gateway.Core.Flows.Loading;

namespace Gateway.Core.Tests.Flows.Loading;

/// <summary>escalation.yaml read through the loader, over the validator's base fixture.</summary>
public class EscalationFileReaderFacts
{
    private const string Directory = """
        contacts:
          - id: th-1506
            name: Job-seekers Protection Division
            kind: hotline
            country: TH
            number: "1506"
            page_number: "+99912345678"
            categories: [labour]
            languages: [th, my]
            hours: "Mon-Fri 08:30-16:30"
            source: "seed 002 L1449-1454"
            verified_on: 2026-10-01
        """;

    private static LoadResult Load(string escalation, string directory = Directory) =>
        FlowValidatorFacts.Load("base", new SourceFile("flows/escalation.yaml", escalation), new SourceFile("flows/directory.yaml", directory));

    [Fact]
    public void Read_FillsEachTargetFromTheDirectory_AndNamesItsId()
    {
        var result = Load("""
            policies:
              - id: th-labour
                countries: [TH]
                categories: [labour]
                levels:
                  - name: hotline
                    targets:
                      - { contact: th-1506, by: sms }
                      - { organisation: partner-ngo, by: voice }
                      - { contact: th-1506, by: webhook, webhook: th-1506 }
            """);

        Assert.True(result.Succeeded, string.Join('\n', result.Findings));
        var targets = result.Bundle!.Escalation.Policies.Single().Levels.Single().Targets;
        Assert.Equal(["th-1506/sms", "partner-ngo/voice", "th-1506"], targets.Select(t => t.Id));
        var sms = targets[0];
        Assert.Equal(("Job-seekers Protection Division", "+99912345678", "Mon-Fri 08:30-16:30", "TH"), (sms.Name, sms.PageNumber, sms.Hours, sms.Country));
        Assert.Equal(["th", "my"], sms.Languages);
        Assert.Equal("flows/escalation.yaml:8:13", sms.Location.ToString());
        Assert.Equal((null, "partner-ngo", "organisation partner-ngo"), (targets[1].Contact, targets[1].Organisation, targets[1].Name));
        Assert.Equal(("th-1506", "webhook"), (targets[2].Webhook, targets[2].By));
    }

    [Fact]
    public void Read_TakesTimesFromTheLevel_ThenThePolicy_ThenTheDefaults_ThenTheBuiltIns()
    {
        var result = Load("""
            defaults: { acknowledge_within: 20m, repeat: 2 }
            policies:
              - id: th-labour
                countries: [TH]
                categories: [labour]
                acknowledge_within: 5m
                levels:
                  - name: first
                    targets: [{ organisation: partner-ngo, by: sms }]
                  - name: second
                    acknowledge_within: 1h
                    targets: [{ organisation: partner-ngo, by: voice }]
              - id: everywhere
                countries: ["*"]
                categories: ["*"]
                repeat: 0
                repeat_after: 30m
                levels:
                  - name: only
                    targets: [{ webhook: operators, by: webhook }]
            """);

        var policies = result.Bundle!.Escalation.Policies;
        Assert.Equal([TimeSpan.FromMinutes(5), TimeSpan.FromHours(1)], policies[0].Levels.Select(l => l.AcknowledgeWithin));
        Assert.Equal((2, TimeSpan.FromMinutes(15)), (policies[0].Repeat, policies[0].RepeatAfter));
        Assert.Equal(TimeSpan.FromMinutes(20), policies[1].Levels[0].AcknowledgeWithin);
        Assert.Equal((0, TimeSpan.FromMinutes(30)), (policies[1].Repeat, policies[1].RepeatAfter));
        Assert.Equal(["*"], policies[1].Countries);
    }

    [Fact]
    public void Read_ReportsMistakesAtTheirLineAndColumn_InSentences()
    {
        var result = Load("""
            policies:
              - id: th-labour
                countries: [TH]
                categories: [labour]
                levels:
                  - name: hotline
                    acknowledge_within: soon
                    trgets:
                      - { contact: th-1506, by: fax }
            """);

        Assert.Null(result.Bundle);
        Assert.Equal(
            [
                "flows/escalation.yaml:6:9: error: level \"hotline\" has no targets: list under \"targets:\" who is paged, e.g. \"- { contact: th-ngo-burmese, by: sms }\".",
                "flows/escalation.yaml:7:29: error: acknowledge_within \"soon\" is not a duration: write a number and a unit, like 10m, 2h or 1d.",
                "flows/escalation.yaml:8:9: error: A level has no field \"trgets\"; did you mean \"targets\"?",
            ],
            result.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Read_ReportsAWebhookNameOnAnSmsTarget_AndABadWebhookName()
    {
        var result = Load("""
            policies:
              - id: everywhere
                countries: ["*"]
                categories: ["*"]
                levels:
                  - name: first
                    targets:
                      - { contact: th-1506, by: sms, webhook: th-1506 }
                      - { by: webhook, webhook: "TH 1506" }
            """);

        Assert.Equal(
            [
                "flows/escalation.yaml:8:51: error: \"webhook:\" is only for targets paged by webhook, and this one is paged by sms; remove it or write \"by: webhook\".",
                "flows/escalation.yaml:9:37: error: \"TH 1506\" cannot be a webhook's name: use small letters, digits and _, like th_1300.",
            ],
            result.Findings.Select(f => f.ToString()));
    }

    [Fact]
    public void Load_IgnoresPoliciesInAnotherFile_AndSaysSo()
    {
        var result = FlowValidatorFacts.Load("base", new SourceFile("flows/escalation-kh.yaml", "policies: []\n"));

        var finding = Assert.Single(result.Findings);
        Assert.Equal("file.unknown", finding.Rule);
        Assert.Contains("escalation.yaml", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ShippedPolicies_FollowTheSourceDocumentsOrder()
    {
        var escalation = Repository.ShippedBundle.Escalation;

        Assert.Equal(["ngo_partner", "hotline_1300", "operation_centre"], escalation.For("TH", "trafficking")!.Levels.Select(l => l.Name));
        Assert.Equal(["ngo_partner", "hotline_1506", "operation_centre"], escalation.For("TH", "labour")!.Levels.Select(l => l.Name));
        Assert.Equal(["ngo_partner", "anti_trafficking_unit"], escalation.For("KH", "child_at_risk")!.Levels.Select(l => l.Name));
        Assert.Equal("everywhere-else", escalation.For("LA", "labour")!.Id);
        Assert.Equal("everywhere-else", escalation.For(null, "trafficking")!.Id);
        Assert.All(escalation.Policies.SelectMany(p => p.Levels).SelectMany(l => l.Targets), t => Assert.Null(t.PageNumber));
        Assert.All(Repository.ShippedBundle.Directory.Entries, e => Assert.Null(e.PageNumber));
    }
}
