using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Actions;

namespace Gateway.Core.Cases;

/// <summary>
/// The escalation policies of one revision, from flows/escalation.yaml. A report's policy is the most specific
/// one covering its country and category: the exact country and category, then the country with any category
/// ("*"), then any country with the category, then any country with any category.
/// </summary>
public sealed class EscalationPolicies
{
    /// <summary>Written in place of a country or a category: any.</summary>
    public const string Any = "*";

    public EscalationPolicies(IReadOnlyList<EscalationPolicy> policies, SourceLocation? location = null)
    {
        Policies = policies;
        Location = location ?? SourceLocation.None;
    }

    /// <summary>No policies: nobody is paged for any report.</summary>
    public static EscalationPolicies None { get; } = new([]);

    public IReadOnlyList<EscalationPolicy> Policies { get; }

    /// <summary>Where the policies were read from; <see cref="SourceLocation.None"/> when there was no escalation.yaml.</summary>
    public SourceLocation Location { get; }

    /// <summary>The categories a report can have.</summary>
    public static IReadOnlyList<string> Categories => OpenReportAction.Categories;

    /// <summary>The policy a report from <paramref name="country"/> (null when unknown) in <paramref name="category"/> follows; null if none covers it.</summary>
    public EscalationPolicy? For(string? country, string category)
    {
        EscalationPolicy? best = null;
        var bestRank = int.MaxValue;
        foreach (var policy in Policies)
        {
            var rank = Rank(policy, country, category);
            if (rank < bestRank)
            {
                best = policy;
                bestRank = rank;
            }
        }

        return best;
    }

    /// <summary>
    /// Every country (and "*" for a report whose country is unknown or not served) and category for which no level
    /// of the policy has a target that could be reached, or which no policy covers, with the problem in a sentence.
    /// By default a target could be reached when <see cref="EscalationTarget.IsReachable"/>; a host passes
    /// <paramref name="canReach"/> to say, for example, that a webhook is not configured.
    /// </summary>
    public IReadOnlyList<(string Country, string Category, string Problem)> Unreachable(Func<EscalationTarget, bool>? canReach = null)
    {
        canReach ??= t => t.IsReachable;
        var result = new List<(string, string, string)>();
        foreach (var country in CountryCodes.Known.Append(Any))
        {
            foreach (var category in Categories)
            {
                var policy = For(country == Any ? null : country, category);
                if (policy is null)
                {
                    result.Add((country, category, "no policy in escalation.yaml covers it"));
                }
                else if (!policy.Levels.Any(l => l.Targets.Any(canReach)))
                {
                    var why = policy.Levels.SelectMany(l => l.Targets).DistinctBy(t => t.Id).Select(t => $"{t.Id} {WhyNot(t)}");
                    result.Add((country, category, $"no target of policy \"{policy.Id}\" can be reached: {string.Join("; ", why)}"));
                }
            }
        }

        return result;
    }

    /// <summary>Why <paramref name="target"/> cannot be paged, in words for an operator: "is a webhook that is not configured".</summary>
    public static string WhyNot(EscalationTarget target) => target switch
    {
        { By: EscalationTarget.ByWebhook } => "is a webhook that is not configured",
        { PageNumber: null, Organisation: null } => "has no number a provider can reach, its page_number is a placeholder",
        { Organisation: not null } => "is an organisation without a verified responder",
        _ => "cannot be reached",
    };

    private static int Rank(EscalationPolicy policy, string? country, string category)
    {
        var exactCountry = country is not null && policy.Countries.Contains(country, StringComparer.Ordinal);
        var anyCountry = policy.Countries.Contains(Any, StringComparer.Ordinal);
        var exactCategory = policy.Categories.Contains(category, StringComparer.Ordinal);
        var anyCategory = policy.Categories.Contains(Any, StringComparer.Ordinal);
        return (exactCountry, anyCountry, exactCategory, anyCategory) switch
        {
            (true, _, true, _) => 0,
            (true, _, _, true) => 1,
            (_, true, true, _) => 2,
            (_, true, _, true) => 3,
            _ => int.MaxValue,
        };
    }
}
