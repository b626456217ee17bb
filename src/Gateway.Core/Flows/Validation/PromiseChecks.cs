using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Localization;

namespace Gateway.Core.Flows.Validation;

/// <summary>
/// Texts that promise an action (<c>promise:</c> in en.yaml): their <c>otherwise:</c> text must exist and promise
/// nothing itself, and the validator and <c>/health/escalations</c> list every promise that would be false with the
/// configuration as it stands (<see cref="Audit"/>), so an editor or operator sees which people get the true
/// sentence instead, and why.
/// </summary>
public static class PromiseChecks
{
    /// <summary>The <c>otherwise:</c> keys English names: texts the gateway may say although no flow names them.</summary>
    public static IEnumerable<string> OtherwiseKeys(FlowBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Texts.Language(TextCatalog.DefaultLanguage)?.Texts.Values.Select(e => e.Otherwise).OfType<string>().Distinct(StringComparer.Ordinal) ?? [];
    }

    /// <summary>
    /// Every promise text that would be false, at any hour, for a person in a country (or whose country is unknown:
    /// "*") reading one of the languages: which text, for whom, what they get instead and why. A plain key is checked
    /// for the countries without a country text of their own in English.
    /// </summary>
    /// <param name="bundle">The flows, texts and escalation policies to check.</param>
    /// <param name="canReach">What the host can reach (a configured webhook); null: <see cref="EscalationTarget.IsReachable"/>.</param>
    public static IReadOnlyList<FalsePromise> Audit(FlowBundle bundle, Func<EscalationTarget, bool>? canReach)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var result = new List<FalsePromise>();
        if (bundle.Texts.Language(TextCatalog.DefaultLanguage) is not { } english)
        {
            return result;
        }

        var languages = bundle.Texts.Languages.Select(l => l.Code).Order(StringComparer.Ordinal).ToList();
        foreach (var entry in english.Texts.Values.Where(e => e.Promise is not null).OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            var (plain, country) = TextCatalog.SplitCountry(entry.Key);
            IEnumerable<string?> countries = country is not null
                ? [country]
                : [.. CountryCodes.Known.Where(c => !english.Texts.ContainsKey(TextCatalog.CountryKey(plain, c))), null];
            foreach (var each in countries)
            {
                var why = new Dictionary<string, List<string>>(StringComparer.Ordinal);
                foreach (var language in languages)
                {
                    if (!PagingOutlook.Keeps(entry.Promise!, bundle.Escalation, each, category: null, language, now: null, canReach, out var reason))
                    {
                        (why.TryGetValue(reason, out var list) ? list : why[reason] = []).Add(language);
                    }
                }

                result.AddRange(why.Select(w => new FalsePromise(entry.Key, entry.Promise!, entry.Otherwise!, each ?? EscalationPolicies.Any, w.Value, w.Key)));
            }
        }

        return result;
    }

    internal static void Check(FlowBundle bundle, FindingList findings)
    {
        if (bundle.Texts.Language(TextCatalog.DefaultLanguage) is not { } english)
        {
            return;
        }

        foreach (var entry in english.Texts.Values.Where(e => e.Otherwise is not null))
        {
            if (!english.Texts.TryGetValue(entry.Otherwise!, out var otherwise) && !english.Texts.Keys.Any(k => TextCatalog.SplitCountry(k).Key == entry.Otherwise))
            {
                findings.Error("text.promise", entry.Location, $"text \"{entry.Key}\" is sent only when its promise holds, and \"{entry.Otherwise}\" (its otherwise:) otherwise, but localization/en.yaml has no text \"{entry.Otherwise}\"; add it: a true sentence saying what will happen and the number to call now.");
            }
            else if (otherwise?.Promise is not null)
            {
                findings.Error("text.promise", entry.Location, $"text \"{entry.Key}\" falls back to \"{entry.Otherwise}\", which promises an action too; the text sent when nobody can be paged must promise nothing.");
            }
        }

        foreach (var group in Audit(bundle, canReach: null).GroupBy(f => f.Key, StringComparer.Ordinal))
        {
            var entry = english.Texts[group.Key];
            var cases = string.Join(" ", group.Select(f => $"For {(f.Country == EscalationPolicies.Any ? "an unknown country" : f.Country)} in {(f.Languages.Count == bundle.Texts.Languages.Count ? "every language" : string.Join(", ", f.Languages))}: {f.Why}."));
            findings.Warning("text.promise_false", entry.Location, $"text \"{group.Key}\" promises {(entry.Promise == PagingOutlook.PromiseNgo ? "that an NGO speaking the person's language is told" : "that someone is told")}, which is false with escalation.yaml and directory.yaml as they are, so people get \"{entry.Otherwise}\" instead. {cases} Confirm a partner's page_number (or configure the webhook) to make the promise true.");
        }
    }
}

/// <summary>
/// A promise text that would be false: for people in <see cref="Country"/> ("*": unknown) reading
/// <see cref="Languages"/>, <see cref="Key"/> is replaced by <see cref="Otherwise"/>, because of <see cref="Why"/>.
/// </summary>
public sealed record FalsePromise(string Key, string Promise, string Otherwise, string Country, IReadOnlyList<string> Languages, string Why);
