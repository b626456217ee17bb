using Gateway.Core.Localization;

namespace Gateway.Core.Flows.Validation;

/// <summary>The validator's checks on localization files: gaps, placeholders, budgets and stale facts.</summary>
internal static class TextChecks
{
    public static void Check(FlowBundle bundle, DateOnly today, FindingList findings)
    {
        var used = FlowValidator.UsedTexts(bundle).ToList();
        var usedKeys = new HashSet<string>(used.Select(t => t.Key), StringComparer.Ordinal);
        usedKeys.UnionWith(SystemTexts.All);
        var english = bundle.Texts.Language(TextCatalog.DefaultLanguage);

        CheckFallbacks(bundle, findings);
        CheckMissing(bundle, used, english, findings);
        var variables = FlowValidator.Variables(bundle);
        foreach (var language in bundle.Texts.Languages)
        {
            foreach (var entry in language.Texts.Values)
            {
                CheckPlaceholders(entry, language, english, variables, findings);
                CheckBudget(bundle, entry, language, findings);
                if (entry.VerifiedOn is { } verified && today.DayNumber - verified.DayNumber > language.MaxFactAgeDays)
                {
                    findings.Warning("fact.stale", entry.Location, $"text \"{entry.Key}\" states facts last checked on {verified:yyyy-MM-dd}, more than {language.MaxFactAgeDays} days ago; check them (wages, numbers, agencies change) and update verified_on.");
                }

                if (!usedKeys.Contains(entry.Key) && !entry.Key.StartsWith("language.", StringComparison.Ordinal))
                {
                    findings.Warning("text.unused", entry.Location, $"text \"{entry.Key}\" is not used by any flow or keyword; remove it or check the key's spelling in the flow.");
                }
            }
        }

        CheckMenuScreens(bundle, findings);
    }

    private static void CheckFallbacks(FlowBundle bundle, FindingList findings)
    {
        foreach (var language in bundle.Texts.Languages)
        {
            foreach (var code in language.Fallback.Where(c => !bundle.Texts.Has(c)))
            {
                findings.Error("language.fallback", language.Location, $"{language.Code} falls back to \"{code}\", but there is no localization/{code}.yaml.");
            }
        }
    }

    private static void CheckMissing(FlowBundle bundle, List<TextRef> used, LanguageCatalog? english, FindingList findings)
    {
        foreach (var key in SystemTexts.All.Where(k => english is not null && !english.Texts.ContainsKey(k)))
        {
            findings.Error("text.missing", english!.Location, $"localization/en.yaml has no text \"{key}\"; the gateway says it itself (see docs/flow-spec.md, \"Texts the gateway says itself\").");
        }

        foreach (var reference in used.DistinctBy(t => t.Key))
        {
            if (english is not null && !english.Texts.ContainsKey(reference.Key))
            {
                findings.Error("text.missing", reference.Location, $"text \"{reference.Key}\" is used here but localization/en.yaml does not have it; add it there (English is the last fallback for every language).");
            }
        }

        var keys = used.Select(t => t.Key).Concat(SystemTexts.All).Distinct(StringComparer.Ordinal).ToList();
        foreach (var language in bundle.Texts.Languages.Where(l => l.Code != TextCatalog.DefaultLanguage))
        {
            foreach (var key in keys.Where(k => !language.Texts.ContainsKey(k)))
            {
                var resolved = bundle.Texts.Resolve(key, language.Code, Channel.Sms);
                if (resolved.IsMissing)
                {
                    continue;
                }

                findings.Warning("text.fallback", language.Location, $"{language.Code} has no text \"{key}\": {language.Name} speakers get the {resolved.Language} text instead.");
            }
        }
    }

    private static void CheckPlaceholders(TextEntry entry, LanguageCatalog language, LanguageCatalog? english, HashSet<string> variables, FindingList findings)
    {
        foreach (var text in entry.Variants.Values.Prepend(entry.Text))
        {
            foreach (var name in Placeholders.Names(text).Distinct(StringComparer.Ordinal))
            {
                if (!variables.Contains(name))
                {
                    findings.Error("text.placeholder", entry.Location, $"text \"{entry.Key}\" uses {{{name}}}, which nothing fills in; the names known are {string.Join(", ", Placeholders.BuiltIn.Select(n => "{" + n + "}"))} and the variables the flows set.");
                }
            }
        }

        if (english is null || language == english || !english.Texts.TryGetValue(entry.Key, out var source))
        {
            return;
        }

        foreach (var name in Placeholders.Names(source.Text).Except(Placeholders.Names(entry.Text), StringComparer.Ordinal))
        {
            findings.Warning("text.placeholder_dropped", entry.Location, $"the English text \"{entry.Key}\" says {{{name}}} but the {language.Code} text does not; the translation may have lost a number or a name.");
        }
    }

    private static void CheckBudget(FlowBundle bundle, TextEntry entry, LanguageCatalog language, FindingList findings)
    {
        foreach (var channel in FlowValidator.PagedChannels)
        {
            var text = entry.For(channel);
            var budget = channel == Channel.Ussd ? TextBudget.Ussd : TextBudget.Sms(1);
            var more = $"{SystemTexts.MoreKey}. {bundle.Texts.Resolve(SystemTexts.More, language.Code, channel).Text}";
            if (!TextPager.CanPage(text, budget, more, out var reason))
            {
                findings.Error("text.budget", entry.Location, $"text \"{entry.Key}\" cannot be split into {channel.Name().ToUpperInvariant()} screens: {reason}");
            }
        }
    }

    /// <summary>A menu's options are read together: on USSD they should fit one screen with the "more" line.</summary>
    private static void CheckMenuScreens(FlowBundle bundle, FindingList findings)
    {
        foreach (var state in bundle.States.Where(s => s.Options.Count > 0))
        {
            foreach (var language in bundle.Texts.Languages)
            {
                var lines = state.Options.Select(o => $"{o.Key}. {bundle.Texts.Resolve(o.Text.Key, language.Code, Channel.Ussd).Text}");
                var menu = string.Join('\n', lines);
                if (!TextBudget.Ussd.Fits(menu))
                {
                    findings.Warning("menu.ussd", state.Location, $"the options of \"{state.Name}\" do not fit on one USSD screen in {language.Code}; shorten them or give them \"ussd:\" variants.");
                }
            }
        }
    }
}
