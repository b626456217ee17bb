using System.Text.Json;
using Gateway.Core.Cases;

namespace Gateway.Core.Tests.Cases;

public class EscalationPoliciesFacts
{
    private static EscalationPolicy Policy(string id, string[] countries, string[] categories, params EscalationTarget[] targets) => new()
    {
        Id = id,
        Countries = countries,
        Categories = categories,
        Levels = [new EscalationLevel { Name = "first", Targets = targets, AcknowledgeWithin = TimeSpan.FromMinutes(10) }],
    };

    private static readonly EscalationTarget Organisation = new() { Id = "partner-ngo/sms", By = EscalationTarget.BySms, Organisation = "partner-ngo" };
    private static readonly EscalationTarget Placeholder = new() { Id = "kh-ngo-partner/sms", By = EscalationTarget.BySms, Contact = "kh-ngo-partner" };
    private static readonly EscalationTarget Webhook = new() { Id = "operators", By = EscalationTarget.ByWebhook, Webhook = "operators" };

    private static readonly EscalationPolicies Layered = new(
    [
        Policy("any-any", ["*"], ["*"], Webhook),
        Policy("any-labour", ["*"], ["labour"], Organisation),
        Policy("th-any", ["TH"], ["*"], Organisation),
        Policy("th-labour", ["TH"], ["labour"], Organisation),
    ]);

    [Theory]
    [InlineData("TH", "labour", "th-labour")]
    [InlineData("TH", "trafficking", "th-any")]
    [InlineData("KH", "labour", "any-labour")]
    [InlineData("KH", "other", "any-any")]
    [InlineData(null, "labour", "any-labour")]
    [InlineData(null, "child_at_risk", "any-any")]
    public void For_ChoosesTheMostSpecificPolicy(string? country, string category, string expected)
    {
        Assert.Equal(expected, Layered.For(country, category)?.Id);
    }

    [Fact]
    public void For_ReturnsNull_WhenNoPolicyCoversTheReport()
    {
        var policies = new EscalationPolicies([Policy("th-labour", ["TH"], ["labour"], Organisation)]);

        Assert.Null(policies.For("TH", "trafficking"));
        Assert.Null(policies.For(null, "labour"));
        Assert.Null(EscalationPolicies.None.For("TH", "labour"));
    }

    [Fact]
    public void Unreachable_NamesEachCountryAndCategory_WhoseTargetsAreAllPlaceholders()
    {
        var policies = new EscalationPolicies(
        [
            Policy("kh", ["KH"], ["*"], Placeholder),
            Policy("any-any", ["*"], ["*"], Webhook),
        ]);

        var unreachable = policies.Unreachable();

        Assert.Equal(EscalationPolicies.Categories.Select(c => ("KH", c)), unreachable.Select(u => (u.Country, u.Category)));
        Assert.All(unreachable, u => Assert.Equal("no target of policy \"kh\" can be reached: kh-ngo-partner/sms has no number a provider can reach, its page_number is a placeholder", u.Problem));
    }

    [Fact]
    public void Unreachable_CountsAWebhookAsUnreachable_WhenTheHostSaysItIsNotConfigured()
    {
        var policies = new EscalationPolicies([Policy("any-any", ["*"], ["*"], Webhook)]);

        Assert.Empty(policies.Unreachable());
        var unconfigured = policies.Unreachable(t => t.By != EscalationTarget.ByWebhook);
        Assert.Equal(6 * 4, unconfigured.Count);
        Assert.Contains(("*", "other", "no target of policy \"any-any\" can be reached: operators is a webhook that is not configured"), unconfigured);
    }

    [Fact]
    public void Unreachable_SaysNoPolicyCoversIt_ForAnUncoveredPair()
    {
        var policies = new EscalationPolicies([Policy("th-labour", ["TH"], ["labour"], Organisation)]);

        var unreachable = policies.Unreachable();

        Assert.Equal(6 * 4 - 1, unreachable.Count);
        Assert.Contains(("TH", "trafficking", "no policy in escalation.yaml covers it"), unreachable);
    }

    [Fact]
    public void Policy_SurvivesAJsonSnapshot_WithEveryTargetField()
    {
        var policy = Repository.ShippedBundle.Escalation.For("TH", "labour")!;

        var json = JsonSerializer.Serialize(policy);
        var copy = JsonSerializer.Deserialize<EscalationPolicy>(json)!;

        Assert.Equal(json, JsonSerializer.Serialize(copy));
        Assert.Equal(policy.Levels.Select(l => (l.Name, l.AcknowledgeWithin, l.Targets.Count)), copy.Levels.Select(l => (l.Name, l.AcknowledgeWithin, l.Targets.Count)));
        Assert.Equal(policy.Levels[0].Targets[0] with { Languages = [], Provinces = [] }, copy.Levels[0].Targets[0] with { Languages = [], Provinces = [] });
        Assert.Equal(policy.Levels[0].Targets[0].Languages, copy.Levels[0].Targets[0].Languages);
        Assert.Equal(["Phayao"], copy.Levels[^1].Targets[0].Provinces);   // a running chain keeps the centre for Phayao only
        Assert.Equal((policy.Repeat, policy.RepeatAfter, policy.Location), (copy.Repeat, copy.RepeatAfter, copy.Location));
    }
}
