using Gateway.Core.Contacts;
using Gateway.Core.Flows.Actions;
using Gateway.Core.Localization;

namespace Gateway.Core.Flows.Validation;

/// <summary>
/// Checks a bundle the way an NGO editor needs: every finding names the file, line and column and says in
/// plain words what is wrong and how to fix it. Errors stop an edit from being served; warnings do not.
/// </summary>
public static class FlowValidator
{
    public static IReadOnlyList<Finding> Validate(FlowBundle bundle, DateOnly today)
    {
        var findings = new FindingList();
        CheckTargets(bundle, findings);
        CheckStates(bundle, findings);
        CheckReachable(bundle, findings);
        CheckAutomaticLoops(bundle, findings);
        CheckActions(bundle, findings);
        CheckKeywords(bundle, findings);
        TextChecks.Check(bundle, today, findings);
        LanguageChecks.Check(bundle, findings);
        CheckDirectory(bundle, today, findings);
        EscalationChecks.Check(bundle, findings);
        return findings.Items;
    }

    private static IEnumerable<(StateTarget Target, string Flow, string What)> Targets(FlowBundle bundle)
    {
        var routing = bundle.Routing;
        yield return (routing.FirstContact, string.Empty, "start first_contact");
        yield return (routing.Returning, string.Empty, "start returning");
        yield return (routing.Menu, string.Empty, "start menu");
        foreach (var keyword in bundle.Keywords.Global.Concat(bundle.Keywords.Scoped))
        {
            if (keyword.Go is not null)
            {
                yield return (keyword.Go, keyword.ScopeFlow, $"keyword \"{keyword.Id}\"");
            }
        }

        foreach (var flow in bundle.Flows.Values)
        {
            yield return (new StateTarget(flow.Id, flow.Start, flow.StartLocation), flow.Id, $"flow \"{flow.Id}\" start");
            foreach (var state in flow.States.Values)
            {
                if (state.Go is not null)
                {
                    yield return (state.Go, flow.Id, $"state \"{state.Name}\"");
                }

                if (state.Input is not null)
                {
                    yield return (state.Input.Go, flow.Id, $"the answer to \"{state.Name}\"");
                }

                foreach (var ifKnown in state.IfKnown)
                {
                    yield return (ifKnown.Go, flow.Id, $"\"{state.Name}\" when the {ifKnown.Fact} is known");
                }

                foreach (var option in state.Options)
                {
                    yield return (option.Go, flow.Id, $"option {option.Key} of \"{state.Name}\"");
                }
            }
        }
    }

    private static void CheckTargets(FlowBundle bundle, FindingList findings)
    {
        foreach (var (target, flow, what) in Targets(bundle))
        {
            if (target.Flow is null && flow.Length == 0)
            {
                findings.Error("flow.target", target.Location, $"{what} names \"{target.State}\" without its flow; write it as \"flow:state\", e.g. \"main:{target.State}\".");
            }
            else if (target.Flow is not null && !bundle.Flows.ContainsKey(target.Flow))
            {
                findings.Error("flow.target", target.Location, $"{what} goes to flow \"{target.Flow}\", but there is no flow with that name; the flows are: {string.Join(", ", bundle.Flows.Keys)}.");
            }
            else if (bundle.FindState(target, flow) is null)
            {
                var inFlow = target.Flow ?? flow;
                findings.Error("flow.target", target.Location, $"{what} goes to \"{target.State}\", but flow \"{inFlow}\" has no state with that name.");
            }
        }
    }

    private static void CheckStates(FlowBundle bundle, FindingList findings)
    {
        foreach (var state in bundle.States)
        {
            if (!state.WaitsForAnswer && state.Go is null && !state.EndsFlow)
            {
                findings.Error("state.dead_end", state.Location, $"the conversation would stop at \"{state.Name}\" without saying so: give it options, an input, a \"go:\" to the next state, or \"end: true\".");
            }

            if (state.WaitsForAnswer && state.Go is not null)
            {
                findings.Error("state.go_and_wait", state.Go.Location, $"\"{state.Name}\" waits for an answer, so it cannot also move on by itself; remove \"go:\" or the options and input.");
            }

            if (state.EndsFlow && state.WaitsForAnswer)
            {
                findings.Error("state.end_and_wait", state.Location, $"\"{state.Name}\" ends the conversation, so its options or input would never be answered; remove one or the other.");
            }

            CheckOptionNumbers(state, findings);
            CheckIfKnown(bundle, state, findings);
        }
    }

    private static void CheckIfKnown(FlowBundle bundle, StateDefinition state, FindingList findings)
    {
        if (state.IfKnown.Count == 0)
        {
            return;
        }

        var variables = Variables(bundle);
        foreach (var ifKnown in state.IfKnown)
        {
            if (!IfKnownDefinition.SessionFacts.Contains(ifKnown.Fact) && !variables.Contains(ifKnown.Fact))
            {
                var known = IfKnownDefinition.SessionFacts.Concat(variables.Except(Placeholders.BuiltIn).Order(StringComparer.Ordinal));
                findings.Error("state.if_known", ifKnown.Location, $"if_known names \"{ifKnown.Fact}\", which a conversation never knows; use {string.Join(", ", known)}.");
            }
        }
    }

    private static void CheckOptionNumbers(StateDefinition state, FindingList findings)
    {
        var seen = new HashSet<int>();
        foreach (var option in state.Options)
        {
            if (option.Key == SystemTexts.MoreKey)
            {
                findings.Error("option.number", option.KeyLocation, $"option 0 is kept for \"more\" on long texts; number the options of \"{state.Name}\" from 1.");
            }
            else if (!seen.Add(option.Key))
            {
                findings.Error("option.duplicate", option.KeyLocation, $"option {option.Key} appears twice in \"{state.Name}\"; each option needs its own number.");
            }
        }

        var expected = 1;
        foreach (var option in state.Options.Where(o => o.Key > 0).DistinctBy(o => o.Key).OrderBy(o => o.Key))
        {
            if (option.Key != expected)
            {
                findings.Error("option.gap", option.KeyLocation, $"the options of \"{state.Name}\" jump to {option.Key} after {expected - 1}; number them 1, 2, 3 … without gaps so people are not confused.");
                break;
            }

            expected++;
        }
    }

    private static void CheckReachable(FlowBundle bundle, FindingList findings)
    {
        var reachable = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        void Reach(StateTarget target, string flow)
        {
            var name = target.Qualify(flow);
            if (bundle.FindState(name) is not null && reachable.Add(name))
            {
                queue.Enqueue(name);
            }
        }

        var routing = bundle.Routing;
        Reach(routing.FirstContact, string.Empty);
        Reach(routing.Returning, string.Empty);
        Reach(routing.Menu, string.Empty);
        foreach (var keyword in bundle.Keywords.Global.Where(k => k.Go is not null))
        {
            Reach(keyword.Go!, string.Empty);
        }

        while (queue.TryDequeue(out var name))
        {
            var state = bundle.FindState(name)!;
            foreach (var keyword in state.Keywords.Where(k => k.Go is not null))
            {
                Reach(keyword.Go!, state.Flow);
            }

            if (state.Go is not null)
            {
                Reach(state.Go, state.Flow);
            }

            if (state.Input is not null)
            {
                Reach(state.Input.Go, state.Flow);
            }

            foreach (var ifKnown in state.IfKnown)
            {
                Reach(ifKnown.Go, state.Flow);
            }

            foreach (var option in state.Options)
            {
                Reach(option.Go, state.Flow);
            }
        }

        foreach (var state in bundle.States.Where(s => !reachable.Contains(s.QualifiedName)))
        {
            findings.Warning("state.unreachable", state.Location, $"nobody can reach \"{state.Name}\": no option, answer, keyword or \"go:\" leads to it. Link it from another state or remove it.");
        }
    }

    private static void CheckAutomaticLoops(FlowBundle bundle, FindingList findings)
    {
        foreach (var start in bundle.States.Where(s => AutomaticMoves(s).Any()))
        {
            var seen = new HashSet<string>(StringComparer.Ordinal) { start.QualifiedName };
            var pending = new Stack<StateDefinition>();
            pending.Push(start);
            while (pending.TryPop(out var state))
            {
                foreach (var target in AutomaticMoves(state))
                {
                    var next = bundle.FindState(target, state.Flow);
                    if (next == start)
                    {
                        findings.Error("state.loop", start.Location, $"\"{start.Name}\" moves on by itself in a circle back to itself; one of these states must wait for an answer or end.");
                        pending.Clear();
                        break;
                    }

                    if (next is not null && seen.Add(next.QualifiedName))
                    {
                        pending.Push(next);
                    }
                }
            }
        }
    }

    /// <summary>Where a state can move without an answer: its <c>go:</c>, and its <c>if_known:</c> targets.</summary>
    private static IEnumerable<StateTarget> AutomaticMoves(StateDefinition state)
    {
        foreach (var ifKnown in state.IfKnown)
        {
            yield return ifKnown.Go;
        }

        if (state is { WaitsForAnswer: false, Go: not null, EndsFlow: false })
        {
            yield return state.Go;
        }
    }

    /// <summary>Whether a flow or keyword can turn discreet replies on (set_discreet): only then must texts have a discreet wording.</summary>
    internal static bool OffersDiscretion(FlowBundle bundle) => AllActions(bundle).Any(a => a.Type == Actions.SetDiscreetAction.TypeName);

    private static IEnumerable<ActionDefinition> AllActions(FlowBundle bundle) =>
        bundle.States.SelectMany(s => s.Actions.Concat(s.Options.SelectMany(o => o.Actions)).Concat(s.Keywords.SelectMany(k => k.Actions)))
            .Concat(bundle.Keywords.Global.SelectMany(k => k.Actions));

    private static void CheckActions(FlowBundle bundle, FindingList findings)
    {
        foreach (var action in AllActions(bundle))
        {
            if (ActionRegistry.Find(action.Type) is { } type)
            {
                type.Check(action, bundle, findings);
            }
            else
            {
                var known = ActionRegistry.All.Select(a => a.Type).Order(StringComparer.Ordinal);
                findings.Error("action.unknown", action.Location, $"there is no action \"{action.Type}\"; the actions are: {string.Join(", ", known)}.");
            }
        }
    }

    private static void CheckKeywords(FlowBundle bundle, FindingList findings)
    {
        CheckKeywordGroup(bundle.Keywords.Global, findings);
        CheckMenuKeys(bundle, findings);
        foreach (var state in bundle.States.Where(s => s.Keywords.Count > 0))
        {
            CheckKeywordGroup(state.Keywords, findings);
        }

        foreach (var keyword in bundle.Keywords.Global.Concat(bundle.Keywords.Scoped))
        {
            foreach (var (language, words) in keyword.Words)
            {
                if (!bundle.Texts.Has(language))
                {
                    findings.Warning("keyword.language", keyword.Location, $"keyword \"{keyword.Id}\" has words for \"{language}\", but there is no localization/{language}.yaml.");
                }

                foreach (var word in words)
                {
                    var normalized = KeywordSet.Normalize(word.Text);
                    if (ReservedWords.IsReserved(normalized) && !ReservedWords.AllowedFor(keyword.Kind, normalized))
                    {
                        findings.Error("keyword.reserved", word.Location, $"\"{word.Text}\" is one of the words Twilio acts on by itself (it opts people out or in, or answers HELP); keyword \"{keyword.Id}\" must use another word.");
                    }
                }
            }
        }

        foreach (var state in bundle.States)
        {
            foreach (var option in state.Options)
            {
                foreach (var word in option.Also.Values.SelectMany(w => w))
                {
                    if (ReservedWords.IsReserved(KeywordSet.Normalize(word.Text)))
                    {
                        findings.Error("option.reserved", word.Location, $"\"{word.Text}\" cannot be an answer: Twilio acts on it by itself before the gateway sees it. Use the option's number or a word of your own.");
                    }
                }
            }
        }
    }

    /// <summary>
    /// A keyword shown as a numbered option on every menu (SOS as 99 on USSD) needs, on each channel that shows it,
    /// a number no menu of that channel uses: not 0 where texts are paged (SMS, USSD: 0 asks for the next page), not
    /// another such keyword's on the same channel, and none of a state's own options.
    /// </summary>
    private static void CheckMenuKeys(FlowBundle bundle, FindingList findings)
    {
        var taken = new Dictionary<(Channel Channel, int Key), KeywordDefinition>();
        foreach (var keyword in bundle.Keywords.Global.Where(k => k.Menu is not null))
        {
            var menu = keyword.Menu!;
            foreach (var channel in menu.Keys.Keys.Where(c => !menu.ShowsOn(c)))
            {
                findings.Error("keyword.menu_key", menu.KeyLocationFor(channel), $"keyword \"{keyword.Id}\" has a {channel.Name()} key, but {channel.Name()} is not among its channels; add it to \"channels:\" or remove the key.");
            }

            var reported = new HashSet<(int Key, SourceLocation At)>();
            foreach (var channel in menu.Channels)
            {
                var key = menu.KeyFor(channel);
                var at = menu.KeyLocationFor(channel);
                if (key < 0 || (key == SystemTexts.MoreKey && Pages(channel)))
                {
                    if (reported.Add((key, at)))
                    {
                        findings.Error("keyword.menu_key", at, $"keyword \"{keyword.Id}\" cannot be option {key} on the {channel.Name()} menus: 0 asks for the next page of a long text there. Choose a number no menu uses, such as 99.");
                    }

                    continue;
                }

                if (taken.TryGetValue((channel, key), out var other) && other != keyword)
                {
                    if (reported.Add((key, at)))
                    {
                        findings.Error("keyword.menu_key", at, $"keyword \"{keyword.Id}\" has menu number {key}, which keyword \"{other.Id}\" already has; give each its own number.");
                    }

                    continue;
                }

                taken[(channel, key)] = keyword;
                if (!reported.Add((key, at)))
                {
                    continue;
                }

                var channels = menu.Channels.Where(c => menu.KeyFor(c) == key).Select(c => c.Name());
                foreach (var state in bundle.States.Where(s => s.FindOption(key) is not null))
                {
                    var option = state.FindOption(key)!;
                    findings.Error("keyword.menu_key", at, $"keyword \"{keyword.Id}\" is option {key} on every {string.Join(", ", channels)} menu, but \"{state.Name}\" ({option.KeyLocation}) has its own option {key}; choose a number no menu uses.");
                }
            }
        }
    }

    /// <summary>Channels whose long texts are split into pages behind "0. More".</summary>
    private static bool Pages(Channel channel) => channel is Channel.Sms or Channel.Ussd;

    private static void CheckKeywordGroup(IReadOnlyList<KeywordDefinition> keywords, FindingList findings)
    {
        var meaning = new Dictionary<(string Language, string Word), KeywordDefinition>();
        foreach (var keyword in keywords)
        {
            foreach (var (language, words) in keyword.Words)
            {
                foreach (var word in words)
                {
                    var key = (language, KeywordSet.Normalize(word.Text));
                    if (meaning.TryGetValue(key, out var other) && other != keyword)
                    {
                        findings.Error("keyword.ambiguous", word.Location, $"\"{word.Text}\" already means \"{other.Id}\" in {language}; a word can mean only one thing per language.");
                    }
                    else
                    {
                        meaning[key] = keyword;
                    }
                }
            }
        }
    }

    private static void CheckDirectory(FlowBundle bundle, DateOnly today, FindingList findings)
    {
        foreach (var entry in bundle.Directory.Entries)
        {
            if (entry.IsPlaceholder)
            {
                var why = string.IsNullOrWhiteSpace(entry.Placeholder) ? string.Empty : $" ({entry.Placeholder})";
                findings.Warning("directory.placeholder", entry.NumberLocation, $"the number of \"{entry.Name}\" is a placeholder{why}: nobody is shown it until a partner confirms the real number.");
            }

            if (entry.VerifiedOn is { } verified && today.DayNumber - verified.DayNumber > 365)
            {
                findings.Warning("fact.stale", entry.Location, $"\"{entry.Name}\" was last checked on {verified:yyyy-MM-dd}, more than a year ago; call to confirm it and update verified_on.");
            }
            else if (entry.VerifiedOn is null && !entry.IsPlaceholder)
            {
                var note = string.IsNullOrWhiteSpace(entry.Note) ? string.Empty : $" Before going live: {entry.Note.TrimEnd('.')}.";
                findings.Warning("fact.unverified", entry.NumberLocation, $"\"{entry.Name}\" has a number but no verified_on date; add the date someone last confirmed it.{note}");
            }

            if (!OpeningHours.TryParse(entry.Hours, out _, out var problem))
            {
                findings.Error("directory.hours", entry.HoursLocation, $"the hours of \"{entry.Name}\" cannot be read: {problem}. Write \"24/7\", \"unknown\", or days and times such as \"Mon-Fri 08:30-16:30\", several separated by \", \" or \";\".");
            }

            if (entry.PageNumber is { } pageNumber && !EscalationChecks.IsE164(pageNumber))
            {
                findings.Error("directory.page_number", entry.PageNumberLocation, $"the page_number of \"{entry.Name}\" must be an international number a provider can text or call: + and then 8 to 15 digits starting with the country code, without spaces or dashes; or placeholder until a partner confirms one.");
            }

            CheckNames(bundle, entry, findings);

            foreach (var language in entry.Languages.Where(l => !bundle.Texts.Has(l) && !Localization.LanguageCodes.Known.Contains(l)))
            {
                findings.Warning("directory.language", entry.Location, $"\"{entry.Name}\" speaks \"{language}\", which is not a language code the gateway knows ({string.Join(", ", Localization.LanguageCodes.Known)}); check the code.");
            }
        }
    }

    /// <summary>
    /// A contact people are shown (one with a confirmed number, or a page number a call can be put through to) is
    /// named in each language with its own texts, or in a language of its fallback chain; otherwise its readers see
    /// the English name in the middle of their own menu.
    /// </summary>
    private static void CheckNames(FlowBundle bundle, Contacts.DirectoryEntry entry, FindingList findings)
    {
        foreach (var language in entry.Names.Keys.Where(l => !bundle.Texts.Has(l)))
        {
            findings.Warning("directory.name", entry.NamesLocation, $"\"{entry.Name}\" has a name in \"{language}\", but there is no localization/{language}.yaml; check the language code.");
        }

        if (entry.IsPlaceholder && Contacts.ConnectRouting.DialNumber(entry) is null)
        {
            return;
        }

        var missing = bundle.Texts.Languages
            .Where(l => l.Code != Localization.TextCatalog.DefaultLanguage && l.Texts.Count > 0
                && entry.NameIn(bundle.Texts.Chain(l.Code)).Language == Localization.TextCatalog.DefaultLanguage)
            .Select(l => l.Code)
            .Order(StringComparer.Ordinal)
            .ToList();
        if (missing.Count > 0)
        {
            findings.Warning("directory.name", entry.NamesLocation, $"\"{entry.Name}\" has no name in {string.Join(", ", missing)}: people reading those languages see the English name. Add it under names:, e.g. names: {{ {missing[0]}: ... }}.");
        }
    }

    /// <summary>
    /// The keys every language should have: the texts flows and keywords say, the texts the engine says itself,
    /// the texts the host says to a person about their report (<see cref="Cases.ReportTexts.PersonFacing"/>) and about
    /// check-ins and buddies (<see cref="CheckIns.CheckInTexts.All"/>), and
    /// every country variant English has of them (<c>work.wage@TH</c>), in a stable order.
    /// </summary>
    public static IReadOnlyList<string> NeededKeys(FlowBundle bundle)
    {
        var keys = UsedTexts(bundle).Select(t => t.Key).Concat(SystemTexts.All).Concat(Cases.ReportTexts.PersonFacing).Concat(CheckInTexts(bundle)).Concat(PromiseChecks.OtherwiseKeys(bundle)).Distinct(StringComparer.Ordinal).ToList();
        var plain = keys.ToHashSet(StringComparer.Ordinal);
        if (bundle.Texts.Language(TextCatalog.DefaultLanguage) is { } english)
        {
            keys.AddRange(english.Texts.Keys
                .Where(k => TextCatalog.SplitCountry(k) is { Country: { } country } split && Contacts.CountryCodes.IsKnown(country) && plain.Contains(split.Key))
                .Order(StringComparer.Ordinal));
        }

        return keys;
    }

    /// <summary>
    /// The texts about check-ins and buddies, where the flows use them: a state, option or keyword starts a timer,
    /// or a keyword takes a phone number (BUDDY). Flows without check-ins need none of them.
    /// </summary>
    internal static IReadOnlyList<string> CheckInTexts(FlowBundle bundle)
    {
        static bool Starts(IEnumerable<ActionDefinition> actions) => actions.Any(a => a.Type == Actions.StartCheckInAction.TypeName);
        var uses = bundle.Keywords.Global.Concat(bundle.Keywords.Scoped).Any(k => k.Argument == KeywordArgument.PhoneNumber || Starts(k.Actions))
            || bundle.States.Any(s => Starts(s.Actions) || s.Options.Any(o => Starts(o.Actions)));
        return uses ? CheckIns.CheckInTexts.All : [];
    }

    internal static IEnumerable<TextRef> UsedTexts(FlowBundle bundle)
    {
        foreach (var state in bundle.States)
        {
            foreach (var text in state.Say)
            {
                yield return text;
            }

            foreach (var option in state.Options)
            {
                yield return option.Text;
            }

            foreach (var text in state.Keywords.SelectMany(k => k.Say))
            {
                yield return text;
            }

            // An action that says texts of its own: they are needed where a flow runs it.
            foreach (var action in state.Actions.Concat(state.Options.SelectMany(o => o.Actions)).Where(a => a.Type == Actions.TellRecipientsAction.TypeName))
            {
                foreach (var key in Actions.TellRecipientsAction.Keys)
                {
                    yield return new TextRef(key, action.Location);
                }
            }
        }

        foreach (var text in bundle.Keywords.Global.SelectMany(k => k.Say))
        {
            yield return text;
        }

        foreach (var keyword in bundle.Keywords.Global.Where(k => k.Menu is not null))
        {
            yield return keyword.Menu!.Text;
        }
    }

    /// <summary>Every variable a flow can set: answers, option sets and the set action.</summary>
    internal static HashSet<string> Variables(FlowBundle bundle)
    {
        var names = new HashSet<string>(Placeholders.BuiltIn, StringComparer.Ordinal) { "category", "under18", "place", "for", "may_text", "may_call" };
        names.UnionWith(CheckIns.CheckInTexts.Placeholders);
        names.UnionWith([Actions.TellRecipientsAction.NgoVariable, Actions.TellRecipientsAction.AuthorityVariable, Actions.TellRecipientsAction.ChoiceVariable]);
        foreach (var state in bundle.States)
        {
            if (state.Input is not null)
            {
                names.Add(state.Input.SaveAs);
            }

            foreach (var option in state.Options)
            {
                names.UnionWith(option.Set.Keys);
            }
        }

        return names;
    }

    internal static IEnumerable<Channel> PagedChannels => [Channel.Sms, Channel.Ussd];
}
