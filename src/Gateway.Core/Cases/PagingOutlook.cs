namespace Gateway.Core.Cases;

/// <summary>
/// Who could be paged for a person, worked out when a text is about to be sent: the levels of the policy that would
/// run for their country and category, each with the targets <see cref="EscalationRouting.Choose"/> would page for
/// their language at that hour. The chain itself pages through the same routing, so what a person is told and what
/// happens cannot drift apart. Pure: the clock and what the host can reach are arguments.
/// </summary>
/// <example>
/// <code>
/// var levels = PagingOutlook.Levels(bundle.Escalation.For("TH", "trafficking")!, "my", now, canReach);
/// // ngo_partner (ngo, nobody: placeholders), hotline_1300 (hotline, th_1300 if configured), operation_centre …
/// </code>
/// </example>
public static class PagingOutlook
{
    /// <summary>A promise that someone will be paged about the person's request (<c>promise: page</c> in en.yaml).</summary>
    public const string PromisePage = "page";

    /// <summary>A promise that an NGO speaking the person's language will be paged (<c>promise: ngo</c>).</summary>
    public const string PromiseNgo = "ngo";

    public static readonly IReadOnlyList<string> Promises = [PromisePage, PromiseNgo];

    /// <summary>
    /// Each level of <paramref name="policy"/> with whom it would page for <paramref name="language"/> at
    /// <paramref name="now"/> (null: at any hour).
    /// </summary>
    public static IReadOnlyList<PageableLevel> Levels(EscalationPolicy policy, string? language, DateTimeOffset? now, Func<EscalationTarget, bool>? canReach)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return [.. policy.Levels.Select(level => new PageableLevel(level, RecipientKinds.Of(level), EscalationRouting.Choose(level, language, now, canReach: canReach)))];
    }

    /// <summary>
    /// Whether <paramref name="promise"/> is true for a person in <paramref name="country"/> speaking
    /// <paramref name="language"/>: for <paramref name="category"/>, or for every category when it is not known yet
    /// (a promise must hold whatever they report). <paramref name="why"/> says why not, for an operator.
    /// </summary>
    public static bool Keeps(string promise, EscalationPolicies policies, string? country, string? category, string? language, DateTimeOffset? now, Func<EscalationTarget, bool>? canReach, out string why)
    {
        ArgumentNullException.ThrowIfNull(policies);
        foreach (var each in category is null ? EscalationPolicies.Categories : [category])
        {
            var policy = policies.For(country, each);
            if (policy is null)
            {
                why = $"no policy in escalation.yaml covers {country ?? "an unknown country"} and {each}";
                return false;
            }

            var levels = Levels(policy, language, now, canReach);
            var paged = levels.SelectMany(l => l.Decision.Page).ToList();
            if (promise == PromiseNgo)
            {
                // An NGO that speaks the person's language: a target paged "anyway" in another language does not count.
                var speaking = policy.Levels.SelectMany(l => l.Targets)
                    .Where(t => t.Kind == RecipientKinds.Ngo && language is not null && t.Languages.Contains(language, StringComparer.OrdinalIgnoreCase))
                    .DistinctBy(t => t.Id).ToList();
                if (!speaking.Any(t => paged.Contains(t)))
                {
                    var reasons = levels.SelectMany(l => l.Decision.Reasons).Where(r => speaking.Any(t => r.StartsWith(t.Id, StringComparison.Ordinal))).Distinct(StringComparer.Ordinal);
                    why = speaking.Count == 0
                        ? $"no NGO of policy \"{policy.Id}\" ({each}) speaks the person's language"
                        : $"no NGO of policy \"{policy.Id}\" ({each}) that speaks the person's language can be paged: {string.Join("; ", reasons)}";
                    return false;
                }
            }
            else if (paged.Count == 0)
            {
                var reasons = levels.SelectMany(l => l.Decision.Reasons).Distinct(StringComparer.Ordinal);
                why = $"nobody of policy \"{policy.Id}\" ({each}) can be paged: {string.Join("; ", reasons)}";
                return false;
            }
        }

        why = string.Empty;
        return true;
    }
}

/// <summary>One level of a policy, its <see cref="RecipientKinds"/> kind, and whom it would page now.</summary>
public sealed record PageableLevel(EscalationLevel Level, string Kind, RoutingDecision Decision)
{
    public bool CanPage => Decision.Page.Count > 0;
}
