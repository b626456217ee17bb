using Gateway.Core.Contacts;
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
        usedKeys.UnionWith(SystemTexts.Optional);
        usedKeys.UnionWith(Cases.ReportTexts.All);
        usedKeys.UnionWith(FlowValidator.CheckInTexts(bundle));
        usedKeys.UnionWith(PromiseChecks.OtherwiseKeys(bundle));
        var english = bundle.Texts.Language(TextCatalog.DefaultLanguage);

        CheckFallbacks(bundle, findings);
        CheckMissing(bundle, used, english, findings);
        CheckPurposes(bundle, english, findings);
        PromiseChecks.Check(bundle, findings);
        var variables = FlowValidator.Variables(bundle);
        var discretion = FlowValidator.OffersDiscretion(bundle);
        foreach (var language in bundle.Texts.Languages)
        {
            foreach (var entry in language.Texts.Values)
            {
                CheckPlaceholders(entry, language, english, variables, findings);
                CheckBudget(bundle, entry, language, findings);
                CheckDangerLine(bundle, entry, language, english, findings);
                if (discretion)
                {
                    CheckDiscreet(bundle, entry, language, english, findings);
                }

                if (entry.VerifiedOn is { } verified && today.DayNumber - verified.DayNumber > language.MaxFactAgeDays)
                {
                    findings.Warning("fact.stale", entry.Location, $"text \"{entry.Key}\" states facts last checked on {verified:yyyy-MM-dd}, more than {language.MaxFactAgeDays} days ago; check them (wages, numbers, agencies change) and update verified_on.");
                }
                else if (entry.VerifiedOn is null && !string.IsNullOrWhiteSpace(entry.Fact) && !EnglishSaysItAlready(entry, language, english))
                {
                    findings.Warning("fact.unverified", entry.Location, $"text \"{entry.Key}\" states a fact that goes stale ({entry.Fact}) but has no verified_on date; check it{(entry.Source is null ? string.Empty : $" against its source ({entry.Source})")} and today's situation, then add the date.");
                }

                CheckBooklet(entry, language, findings);

                var (plainKey, country) = TextCatalog.SplitCountry(entry.Key);
                if (country is not null && !CountryCodes.IsKnown(country))
                {
                    findings.Warning("text.country", entry.Location, $"text \"{entry.Key}\" is for country \"{country}\", which the gateway does not serve, so nobody gets it; use {string.Join(", ", CountryCodes.Known)} after the @.");
                }
                else if (!usedKeys.Contains(plainKey) && !entry.Key.StartsWith("language.", StringComparison.Ordinal))
                {
                    findings.Warning("text.unused", entry.Location, $"text \"{entry.Key}\" is not used by any flow or keyword; remove it or check the key's spelling in the flow.");
                }
            }
        }

        CheckMenuScreens(bundle, findings);
        CheckUssdScreens(bundle, findings);
        CheckVoice(bundle, findings);
    }

    private static readonly System.Text.RegularExpressions.Regex Booklet = new(
        @"\b(the guide|this guide|guide's|booklet|handbook|leaflet|brochure)\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
        TimeSpan.FromSeconds(1));

    /// <summary>
    /// The person reading a text on their phone never had the source guide in their hands: an English text that
    /// refers to "the guide" or a booklet sends them to something they do not have (text.booklet). Translations follow
    /// their English text; transcripts show them.
    /// </summary>
    private static void CheckBooklet(TextEntry entry, LanguageCatalog language, FindingList findings)
    {
        if (language.Code != TextCatalog.DefaultLanguage)
        {
            return;
        }

        foreach (var text in entry.Variants.Values.Prepend(entry.Text))
        {
            if (Booklet.Match(text) is { Success: true } match)
            {
                findings.Warning("text.booklet", entry.Location, $"text \"{entry.Key}\" refers to \"{match.Value}\", a booklet the person reading it on their phone never had; say the fact itself, and where to check it today.");
                return;
            }
        }
    }

    /// <summary>
    /// What a caller hears: one warning per language for its synthetic placeholders (voice.synthetic), and one for a
    /// language no provider voice speaks whose texts said on calls have no recording (voice.no_audio): its callers
    /// hear those texts in the first language of its fallback chain that can be played or spoken. Each warning
    /// points at the first such text and names a few.
    /// </summary>
    private static void CheckVoice(FlowBundle bundle, FindingList findings)
    {
        var needed = FlowValidator.NeededKeys(bundle).ToHashSet(StringComparer.Ordinal);
        foreach (var language in bundle.Texts.Languages)
        {
            var spoken = language.Texts.Values
                .Where(e => needed.Contains(e.Key) || needed.Contains(TextCatalog.SplitCountry(e.Key).Key))
                .OrderBy(e => e.Location.Line).ThenBy(e => e.Location.Column)
                .ToList();
            var synthetic = spoken.Where(e => e.Audio is not null && e.AudioStatus == AudioStatus.Synthetic).ToList();
            if (synthetic.Count > 0)
            {
                findings.Warning("voice.synthetic", synthetic[0].Location,
                    $"{Count(synthetic.Count)} said on calls in {language.Code} {(synthetic.Count == 1 ? "is a placeholder" : "are placeholders")} made by speech synthesis ({Keys(synthetic)}); "
                    + "a synthetic voice is hard to follow: ask a speaker to record them and set audio_status: recorded (docs/operations.md, Voice).");
            }

            var silent = language.Speech is null ? spoken.Where(e => e.Audio is null).ToList() : [];
            if (silent.Count > 0)
            {
                var heard = bundle.Texts.Chain(language.Code).Skip(1).FirstOrDefault(c => bundle.Texts.Language(c)?.Speech is not null) ?? "no language";
                findings.Warning("voice.no_audio", silent[0].Location,
                    $"{Count(silent.Count)} said on calls in {language.Code} {(silent.Count == 1 ? "has" : "have")} no recording, and no provider voice speaks {language.Code} ({Keys(silent)}): "
                    + $"callers hear {(silent.Count == 1 ? "it" : "them")} in {heard} instead. Record them (audio: audio/{language.Code}/<key>.mp3), or make placeholders with gateway audio synth --lang {language.Code}.");
            }
        }

        static string Count(int n) => n == 1 ? "1 text" : $"{n} texts";

        static string Keys(List<TextEntry> entries) =>
            string.Join(", ", entries.Take(3).Select(e => e.Key)) + (entries.Count > 3 ? $" and {entries.Count - 3} more" : string.Empty);
    }

    /// <summary>
    /// A translation of a fact English has not checked either is reported once, on the English text; a translation
    /// is reported apart when English has been checked and it has not.
    /// </summary>
    private static bool EnglishSaysItAlready(TextEntry entry, LanguageCatalog language, LanguageCatalog? english) =>
        language != english && english is not null && english.Texts.TryGetValue(entry.Key, out var source)
        && source.VerifiedOn is null && !string.IsNullOrWhiteSpace(source.Fact);

    /// <summary>
    /// Every English text needs a purpose (a country text may share its plain key's). A text without one still
    /// loads, so that a key added by hand never stops the gateway, but the approval gate then guards every change to
    /// it in every language, and the validator says what to add.
    /// </summary>
    private static void CheckPurposes(FlowBundle bundle, LanguageCatalog? english, FindingList findings)
    {
        foreach (var entry in english?.Texts.Values ?? [])
        {
            if (bundle.Texts.PurposeOf(entry.Key) is null)
            {
                findings.Warning("text.purpose", entry.Location, $"text \"{entry.Key}\" has no purpose, so every change to it, in every language, waits for a second person; add purpose: with one of {string.Join(", ", TextPurposes.All.Select(p => p.Name()))} (docs/content.md explains each).");
            }
        }
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

        // One warning per language and language lent from, naming every key: a new language lacks most texts,
        // and a hundred warnings would hide everything else.
        var keys = FlowValidator.NeededKeys(bundle);
        foreach (var language in bundle.Texts.Languages.Where(l => l.Code != TextCatalog.DefaultLanguage).OrderBy(l => l.Code, StringComparer.Ordinal))
        {
            var lent = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var key in keys.Where(k => !language.Texts.ContainsKey(k)))
            {
                var (plainKey, country) = TextCatalog.SplitCountry(key);
                var resolved = bundle.Texts.Resolve(plainKey, language.Code, Channel.Sms, country);
                if (resolved.IsMissing)
                {
                    continue;
                }

                if (!lent.TryGetValue(resolved.Language, out var list))
                {
                    lent[resolved.Language] = list = [];
                }

                list.Add(key);
            }

            foreach (var (from, missing) in lent)
            {
                var what = missing.Count == 1 ? $"no text \"{missing[0]}\"" : $"no text for {missing.Count} keys ({string.Join(", ", missing)})";
                findings.Warning("text.fallback", language.Location, from == language.Code
                    ? $"{language.Code} has {what}: {language.Name} speakers in that country get the {language.Code} text without the @country instead."
                    : $"{language.Code} has {what}: {language.Name} speakers get the {from} text instead.");
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

    /// <summary>
    /// Numbers by purpose (text.danger_line). A text whose purpose is danger, sos or child gives the country's danger
    /// line (<c>{hotline_danger}</c> or <c>{hotline_trafficking}</c>, 1300 in Thailand) and never <c>{hotline}</c> or
    /// <c>{hotline_labour}</c>, which can be the work-complaints line (1506 in Thailand); a danger text without the
    /// danger line is an error in English and a warning in a translation that has not caught up yet. The labour line
    /// belongs only in advice, hotline and report texts, and a report text gives it only beside the danger line.
    /// </summary>
    private static void CheckDangerLine(FlowBundle bundle, TextEntry entry, LanguageCatalog language, LanguageCatalog? english, FindingList findings)
    {
        if (bundle.Texts.PurposeOf(entry.Key) is not { } purpose)
        {
            return;
        }

        var texts = entry.Variants.Values.Prepend(entry.Text).ToList();
        var names = texts.SelectMany(Placeholders.Names).ToHashSet(StringComparer.Ordinal);
        var safety = purpose is TextPurpose.Danger or TextPurpose.Sos or TextPurpose.Child;
        var where = language == english ? string.Empty : $" ({language.Code})";
        if (safety && names.Contains("hotline_labour"))
        {
            findings.Error("text.danger_line", entry.Location, $"text \"{entry.Key}\"{where} is about danger but gives {{hotline_labour}}, the line for complaints about work; a person in danger must be given {{hotline_danger}}, the country's anti-trafficking line.");
        }
        else if (safety && names.Contains("hotline"))
        {
            findings.Error("text.danger_line", entry.Location, $"text \"{entry.Key}\"{where} is about danger but gives {{hotline}}, which is the work-complaints line after a labour report; write {{hotline_danger}}, the country's anti-trafficking line, instead.");
        }
        else if (purpose == TextPurpose.Danger && texts.Exists(t => !Placeholders.Names(t).Any(Placeholders.DangerLines.Contains)))
        {
            var message = $"text \"{entry.Key}\"{where} tells a person in danger what to do but does not give the number to call; add {{hotline_danger}} (\"or call {{hotline_danger}}\") to every channel's wording.";
            if (language == english)
            {
                findings.Error("text.danger_line", entry.Location, message);
            }
            else
            {
                findings.Warning("text.danger_line", entry.Location, message + " Until then this translation is sent as it is.");
            }
        }
        else if (names.Contains("hotline_labour") && purpose is not (TextPurpose.Advice or TextPurpose.Hotline or TextPurpose.Report))
        {
            findings.Error("text.danger_line", entry.Location, $"text \"{entry.Key}\"{where} gives {{hotline_labour}}, the line for complaints about work, but its purpose is {purpose.Name()}; the labour line belongs only in work advice and labour reports.");
        }
        else if (purpose == TextPurpose.Report && texts.Exists(t => Placeholders.Names(t).Contains("hotline_labour") && !Placeholders.Names(t).Any(Placeholders.DangerLines.Contains)))
        {
            findings.Error("text.danger_line", entry.Location, $"text \"{entry.Key}\"{where} gives the work-complaints line {{hotline_labour}} without the danger line; a report always ends with {{hotline_danger}} for danger, and the labour line only beside it.");
        }
    }

    /// <summary>
    /// Discreet replies (text.discreet). In English, a danger, sos, report or hotline text, and any text with one of
    /// the discreet words (<c>discreet_words:</c>, "trafficking", "SOS", "hotline"), gives its neutral wording
    /// (<c>discreet:</c>) or says <c>discreet: same</c>: otherwise it is an error, since it would be said as it is to a
    /// person who asked that nothing on their phone names the subject. A neutral wording with a discreet word of its
    /// language or of English is an error in every language. A translation without a neutral wording where English
    /// has one is a warning: its readers get the next language of the chain's neutral words until it has one. Content
    /// in which no flow or keyword turns discreet replies on (set_discreet) never says a text discreetly, and is not checked.
    /// </summary>
    private static void CheckDiscreet(FlowBundle bundle, TextEntry entry, LanguageCatalog language, LanguageCatalog? english, FindingList findings)
    {
        var words = bundle.Texts.DiscreetWordsOf(language.Code);
        var where = language == english ? string.Empty : $" ({language.Code})";
        var texts = entry.Variants.Values.Prepend(entry.Text).ToList();
        if (entry.HasDiscreetWording)
        {
            if (DiscreetWords.Find(entry.Discreet!, words) is { } word)
            {
                findings.Error("text.discreet", entry.Location, $"the discreet wording of text \"{entry.Key}\"{where} says \"{word}\", which tells anyone reading the phone what it is about; write it without that word.");
            }

            return;
        }

        var named = texts.Select(t => DiscreetWords.Find(t, words)).FirstOrDefault(w => w is not null);
        if (entry.Discreet == TextEntry.DiscreetSame)
        {
            if (named is not null)
            {
                findings.Error("text.discreet", entry.Location, $"text \"{entry.Key}\"{where} says \"discreet: same\" but its words say \"{named}\"; give it a neutral wording (discreet: \"…\") for people who asked for discreet replies.");
            }

            return;
        }

        if (language == english)
        {
            var purpose = bundle.Texts.PurposeOf(entry.Key);
            if (named is not null || purpose is TextPurpose.Danger or TextPurpose.Sos or TextPurpose.Report or TextPurpose.Hotline)
            {
                var why = named is not null ? $"it says \"{named}\"" : $"its purpose is {purpose!.Value.Name()}";
                findings.Error("text.discreet", entry.Location, $"text \"{entry.Key}\" has no discreet wording and {why}: add discreet: \"…\" with neutral words (no trafficking, SOS or hotline name) for people who asked for discreet replies, or discreet: same if its words are neutral already.");
            }
        }
        else if (english?.Texts.GetValueOrDefault(entry.Key)?.HasDiscreetWording == true || named is not null)
        {
            findings.Warning("text.discreet", entry.Location, $"text \"{entry.Key}\" ({language.Code}) has no discreet wording{(named is null ? string.Empty : $" and says \"{named}\"")}: people who asked for discreet replies get the neutral words of the next language of its chain until it has one (discreet: \"…\").");
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

    /// <summary>
    /// A menu's options are read together: on USSD they should fit one screen with the "more" line. Languages
    /// that show the same menu (because they borrow its labels) are named in one warning.
    /// </summary>
    private static void CheckMenuScreens(FlowBundle bundle, FindingList findings)
    {
        foreach (var state in bundle.States.Where(s => s.Options.Count > 0))
        {
            var tooLong = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var language in bundle.Texts.Languages.OrderBy(l => l.Code == TextCatalog.DefaultLanguage ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal))
            {
                var lines = state.Options.Select(o => $"{o.Key}. {bundle.Texts.Resolve(o.Text.Key, language.Code, Channel.Ussd).Text}");
                var menu = string.Join('\n', lines);
                var trailer = UssdTrailer(bundle, language.Code);
                if (!TextBudget.Ussd.Fits(trailer.Length == 0 ? menu : menu + "\n" + trailer))
                {
                    if (!tooLong.TryGetValue(menu, out var codes))
                    {
                        tooLong[menu] = codes = [];
                    }

                    codes.Add(language.Code);
                }
            }

            foreach (var codes in tooLong.Values)
            {
                findings.Warning("menu.ussd", state.Location, $"the options of \"{state.Name}\"{(UssdTrailer(bundle, codes[0]).Length == 0 ? string.Empty : " (with the keyword options every USSD menu ends with)")} do not fit on one USSD screen in {string.Join(", ", codes)}; shorten them or give them \"ussd:\" variants.");
            }
        }
    }

    /// <summary>
    /// The keyword options that end every USSD menu screen in a language ("99. SOS: help now"), as the engine
    /// says them; empty when no keyword has a USSD menu number.
    /// </summary>
    internal static string UssdTrailer(FlowBundle bundle, string? language) =>
        string.Join('\n', bundle.Keywords.MenuOptions(Channel.Ussd).Select(k => $"{k.Menu!.KeyFor(Channel.Ussd)}. {bundle.Texts.Resolve(k.Menu.Text.Key, language, Channel.Ussd).Text}"));

    /// <summary>
    /// USSD screens that cannot fit: a menu whose screens, each ending with the more line and the keyword options,
    /// leave no room for some letter of its text; and the one screen a caller gets while the store is down, which
    /// ends the session and so cannot be paged.
    /// </summary>
    private static void CheckUssdScreens(FlowBundle bundle, FindingList findings)
    {
        foreach (var state in bundle.States.Where(s => s.Options.Count > 0))
        {
            var crowded = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            foreach (var language in bundle.Texts.Languages.OrderBy(l => l.Code == TextCatalog.DefaultLanguage ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal))
            {
                var trailer = UssdTrailer(bundle, language.Code);
                if (trailer.Length == 0)
                {
                    continue;
                }

                var texts = state.Say.Select(t => bundle.Texts.Resolve(t.Key, language.Code, Channel.Ussd).Text)
                    .Concat(state.Options.Select(o => $"{o.Key}. {bundle.Texts.Resolve(o.Text.Key, language.Code, Channel.Ussd).Text}"));
                var text = string.Join('\n', texts);
                var more = $"{SystemTexts.MoreKey}. {bundle.Texts.Resolve(SystemTexts.More, language.Code, Channel.Ussd).Text}";
                if (TextPager.CanPage(text, TextBudget.Ussd, more, out _) && !TextPager.CanPage(text, new TrailedBudget(TextBudget.Ussd, "\n" + trailer), more, out _))
                {
                    if (!crowded.TryGetValue(trailer, out var codes))
                    {
                        crowded[trailer] = codes = [];
                    }

                    codes.Add(language.Code);
                }
            }

            foreach (var (trailer, codes) in crowded)
            {
                findings.Warning("ussd.screen", state.Location, $"on USSD in {string.Join(", ", codes)}, every screen of \"{state.Name}\" ends with \"{trailer.Replace("\n", " / ", StringComparison.Ordinal)}\", which leaves no room for some of its text; give the keyword's menu text a short \"ussd:\" variant.");
            }
        }

        foreach (var language in bundle.Texts.Languages.OrderBy(l => l.Code, StringComparer.Ordinal))
        {
            var tooLong = new List<string>();
            var resolved = bundle.Texts.Resolve(SystemTexts.Unavailable, language.Code, Channel.Ussd);
            if (resolved.IsMissing || resolved.Language != language.Code)
            {
                continue;
            }

            foreach (var country in CountryCodes.Known)
            {
                var session = new Sessions.Session { Language = language.Code, Country = country };
                var text = SpokenText.Say(bundle, SystemTexts.Unavailable, session, Channel.Ussd, borrowed: null);
                if (!UssdScreen.Fits(text))
                {
                    tooLong.Add(country);
                }
            }

            if (tooLong.Count > 0)
            {
                findings.Warning("ussd.screen", resolved.Entry!.Location, $"text \"{SystemTexts.Unavailable}\" is the only screen a USSD caller gets while the gateway cannot reach its store, and it ends the session, so it cannot be split; with the hotline of {string.Join(", ", tooLong)} it is longer than {TextBudget.Ussd.Describe()}. Shorten it or give it a \"ussd:\" variant.");
            }
        }
    }
}
