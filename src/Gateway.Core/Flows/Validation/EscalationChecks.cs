using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Core.Contacts;

namespace Gateway.Core.Flows.Validation;

/// <summary>
/// Checks flows/escalation.yaml against the directory and itself: contacts that exist and can answer a page,
/// one policy per country and category, and, loudly, every country and category for which nobody could be paged.
/// </summary>
internal static partial class EscalationChecks
{
    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.Ordinal)
    {
        ["TH"] = "Thailand",
        ["KH"] = "Cambodia",
        ["LA"] = "Lao PDR",
        ["VN"] = "Viet Nam",
        ["MM"] = "Myanmar",
        [EscalationPolicies.Any] = "any other country or an unknown one",
    };

    /// <summary>+ and 8 to 15 digits: a number a provider can text or call from anywhere.</summary>
    public static bool IsE164(string number) => E164().IsMatch(number);

    public static void Check(FlowBundle bundle, FindingList findings)
    {
        var errorsBefore = findings.Items.Count(f => f.IsError);
        var escalation = bundle.Escalation;
        var ids = new Dictionary<string, EscalationPolicy>(StringComparer.Ordinal);
        var covered = new Dictionary<(string Country, string Category), EscalationPolicy>();
        var webhooks = new HashSet<string>(StringComparer.Ordinal);
        var shellNames = new HashSet<string>(StringComparer.Ordinal);
        foreach (var policy in escalation.Policies)
        {
            if (!ids.TryAdd(policy.Id, policy))
            {
                findings.Error("escalation.duplicate", policy.Location, $"a policy named \"{policy.Id}\" is already defined at line {ids[policy.Id].Location.Line}; policy ids must be unique.");
            }

            foreach (var country in policy.Countries)
            {
                foreach (var category in policy.Categories)
                {
                    if (covered.TryGetValue((country, category), out var other) && other != policy)
                    {
                        findings.Error("escalation.overlap", policy.Location, $"policy \"{policy.Id}\" and policy \"{other.Id}\" (line {other.Location.Line}) both cover {Describe(category)} reports from {CountryNames.GetValueOrDefault(country, country)}; a report must follow one policy, so remove the country or the category from one of them.");
                    }
                    else
                    {
                        covered[(country, category)] = policy;
                    }
                }
            }

            var targets = new HashSet<string>(StringComparer.Ordinal);
            foreach (var target in policy.Levels.SelectMany(l => l.Targets))
            {
                if (!targets.Add(target.Id))
                {
                    findings.Error("escalation.target_duplicate", target.Location, $"{target.Id} is already a target in policy \"{policy.Id}\"; page each target once per policy (use another way, sms or voice, at a later level).");
                }

                CheckContact(bundle.Directory, target, findings);
                if (target.Webhook is { } webhook && webhooks.Add(webhook))
                {
                    findings.Warning("escalation.configure", target.Location, $"webhook \"{webhook}\" must be configured where the gateway is deployed (its address and secret live in the settings, never in these files); until it is, nobody is paged through it. /health/escalations shows which webhooks are missing.");
                }

                if (target.Webhook is { } named && !named.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && shellNames.Add(named))
                {
                    findings.Warning("escalation.webhook_name", target.Location, $"webhook \"{named}\" is configured as Escalation__Webhooks__{named}__Url, which a shell cannot set (a variable's name takes letters, digits and _ only): call it \"{named.Replace('-', '_')}\" here. The gateway reads the settings under either spelling, so nothing configured stops working.");
                }
            }
        }

        // Without the file there is one warning already; with mistakes in it, who can be reached is not yet known.
        if (string.IsNullOrEmpty(escalation.Location.File) || findings.Items.Count(f => f.IsError) > errorsBefore)
        {
            return;
        }

        foreach (var (country, category, problem) in escalation.Unreachable())
        {
            var at = escalation.For(country == EscalationPolicies.Any ? null : country, category)?.Location ?? escalation.Location;
            findings.Warning("escalation.unreachable", at, $"NOBODY WILL BE PAGED about {Describe(category)} reports from {CountryNames.GetValueOrDefault(country, country)}: {problem}. Such a report still gets its confirmation and the numbers to call, but no partner hears of it until a page_number is confirmed in directory.yaml or a webhook or organisation is added here.");
        }
    }

    private static void CheckContact(ContactDirectory directory, EscalationTarget target, FindingList findings)
    {
        if (target.Contact is null)
        {
            return;
        }

        var entry = directory.Find(target.Contact);
        if (entry is null)
        {
            findings.Error("escalation.contact", target.ContactLocation, $"there is no contact \"{target.Contact}\" in directory.yaml; use the id of one of its contacts (check the spelling), or add the contact there first.");
        }
        else if (entry.Kind == "agency")
        {
            findings.Error("escalation.kind", target.ContactLocation, $"\"{entry.Name}\" is a list of recruitment agencies, not someone who answers a report; page an NGO, hotline, operation centre or police contact instead.");
        }
    }

    private static string Describe(string category) => category == EscalationPolicies.Any ? "all" : category;

    [GeneratedRegex(@"^\+[0-9]{8,15}$")]
    private static partial Regex E164();
}
