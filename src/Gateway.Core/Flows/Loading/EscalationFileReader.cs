using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Flows.Loading;

/// <summary>
/// Reads flows/escalation.yaml: who is paged about a report, level by level, per country and category. Checks
/// what the file alone can tell (fields, values, durations); <see cref="Resolve"/> then fills each target from the
/// directory, and the validator checks the rest.
/// </summary>
internal static partial class EscalationFileReader
{
    public static readonly string[] FileFields = ["defaults", "policies"];
    public static readonly string[] DefaultsFields = ["acknowledge_within", "repeat", "repeat_after"];
    public static readonly string[] PolicyFields = ["id", "countries", "categories", "source", "acknowledge_within", "repeat", "repeat_after", "levels"];
    public static readonly string[] LevelFields = ["name", "acknowledge_within", "targets"];
    public static readonly string[] TargetFields = ["contact", "organisation", "webhook", "by", "kind"];

    /// <summary>The most times a chain may run again: more would page someone all night.</summary>
    public const int MaxRepeat = 10;

    private static readonly Timing BuiltIn = new(TimeSpan.FromMinutes(10), 1, TimeSpan.FromMinutes(15));

    public static EscalationPolicies Read(YamlFile file, YamlFile.Map root)
    {
        root.AllowOnly("escalation.yaml", FileFields);
        var defaults = BuiltIn;
        if (file.AsMap(root["defaults"], "defaults", required: false) is { } map)
        {
            map.AllowOnly("defaults", DefaultsFields);
            defaults = ReadTiming(file, map, BuiltIn);
        }

        var policies = new List<EscalationPolicy>();
        foreach (var item in file.AsList(root["policies"], "policies"))
        {
            if (ReadPolicy(file, item, defaults) is { } policy)
            {
                policies.Add(policy);
            }
        }

        return new EscalationPolicies(policies, root.Has("policies") ? root.KeyLocation("policies") : root.Location);
    }

    /// <summary>
    /// Fills each target's name, page number, languages, hours and country from its directory entry. A contact the
    /// directory does not have is left as written, for the validator to report.
    /// </summary>
    public static EscalationPolicies Resolve(EscalationPolicies policies, ContactDirectory directory) =>
        new([.. policies.Policies.Select(p => p with
        {
            Levels = [.. p.Levels.Select(l => l with { Targets = [.. l.Targets.Select(t => ResolveTarget(t, directory))] })],
        })], policies.Location);

    private static EscalationTarget ResolveTarget(EscalationTarget target, ContactDirectory directory)
    {
        if (target.Contact is null || directory.Find(target.Contact) is not { } entry)
        {
            return target;
        }

        return target with
        {
            Name = entry.Name,
            PageNumber = entry.PageNumber,
            Languages = entry.Languages,
            Hours = entry.Hours,
            Country = entry.Country,
            Provinces = entry.Provinces,
            Kind = RecipientKinds.All.Contains(entry.Kind) ? entry.Kind : target.Kind,
        };
    }

    private static EscalationPolicy? ReadPolicy(YamlFile file, YamlNode item, Timing defaults)
    {
        var map = file.AsMap(item, "A policy");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly("A policy", PolicyFields);
        var id = map.RequiredText("id", "The policy's name (id)");
        var timing = ReadTiming(file, map, defaults);
        var (countries, unknownCountries) = ReadCodes(file, map, "countries", CountryCodes.Known);
        foreach (var (code, at) in unknownCountries)
        {
            file.Findings.Error("escalation.country", at, $"country \"{code}\" is unknown: use {string.Join(", ", CountryCodes.Known)}, or \"*\" for any country.");
        }

        if (countries.Count == 0 && unknownCountries.Count == 0)
        {
            file.Findings.Error("escalation.country", map.Location, $"policy \"{id}\" names no country: add \"countries: [TH]\" with the ones it covers, or [\"*\"] for any.");
        }

        var (categories, unknownCategories) = ReadCodes(file, map, "categories", EscalationPolicies.Categories);
        foreach (var (code, at) in unknownCategories)
        {
            file.Findings.Error("escalation.category", at, $"category \"{code}\" is unknown: use {string.Join(", ", EscalationPolicies.Categories)}, or \"*\" for any category.");
        }

        if (categories.Count == 0 && unknownCategories.Count == 0)
        {
            file.Findings.Error("escalation.category", map.Location, $"policy \"{id}\" names no category: add \"categories: [trafficking]\" with the ones it covers, or [\"*\"] for any.");
        }

        var levels = new List<EscalationLevel>();
        var levelNames = new HashSet<string>(StringComparer.Ordinal);
        var levelItems = file.AsList(map["levels"], "levels");
        foreach (var levelItem in levelItems)
        {
            if (ReadLevel(file, levelItem, timing.AcknowledgeWithin) is { } level)
            {
                if (!levelNames.Add(level.Name))
                {
                    file.Findings.Error("escalation.level_duplicate", level.Location, $"policy \"{id}\" has two levels named \"{level.Name}\"; give each level its own name.");
                }

                levels.Add(level);
            }
        }

        if (levelItems.Count == 0 && id is not null)
        {
            file.Findings.Error("escalation.no_levels", map.Location, $"policy \"{id}\" has no levels: add \"levels:\" with at least one level and its targets.");
        }

        return id is null ? null : new EscalationPolicy
        {
            Id = id,
            Countries = countries,
            Categories = categories,
            Levels = levels,
            Repeat = timing.Repeat,
            RepeatAfter = timing.RepeatAfter,
            Source = map.Text("source", "source"),
            Location = map.Location,
        };
    }

    private static EscalationLevel? ReadLevel(YamlFile file, YamlNode item, TimeSpan acknowledgeWithin)
    {
        var map = file.AsMap(item, "A level");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly("A level", LevelFields);
        var name = map.RequiredText("name", "The level's name");
        if (name is null)
        {
            return null;
        }

        var targets = new List<EscalationTarget>();
        var targetItems = file.AsList(map["targets"], "targets");
        foreach (var targetItem in targetItems)
        {
            if (ReadTarget(file, targetItem) is { } target)
            {
                targets.Add(target);
            }
        }

        if (targetItems.Count == 0)
        {
            file.Findings.Error("escalation.empty_level", map.Location, $"level \"{name}\" has no targets: list under \"targets:\" who is paged, e.g. \"- {{ contact: th-ngo-burmese, by: sms }}\".");
        }

        return new EscalationLevel
        {
            Name = name,
            Targets = targets,
            AcknowledgeWithin = ReadDuration(file, map, "acknowledge_within") ?? acknowledgeWithin,
            Location = map.Location,
        };
    }

    private static EscalationTarget? ReadTarget(YamlFile file, YamlNode item)
    {
        var map = file.AsMap(item, "A target");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly("A target", TargetFields);
        var by = map.RequiredText("by", "How the target is paged (by: sms, voice or webhook)");
        var contact = map.Text("contact", "contact");
        var organisation = map.Text("organisation", "organisation");
        var webhook = map.Text("webhook", "webhook");
        var kind = map.Text("kind", "kind");
        if (by is null)
        {
            return null;
        }

        var ok = true;
        if (kind is not null && !RecipientKinds.All.Contains(kind))
        {
            file.Findings.Error("escalation.kind", file.At(map["kind"]!), $"kind \"{kind}\" is unknown: use {string.Join(", ", RecipientKinds.All)}; a contact's kind comes from directory.yaml.");
            ok = false;
        }

        if (!EscalationTarget.Ways.Contains(by))
        {
            file.Findings.Error("escalation.by", file.At(map["by"]!), $"by \"{by}\" is unknown: a target is paged by sms, voice or webhook.");
            ok = false;
        }

        if (by == EscalationTarget.ByWebhook)
        {
            if (string.IsNullOrWhiteSpace(webhook))
            {
                file.Findings.Error("escalation.webhook", map.Location, "a target paged by webhook needs the webhook's name, e.g. \"webhook: th_1300\"; its address and secret are set where the gateway is deployed.");
                ok = false;
            }

            if (organisation is not null)
            {
                file.Findings.Error("escalation.organisation", file.At(map["organisation"]!), "an organisation's responders are paged by sms or voice, not by webhook; remove \"organisation:\" or change \"by:\".");
                ok = false;
            }
        }
        else if (webhook is not null && EscalationTarget.Ways.Contains(by))
        {
            file.Findings.Error("escalation.webhook", file.At(map["webhook"]!), $"\"webhook:\" is only for targets paged by webhook, and this one is paged by {by}; remove it or write \"by: webhook\".");
            ok = false;
        }
        else if (contact is null && organisation is null && EscalationTarget.Ways.Contains(by))
        {
            file.Findings.Error("escalation.target", map.Location, $"a target paged by {by} needs \"contact:\" (an id from directory.yaml) or \"organisation:\" (whose verified responders are paged).");
            ok = false;
        }

        if (webhook is not null && !Name().IsMatch(webhook))
        {
            file.Findings.Error("escalation.webhook", file.At(map["webhook"]!), $"\"{webhook}\" cannot be a webhook's name: use small letters, digits and _, like th_1300.");
            ok = false;
        }

        if (organisation is not null && !Name().IsMatch(organisation))
        {
            file.Findings.Error("escalation.organisation", file.At(map["organisation"]!), $"\"{organisation}\" cannot be an organisation's id: use small letters, digits, - and _, as the organisation is written in the console.");
            ok = false;
        }

        if (!ok)
        {
            return null;
        }

        var id = by == EscalationTarget.ByWebhook ? webhook! : $"{contact ?? organisation}/{by}";
        return new EscalationTarget
        {
            Id = id,
            By = by,
            Contact = contact,
            Organisation = organisation,
            Webhook = webhook,
            Kind = kind ?? (organisation is not null ? RecipientKinds.Ngo : RecipientKinds.Operators),
            Name = contact ?? (organisation is not null ? $"organisation {organisation}" : $"webhook {webhook}"),
            Location = map.Location,
            ContactLocation = map.Has("contact") ? file.At(map["contact"]!) : map.Location,
        };
    }

    /// <summary>Reads countries or categories; codes that are not <paramref name="known"/> or "*" come back as <c>Unknown</c>.</summary>
    private static (List<string> Codes, List<(string Code, SourceLocation At)> Unknown) ReadCodes(YamlFile file, YamlFile.Map map, string field, IReadOnlyList<string> known)
    {
        var codes = new List<string>();
        var unknown = new List<(string, SourceLocation)>();
        foreach (var item in file.AsList(map[field], field))
        {
            if (file.AsText(item, field) is not { } code)
            {
                continue;
            }

            if (code != EscalationPolicies.Any && !known.Contains(code))
            {
                unknown.Add((code, file.At(item)));
            }
            else if (!codes.Contains(code))
            {
                codes.Add(code);
            }
        }

        return (codes, unknown);
    }

    private static Timing ReadTiming(YamlFile file, YamlFile.Map map, Timing defaults) => new(
        ReadDuration(file, map, "acknowledge_within") ?? defaults.AcknowledgeWithin,
        ReadRepeat(file, map) ?? defaults.Repeat,
        ReadDuration(file, map, "repeat_after") ?? defaults.RepeatAfter);

    private static TimeSpan? ReadDuration(YamlFile file, YamlFile.Map map, string field)
    {
        if (map.Text(field, field) is not { } text)
        {
            return null;
        }

        if (FlowFileReader.TryParseDuration(text, out var duration))
        {
            return duration;
        }

        file.Findings.Error("escalation.duration", file.At(map[field]!), $"{field} \"{text}\" is not a duration: write a number and a unit, like 10m, 2h or 1d.");
        return null;
    }

    private static int? ReadRepeat(YamlFile file, YamlFile.Map map)
    {
        if (map.Text("repeat", "repeat") is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var repeat) && repeat <= MaxRepeat)
        {
            return repeat;
        }

        file.Findings.Error("escalation.repeat", file.At(map["repeat"]!), $"repeat \"{text}\" should be how many times the whole chain runs again, a number from 0 to {MaxRepeat}.");
        return null;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9_-]*$")]
    private static partial Regex Name();

    private sealed record Timing(TimeSpan AcknowledgeWithin, int Repeat, TimeSpan RepeatAfter);
}
