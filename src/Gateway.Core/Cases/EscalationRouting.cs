using System.Globalization;
using Gateway.Core.Contacts;

namespace Gateway.Core.Cases;

/// <summary>
/// Chooses whom of a level to page for one report: targets that can be reached, are open now by their hours in
/// their own country's time zone, and speak the reporter's language. Pure: the clock is an argument.
/// </summary>
public static class EscalationRouting
{
    /// <summary>
    /// Which targets of <paramref name="level"/> to page now for a reporter speaking <paramref name="language"/>
    /// (null: unknown) at <paramref name="now"/>, and why others were passed over. When targets can be reached and
    /// are open but none speaks the language, they are paged anyway (a missed page is worse than a page in the wrong
    /// language) and the reasons say so. An empty <see cref="RoutingDecision.Page"/> means the chain moves on.
    /// A host passes <paramref name="canReach"/> to say more than <see cref="EscalationTarget.IsReachable"/> knows
    /// (whether a webhook is configured); null <paramref name="now"/> counts every target as open, for a check that
    /// holds at any hour.
    /// </summary>
    /// <remarks>
    /// A target for some provinces only (a provincial operation centre) is paged only for a report whose
    /// <paramref name="province"/> is one of them, as the person chose it by number; a report from another province,
    /// or whose province is not known, passes it over, and the reasons say why. It is never guessed from the place
    /// the person wrote.
    /// </remarks>
    public static RoutingDecision Choose(EscalationLevel level, string? language, DateTimeOffset? now, string? province = null, Func<EscalationTarget, bool>? canReach = null)
    {
        ArgumentNullException.ThrowIfNull(level);
        canReach ??= t => t.IsReachable;
        var reasons = new List<string>();
        var open = new List<EscalationTarget>();
        foreach (var target in level.Targets)
        {
            if (target.Provinces.Count > 0 && (province is null || !target.Provinces.Contains(province, StringComparer.OrdinalIgnoreCase)))
            {
                reasons.Add(province is null
                    ? $"{target.Id}: serves {Join(target.Provinces)} only, and this report's province is not known (it is never guessed from the place written)"
                    : $"{target.Id}: serves {Join(target.Provinces)} only, and this report is from {province}");
                continue;
            }

            if (!canReach(target))
            {
                reasons.Add(target.IsReachable ? $"{target.Id} {EscalationPolicies.WhyNot(target)}" : $"{target.Id}: no number a provider can reach (placeholder)");
                continue;
            }

            if (now is null)
            {
                open.Add(target);
                continue;
            }

            if (!OpeningHours.TryParse(target.Hours, out var hours, out _))
            {
                // The validator refuses such hours; should one get through, paging beats skipping.
                reasons.Add($"{target.Id}: hours \"{target.Hours}\" cannot be read, so it counts as open");
                open.Add(target);
                continue;
            }

            var zone = CountryCodes.TimeZone(target.Country);
            var local = TimeZoneInfo.ConvertTime(now.Value, zone);
            if (!hours.IsOpenAt(local.DateTime))
            {
                reasons.Add(string.Create(CultureInfo.InvariantCulture, $"{target.Id}: closed ({target.Hours}, now {local:ddd HH:mm} {zone.Id})"));
                continue;
            }

            open.Add(target);
        }

        var speaking = open.Where(t => Speaks(t, language)).ToList();
        if (speaking.Count > 0)
        {
            reasons.AddRange(open.Except(speaking).Select(t => $"{t.Id}: speaks {Join(t.Languages)}, not {language}"));
            return new RoutingDecision(speaking, reasons);
        }

        reasons.AddRange(open.Select(t =>
            $"{t.Id}: speaks {Join(t.Languages)}, not {language}; paged anyway, because nobody at this level who can be reached now speaks {language}"));
        return new RoutingDecision(open, reasons);
    }

    /// <summary>A target with no languages listed speaks any; a reporter with no language matches any target.</summary>
    public static bool Speaks(EscalationTarget target, string? language) =>
        string.IsNullOrEmpty(language) || target.Languages.Count == 0
        || target.Languages.Contains(language, StringComparer.OrdinalIgnoreCase);

    private static string Join(IReadOnlyList<string> languages) =>
        languages.Count <= 1 ? string.Concat(languages) : $"{string.Join(", ", languages.Take(languages.Count - 1))} and {languages[^1]}";
}
