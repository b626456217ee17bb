using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Gateway.Core.Flows.Actions;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Core.Text;
using Stateless;

namespace Gateway.Core.Flows;

/// <summary>
/// Runs flows: <c>(session, message, channel, clock) → Turn</c>. Pure: no I/O, no conversation state; the caller
/// keeps sessions and acts on the events. Each turn builds a Stateless machine for the state the person is in,
/// configured with only that state's transitions, and fires the trigger their answer names.
/// </summary>
/// <remarks>
/// Texts that follow from the bundle alone are worked out once per engine and reused by every turn, from any
/// thread: a state's option lines and, when nothing in it varies, its whole reply as measured and paged for
/// the channel; also the pages of a long reply and whether a long Burmese SMS fits, by text (a bounded number).
/// None of this changes what a turn returns.
/// </remarks>
/// <example>
/// <code>
/// var engine = new FlowEngine(bundle);
/// var turn = engine.Handle(session: null, "hello", Channel.Sms, DateTimeOffset.UtcNow);
/// // turn.Messages: the language menu; turn.Session: store it for the next message.
/// </code>
/// </example>
public sealed class FlowEngine
{
    private const int MaxAutomaticSteps = 32;
    private const string ReferencePlaceholder = "{" + Placeholders.Reference + "}";
    private static readonly string ReferenceStandIn = new('0', Cases.ReportReference.Length);

    private readonly FlowBundle _bundle;
    private readonly EngineOptions _options;
    private readonly TextBudget _smsBudget;

    // Option blocks by (state, language, channel); null where a label has a placeholder and is said per turn.
    private readonly ConcurrentDictionary<(StateDefinition State, string? Language, string? Country, bool Discreet, Channel Channel), OptionBlock?> _optionBlocks = new();

    // Whole replies of states said on their own, measured and paged once; null where they must be said per turn.
    private readonly ConcurrentDictionary<(StateDefinition State, string? Language, string? Country, bool Discreet, Channel Channel), SaidReply?> _fixedReplies = new();

    // Other replies too long for one message, paged once by (text, channel, more line). Such a reply is usually
    // the same for everyone in a country and language (contacts, hotlines); the bound keeps replies that carry a
    // person's own words from growing it without end.
    private const int MaxPagedReplies = 256;
    private readonly ConcurrentDictionary<(string Text, Channel Channel, string MoreLine), string[]> _pagedReplies = new();
    private int _pagedReplyCount;

    // Whether long SMS replies outside GSM-7 fit, by text; bounded the same way.
    private readonly ConcurrentDictionary<string, bool> _measuredReplies = new(StringComparer.Ordinal);
    private int _measuredReplyCount;

    public FlowEngine(FlowBundle bundle, EngineOptions? options = null)
    {
        _bundle = bundle;
        _options = options ?? new EngineOptions();
        _smsBudget = new SmsBudget(_options.SmsSegmentsPerMessage);
    }

    public FlowBundle Bundle => _bundle;

    public Turn Handle(Session? current, string text, Channel channel, DateTimeOffset now)
    {
        var run = new TurnRun(current?.Clone() ?? new Session { LastActivity = now }, channel, now);
        var candidates = _options.Normalize(text);
        var input = candidates.Count > 0 ? candidates[0] : string.Empty;
        var session = run.Session;

        if (session.State is not null && IsExpired(session, now))
        {
            run.Events.Add(new SessionExpired(session.State));
            run.Trace.Add(NodeTypes.Expired);
            Forget(session);
        }

        var keyword = _bundle.Keywords.Match(candidates, session.State, session.Language) ?? MenuOption(run, input);
        if (keyword is not null)
        {
            RunKeyword(run, keyword);
        }
        else if (session.State is not null && session.Revision != _bundle.Revision)
        {
            MoveToCurrentRevision(run);
        }
        else if (session.PendingPages.Count > 0 && IsMore(input, session))
        {
            run.Messages.Add(NextPage(session));
            run.Trace.Add(NodeTypes.More);
        }
        else if (session.State is null || _bundle.FindState(session.State) is not { } state)
        {
            // Pages left from an ended conversation belong to it, not to the new one.
            session.PendingPages.Clear();
            var start = session.Language is null ? _bundle.Routing.FirstContact : _bundle.Routing.Returning;
            Enter(run, start.Qualify(string.Empty));
        }
        else
        {
            Answer(run, state, input, candidates, text);
        }

        session.Revision = _bundle.Revision;
        session.LastActivity = now;
        return run.Finish();
    }

    /// <summary>
    /// Says again where the person is, without an answer: for a channel session that was cut (a USSD session the
    /// operator dropped) and has just been dialled anew. A person in the middle of a flow sees the screen of the
    /// state they were in, from its first page; anyone else starts as an empty message would start them.
    /// </summary>
    /// <example>
    /// <code>
    /// var turn = engine.Resume(storedSession, Channel.Ussd, DateTimeOffset.UtcNow);
    /// // turn.Messages[0]: the menu they were at, e.g. "At work:\n1. Minimum wage …\n99. SOS: help now"
    /// </code>
    /// </example>
    public Turn Resume(Session? current, Channel channel, DateTimeOffset now)
    {
        if (current?.State is null || IsExpired(current, now) || current.Revision != _bundle.Revision
            || _bundle.FindState(current.State) is not { WaitsForAnswer: true } state)
        {
            return Handle(current, string.Empty, channel, now);
        }

        var run = new TurnRun(current.Clone(), channel, now);
        run.Session.PendingPages.Clear();
        run.Session.InvalidAnswers = 0;
        run.Trace.Add(NodeTypes.Resumed);
        Render(run, state);
        run.Session.LastActivity = now;
        return run.Finish();
    }

    /// <summary>
    /// A number that chooses a keyword's menu option (e.g. 99 for SOS on USSD), in a state whose menu shows it on
    /// this channel; the person's language stands for the keyword's.
    /// </summary>
    private KeywordMatch? MenuOption(TurnRun run, string input)
    {
        var menus = _bundle.Keywords.MenuOptions(run.Channel);
        if (menus.Count == 0 || run.Session.State is not { } name
            || !int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out var key)
            || _bundle.FindState(name) is not { Options.Count: > 0 } state || state.FindOption(key) is not null
            || _bundle.Keywords.FindMenuOption(run.Channel, key) is not { } keyword)
        {
            return null;
        }

        run.Trace.Add(NodeTypes.MenuOption);
        return new KeywordMatch(keyword, run.Session.Language ?? string.Empty, string.Empty);
    }

    private bool IsExpired(Session session, DateTimeOffset now)
    {
        var flow = _bundle.FlowOf(session.State!);
        var expiry = flow?.IdleExpiry ?? TimeSpan.FromMinutes(30);
        return now - session.LastActivity > expiry;
    }

    private static void Forget(Session session)
    {
        session.State = null;
        session.InvalidAnswers = 0;
        session.PendingPages.Clear();
        session.Variables.Clear();
    }

    private void RunKeyword(TurnRun run, KeywordMatch match)
    {
        var session = run.Session;
        var keyword = match.Keyword;
        run.Trace.Add(NodeTypes.Keyword(keyword.Kind));
        if (match.Argument.Length > 0)
        {
            run.Trace.Add(NodeTypes.KeywordArgument);
        }

        session.PendingPages.Clear();
        session.InvalidAnswers = 0;

        // Someone who writes SOS in Burmese before choosing a language is answered in Burmese.
        if (session.Language is null && _bundle.Texts.Has(match.Language))
        {
            session.Language = match.Language;
        }

        switch (keyword.Kind)
        {
            case KeywordKind.OptOut:
                Forget(session);
                run.Events.Add(new OptedOut());
                break;
            case KeywordKind.OptIn:
                run.Events.Add(new OptedIn());
                break;
            case KeywordKind.Help:
                run.Events.Add(new HelpRequested());
                break;
            case KeywordKind.CallBack:
                run.Events.Add(new CallBackRequested());
                break;
        }

        // Actions still see what the person answered so far (an SOS in the middle of a report keeps its category);
        // a keyword that goes somewhere then starts afresh.
        run.Argument = match.Argument;
        RunActions(run, keyword.Actions);
        if (keyword.Go is not null)
        {
            Forget(session);
            foreach (var (name, value) in run.Carry)
            {
                session.Variables[name] = value;
            }
        }

        foreach (var key in keyword.Say)
        {
            run.Texts.Add(Say(key.Key, run));
        }

        if (keyword.Go is null && keyword.Actions.Count == 0 && match.Argument.Length > 0)
        {
            run.Events.Add(new KeywordReceived(keyword.Id, match.Argument));
        }

        if (run.Ended)
        {
            Finish(run, null);
        }
        else if (keyword.Go is not null)
        {
            Enter(run, keyword.Go.Qualify(keyword.ScopeFlow));
        }
        else if (keyword.Kind == KeywordKind.OptOut)
        {
            Finish(run, null);
        }
        else if (keyword.Kind != KeywordKind.CallBack && _bundle.FindState(session.State ?? string.Empty) is { } state && run.Texts.Count == 0)
        {
            // A keyword that only acts (e.g. ends a check-in) and says nothing repeats where the person is.
            Render(run, state);
        }
        else
        {
            Finish(run, session.State);
        }
    }

    private void MoveToCurrentRevision(TurnRun run)
    {
        var session = run.Session;
        var from = session.State!;
        var target = _bundle.FindState(from) is not null ? from : _bundle.Routing.Menu.Qualify(string.Empty);
        run.Events.Add(new SessionMoved(from, target));
        run.Trace.Add(NodeTypes.Moved);
        run.Texts.Add(Say(SystemTexts.SessionMoved, run));
        session.InvalidAnswers = 0;
        session.PendingPages.Clear();
        Enter(run, target, runActions: target != from);
    }

    private void Answer(TurnRun run, StateDefinition state, string input, IReadOnlyList<string> candidates, string raw)
    {
        var session = run.Session;
        session.PendingPages.Clear();
        var option = FindOption(state, input, candidates, session.Language);
        StateMachine<string, string> machine;

        if (option is not null)
        {
            machine = NewMachine(session);
            var target = option.Go.Qualify(state.Flow);
            Permit(machine.Configure(state.QualifiedName), state, option.Trigger, target);
            foreach (var (name, value) in option.Set)
            {
                session.Variables[name] = value;
            }

            RunActions(run, option.Actions);
            run.Trace.Add(NodeTypes.Options);
            machine.Fire(option.Trigger);
        }
        else if (state.Input is not null && input.Length > 0)
        {
            machine = NewMachine(session);
            Permit(machine.Configure(state.QualifiedName), state, TriggerNames.Text, state.Input.Go.Qualify(state.Flow));
            run.Trace.Add(NodeTypes.Input);
            // Free text is kept as typed, never as its Zawgyi conversion: a Unicode word with a stacked consonant
            // can score as Zawgyi, and a wrong conversion would corrupt it. Responders see both readings (TypedText).
            session.Variables[state.Input.SaveAs] = InboundNormalizer.Clean(raw);
            machine.Fire(TriggerNames.Text);
        }
        else
        {
            // A wrong answer moves nowhere, so it needs no machine.
            Invalid(run, state);
            return;
        }

        session.InvalidAnswers = 0;
        Entered(run, machine);
    }

    private static OptionDefinition? FindOption(StateDefinition state, string input, IReadOnlyList<string> candidates, string? language)
    {
        if (state.Options.Count == 0)
        {
            return null;
        }

        if (int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            return state.FindOption(key);
        }

        foreach (var option in state.Options)
        {
            if (option.Also.Count == 0)
            {
                continue;
            }

            foreach (var (wordLanguage, words) in option.Also)
            {
                if (language is not null && wordLanguage != language)
                {
                    continue;
                }

                foreach (var word in words)
                {
                    foreach (var candidate in candidates)
                    {
                        if (KeywordSet.Normalize(candidate) == KeywordSet.Normalize(word.Text))
                        {
                            return option;
                        }
                    }
                }
            }
        }

        return null;
    }

    private void Invalid(TurnRun run, StateDefinition state)
    {
        var session = run.Session;
        session.InvalidAnswers++;
        run.Trace.Add(NodeTypes.Invalid);
        if (session.InvalidAnswers >= _options.MaxInvalidAnswers)
        {
            session.InvalidAnswers = 0;
            run.Trace.Add(NodeTypes.TooManyTries);
            run.Texts.Add(Say(SystemTexts.TooManyTries, run));
            Enter(run, _bundle.Routing.Menu.Qualify(string.Empty));
            return;
        }

        run.Texts.Add(Say(SystemTexts.Invalid, run));
        Render(run, state);
    }

    /// <summary>Moves to <paramref name="qualifiedState"/> without an answer (start, keyword, menu).</summary>
    private void Enter(TurnRun run, string qualifiedState, bool runActions = true)
    {
        var session = run.Session;
        var machine = NewMachine(session);

        // Only the transition this turn takes is configured: re-entering the state the person is in, or moving on.
        if (session.State == qualifiedState)
        {
            machine.Configure(qualifiedState).PermitReentry(TriggerNames.Text);
            machine.Fire(TriggerNames.Text);
        }
        else
        {
            machine.Configure(session.State ?? string.Empty).Permit(TriggerNames.Continue, qualifiedState);
            machine.Fire(TriggerNames.Continue);
        }

        Entered(run, machine, runActions);
    }

    /// <summary>
    /// A machine over the session's state (empty before the first state). A turn never fires a trigger from
    /// inside a transition, so triggers need no queue and fire immediately.
    /// </summary>
    private static StateMachine<string, string> NewMachine(Session session) =>
        new(() => session.State ?? string.Empty, s => session.State = s, FiringMode.Immediate);

    /// <summary>Runs the state just entered and follows automatic moves until a state waits or ends.</summary>
    private void Entered(TurnRun run, StateMachine<string, string> machine, bool runActions = true)
    {
        var session = run.Session;
        for (var step = 0; step < MaxAutomaticSteps; step++)
        {
            if (_bundle.FindState(session.State!) is not { } state)
            {
                // The validator refuses unknown targets; this guards a bundle built in code.
                throw new InvalidOperationException($"The flow moved to \"{session.State}\", which does not exist.");
            }

            run.Visited.Add(state.QualifiedName);
            if (runActions && IfKnownDefinition.Skip(state, session) is { } known)
            {
                // The session already knows what this state would ask (e.g. the country from the number).
                run.Trace.Add(NodeTypes.IfKnown);
                machine.Configure(state.QualifiedName).Permit(TriggerNames.Known, known.Qualify(state.Flow));
                machine.Fire(TriggerNames.Known);
                continue;
            }

            if (runActions)
            {
                RunActions(run, state.Actions);
            }

            runActions = true;
            if (run.Ended || state.End)
            {
                run.Trace.Add(NodeTypes.End);
                run.Events.Add(new FlowEnded(state.QualifiedName));
                AddStateTexts(run, state);
                Finish(run, null);
                return;
            }

            if (state.WaitsForAnswer || state.Go is null)
            {
                Render(run, state);
                return;
            }

            AddStateTexts(run, state);
            run.Trace.Add(NodeTypes.Go);
            machine.Configure(state.QualifiedName).Permit(TriggerNames.Continue, state.Go.Qualify(state.Flow));
            machine.Fire(TriggerNames.Continue);
        }

        throw new InvalidOperationException($"The flow moved on by itself more than {MaxAutomaticSteps} times from \"{session.State}\"; a state must wait for an answer or end.");
    }

    private static void Permit(StateMachine<string, string>.StateConfiguration configuration, StateDefinition state, string trigger, string target)
    {
        if (target == state.QualifiedName)
        {
            configuration.PermitReentry(trigger);
        }
        else
        {
            configuration.Permit(trigger, target);
        }
    }

    private void RunActions(TurnRun run, IReadOnlyList<ActionDefinition> actions)
    {
        if (actions.Count == 0)
        {
            return;
        }

        var context = new ActionContext
        {
            Bundle = _bundle,
            Session = run.Session,
            Channel = run.Channel,
            Events = run.Events,
            Texts = run.ActionTexts,
            KeywordArgument = run.Argument,
            Borrowed = run.Borrowed,
            Said = run.SaidBy,
            Now = run.Now,
            CanReach = _options.CanReach,
            Carry = run.Carry,
        };
        foreach (var action in actions)
        {
            ActionRegistry.Find(action.Type)?.Run(action, context);
            run.Trace.Add(NodeTypes.Action(action.Type));
        }

        run.Ended |= context.Ended;
    }

    private void AddStateTexts(TurnRun run, StateDefinition state)
    {
        foreach (var key in state.Say)
        {
            run.Texts.Add(Say(key.Key, run));
        }

        run.Texts.AddRange(run.ActionTexts);
        run.ActionTexts.Clear();
    }

    /// <summary>Says a waiting state: its texts, what its actions added, and its options.</summary>
    private void Render(TurnRun run, StateDefinition state)
    {
        // On voice every text is said one by one (see Turn.Said), so a reply worked out once does not serve.
        if (run.SaidBy is null && run.Texts.Count == 0 && run.ActionTexts.Count == 0 && FixedReply(state, run.Session, run.Channel) is { } reply)
        {
            run.Session.State = state.QualifiedName;
            run.Menu = reply.Menu;
            run.Borrowed.AddRange(reply.Borrowed);
            if (reply.First is not null)
            {
                run.Messages.Add(reply.First);
                run.Session.PendingPages.AddRange(reply.Later);
            }

            return;
        }

        AddStateTexts(run, state);
        if (state.Options.Count > 0)
        {
            var options = Options(state, run.Session, run.Channel);
            run.Menu = options.Items;
            run.Borrowed.AddRange(options.Borrowed);
            run.Texts.Add(options.Text);
            run.OptionsText = options.Text;
            run.Trailer = options.Trailer;
        }

        Finish(run, state.QualifiedName);
    }

    /// <summary>
    /// A state's options as the person sees them. Labels without placeholders depend only on the state,
    /// the language and the channel, so they are said once per bundle and reused by every turn.
    /// </summary>
    private OptionBlock Options(StateDefinition state, Session session, Channel channel)
    {
        var language = session.Language;
        if (language is not null && !_bundle.Texts.Has(language))
        {
            // A language the bundle does not have is not a key worth keeping.
            return SayOptions(state, session, channel, out _);
        }

        var key = (state, language, session.Country, session.Discreet, channel);
        if (_optionBlocks.TryGetValue(key, out var known))
        {
            return known ?? SayOptions(state, session, channel, out _);
        }

        var options = SayOptions(state, session, channel, out var fixedText);
        _optionBlocks.TryAdd(key, fixedText ? options : null);
        return options;
    }

    /// <summary>
    /// The whole reply of a state said on its own (nothing before it this turn), when it depends only on the
    /// state, the language and the channel: no placeholder in its texts, its labels or a "more" line it needs,
    /// and no Zawgyi conversion. It is measured and paged once per bundle; null when it must be said per turn.
    /// </summary>
    private SaidReply? FixedReply(StateDefinition state, Session session, Channel channel)
    {
        var language = session.Language;
        if ((language is not null && !_bundle.Texts.Has(language)) || ConvertsToZawgyi(session))
        {
            return null;
        }

        var key = (state, language, session.Country, session.Discreet, channel);
        if (_fixedReplies.TryGetValue(key, out var known))
        {
            return known;
        }

        var reply = SayFixedReply(state, session, channel);
        _fixedReplies.TryAdd(key, reply);
        return reply;
    }

    private SaidReply? SayFixedReply(StateDefinition state, Session session, Channel channel)
    {
        // The same texts, in the same order, that AddStateTexts, Render and Finish put together.
        var texts = new List<string>(state.Say.Count + 1);
        var borrowed = new List<BorrowedText>();
        foreach (var key in state.Say)
        {
            var resolved = _bundle.Texts.Resolve(key.Key, session.Language, channel, session.Country, session.Discreet);
            if (resolved.Text.Contains('{', StringComparison.Ordinal) || _bundle.Texts.PromiseOf(resolved.Entry?.Key ?? key.Key) is not null)
            {
                // Filled in, or true only while someone can be paged: worked out each time.
                return null;
            }

            texts.Add(resolved.Text);
            if (resolved.IsFallback)
            {
                borrowed.Add(new BorrowedText(resolved.Entry?.Key ?? key.Key, resolved.Language, resolved.Text));
            }
        }

        IReadOnlyList<MenuItem> menu = [];
        var trailer = string.Empty;
        if (state.Options.Count > 0)
        {
            var options = SayOptions(state, session, channel, out var fixedOptions);
            if (!fixedOptions)
            {
                return null;
            }

            menu = options.Items;
            borrowed.AddRange(options.Borrowed);
            texts.Add(options.Text);
            trailer = options.Trailer;
        }

        if (texts.Count == 0)
        {
            return new SaidReply(null, [], menu, borrowed);
        }

        var reply = texts.Count == 1 ? texts[0] : string.Join('\n', texts);
        var budget = Budget(channel);
        if (budget is not null && !budget.Fits(trailer.Length == 0 ? reply : reply + "\n" + trailer)
            && _bundle.Texts.Resolve(SystemTexts.More, session.Language, channel, session.Country, session.Discreet).Text.Contains('{', StringComparison.Ordinal))
        {
            return null;
        }

        var messages = new List<string>(1);
        var later = new List<string>();
        Deliver(reply, channel, session, messages, later, borrowed, trailer);
        return new SaidReply(messages[0], [.. later], menu, borrowed);
    }

    private OptionBlock SayOptions(StateDefinition state, Session session, Channel channel, out bool fixedText)
    {
        fixedText = true;
        var borrowed = new List<BorrowedText>();
        var items = new MenuItem[state.Options.Count];
        var menu = new StringBuilder();
        for (var i = 0; i < items.Length; i++)
        {
            var option = state.Options[i];
            var resolved = _bundle.Texts.Resolve(option.Text.Key, session.Language, channel, session.Country, session.Discreet);
            fixedText &= !resolved.Text.Contains('{', StringComparison.Ordinal);
            var label = Placeholders.Fill(resolved.Text, _bundle, session);
            if (resolved.IsFallback)
            {
                borrowed.Add(new BorrowedText(resolved.Entry?.Key ?? option.Text.Key, resolved.Language, label));
            }

            items[i] = new MenuItem(option.Key, label) { TextKey = resolved.Entry?.Key ?? option.Text.Key, Language = resolved.Language };
            if (menu.Length > 0)
            {
                menu.Append('\n');
            }

            menu.Append(option.Trigger).Append(". ").Append(label);
        }

        // Keywords shown on every menu of the channel (SOS on USSD) come last, apart: they close every screen.
        var keywords = _bundle.Keywords.MenuOptions(channel);
        var trailer = string.Empty;
        if (keywords.Count > 0)
        {
            var lines = new StringBuilder();
            var all = new MenuItem[items.Length + keywords.Count];
            items.CopyTo(all, 0);
            for (var i = 0; i < keywords.Count; i++)
            {
                var keyword = keywords[i].Menu!;
                var resolved = _bundle.Texts.Resolve(keyword.Text.Key, session.Language, channel, session.Country, session.Discreet);
                fixedText &= !resolved.Text.Contains('{', StringComparison.Ordinal);
                var label = Placeholders.Fill(resolved.Text, _bundle, session);
                if (resolved.IsFallback)
                {
                    borrowed.Add(new BorrowedText(resolved.Entry?.Key ?? keyword.Text.Key, resolved.Language, label));
                }

                var number = keyword.KeyFor(channel);
                all[items.Length + i] = new MenuItem(number, label) { TextKey = resolved.Entry?.Key ?? keyword.Text.Key, Language = resolved.Language };
                if (lines.Length > 0)
                {
                    lines.Append('\n');
                }

                lines.Append(number.ToString(CultureInfo.InvariantCulture)).Append(". ").Append(label);
            }

            items = all;
            trailer = lines.ToString();
        }

        return new OptionBlock(menu.ToString(), Array.AsReadOnly(items), borrowed, trailer);
    }

    private void Finish(TurnRun run, string? state)
    {
        var session = run.Session;
        run.Texts.AddRange(run.ActionTexts);
        run.ActionTexts.Clear();
        session.State = state;
        if (state is null)
        {
            session.Variables.Clear();
        }

        if (run.Texts.Count == 0)
        {
            return;
        }

        if (run.SaidBy is not null)
        {
            foreach (var piece in run.Texts)
            {
                if (!ReferenceEquals(piece, run.OptionsText))
                {
                    run.Said.Add(run.SaidBy.TryGetValue(piece, out var said) ? said : new SaidText(null, session.Language, piece, piece));
                }
            }

            run.OptionsText = null;
        }

        var text = run.Texts.Count == 1 ? run.Texts[0] : string.Join('\n', run.Texts);
        var trailer = run.Trailer;
        run.Texts.Clear();
        run.Trailer = string.Empty;
        if (ConvertsToZawgyi(session))
        {
            text = _options.ToZawgyi!(text);
            trailer = trailer.Length == 0 ? trailer : _options.ToZawgyi!(trailer);
        }

        Deliver(text, run.Channel, session, run.Messages, session.PendingPages, run.Borrowed, trailer);
    }

    /// <summary>
    /// Adds a reply as it goes out on <paramref name="channel"/>: whole when it fits the channel's budget,
    /// else the first page to <paramref name="messages"/> and the others, for "more", to <paramref name="later"/>.
    /// A <paramref name="trailer"/> (the keyword options of a menu, "99. SOS") ends every page, after the more line.
    /// </summary>
    private void Deliver(string text, Channel channel, Session session, List<string> messages, List<string> later, List<BorrowedText>? borrowed, string trailer = "")
    {
        var budget = Budget(channel);
        if (budget is not null && text.Contains(ReferencePlaceholder, StringComparison.Ordinal))
        {
            // {ref} is filled by the host after the turn: measure the reference it becomes.
            budget = new StandInBudget(budget, ReferencePlaceholder, ReferenceStandIn);
        }

        var whole = trailer.Length == 0 ? text : text + "\n" + trailer;
        if (budget is null || Fits(whole, channel, budget))
        {
            messages.Add(whole);
            return;
        }

        var moreLine = MoreLine(session, channel, borrowed);
        var key = (text, channel, trailer.Length == 0 ? moreLine : moreLine + "\n" + trailer);
        if (!_pagedReplies.TryGetValue(key, out var pages))
        {
            pages = Paginate(text, budget, moreLine, trailer);
            if (_pagedReplyCount < MaxPagedReplies && _pagedReplies.TryAdd(key, pages))
            {
                Interlocked.Increment(ref _pagedReplyCount);
            }
        }

        messages.Add(pages[0]);
        for (var i = 1; i < pages.Length; i++)
        {
            later.Add(pages[i]);
        }
    }

    /// <summary>
    /// Whether a reply fits the channel's budget. A long SMS outside GSM-7 (Burmese, Khmer …) is measured
    /// grapheme cluster by grapheme cluster, which costs far more than looking the answer up, so those
    /// answers are kept by text (bounded like the pages).
    /// </summary>
    private bool Fits(string text, Channel channel, TextBudget budget)
    {
        if (channel != Channel.Sms || text.Length <= SmsSegmentCalculator.Ucs2SingleLimit || SmsSegmentCalculator.IsGsm7(text))
        {
            return budget.Fits(text);
        }

        if (_measuredReplies.TryGetValue(text, out var fits))
        {
            return fits;
        }

        fits = budget.Fits(text);
        if (_measuredReplyCount < MaxPagedReplies && _measuredReplies.TryAdd(text, fits))
        {
            Interlocked.Increment(ref _measuredReplyCount);
        }

        return fits;
    }

    /// <summary>
    /// The messages a text too long for <paramref name="budget"/> goes out as, each but the last ending with the
    /// more line, and every one with the trailer. Where the trailer leaves no room for some letter of the text
    /// (the validator warns of it: ussd.screen), the pages go without it; its number still works.
    /// </summary>
    private static string[] Paginate(string text, TextBudget budget, string moreLine, string trailer)
    {
        var tail = trailer.Length == 0 ? string.Empty : "\n" + trailer;
        if (tail.Length > 0)
        {
            var trailed = new TrailedBudget(budget, tail);
            if (TextPager.CanPage(text, trailed, moreLine, out _))
            {
                budget = trailed;
            }
            else
            {
                tail = string.Empty;
            }
        }

        var pages = TextPager.Page(text, budget, moreLine);
        var messages = new string[pages.Count];
        for (var i = 0; i < pages.Count; i++)
        {
            messages[i] = (i < pages.Count - 1 ? pages[i] + "\n" + moreLine : pages[i]) + tail;
        }

        return messages;
    }

    private bool ConvertsToZawgyi(Session session) =>
        session.ZawgyiOutput && session.Language == "my" && _options.ToZawgyi is not null;

    private TextBudget? Budget(Channel channel) => channel switch
    {
        Channel.Sms => _smsBudget,
        Channel.Ussd => TextBudget.Ussd,
        _ => null,
    };

    private string MoreLine(Session session, Channel channel, List<BorrowedText>? borrowed)
    {
        var label = SpokenText.Say(_bundle, SystemTexts.More, session, channel, borrowed);
        return ConvertsToZawgyi(session)
            ? $"{SystemTexts.MoreKey}. {_options.ToZawgyi!(label)}"
            : $"{SystemTexts.MoreKey}. {label}";
    }

    private bool IsMore(string input, Session session) =>
        input == "0" || KeywordSet.Normalize(input) == KeywordSet.Normalize(_bundle.Texts.Resolve(SystemTexts.More, session.Language, Channel.Sms).Text);

    private static string NextPage(Session session)
    {
        var page = session.PendingPages[0];
        session.PendingPages.RemoveAt(0);
        return page;
    }

    private string Say(string key, TurnRun run) => SpokenText.Say(_bundle, key, run.Session, run.Channel, run.Borrowed, run.SaidBy, new PromiseCheck(_options.CanReach, run.Now));

    /// <summary>A state's numbered options: the lines of the reply and the menu for channels that draw buttons.</summary>
    /// <param name="Text">"1. English\n2. မြန်မာ …"</param>
    /// <param name="Items">Read-only, as it may be shared by many turns.</param>
    /// <param name="Borrowed">Labels said in another language than the person's, for transcripts.</param>
    /// <param name="Trailer">The keyword options the channel shows on every menu ("99. SOS"), or empty; said after the more line.</param>
    private sealed record OptionBlock(string Text, IReadOnlyList<MenuItem> Items, IReadOnlyList<BorrowedText> Borrowed, string Trailer);

    /// <summary>A state's reply as sent on a channel: the first message (null when it says nothing), the pages
    /// kept for "more", and its menu. Read-only, as it is shared by many turns.</summary>
    private sealed record SaidReply(string? First, string[] Later, IReadOnlyList<MenuItem> Menu, IReadOnlyList<BorrowedText> Borrowed);

    /// <summary>The working state of one turn.</summary>
    private sealed class TurnRun(Session session, Channel channel, DateTimeOffset now)
    {
        public Session Session { get; } = session;

        public Channel Channel { get; } = channel;

        public DateTimeOffset Now { get; } = now;

        /// <summary>On voice: every text said this turn, by its words; null on other channels, which need none.</summary>
        public Dictionary<string, SaidText>? SaidBy { get; } = channel == Channel.Voice ? new(StringComparer.Ordinal) : null;

        /// <summary>On voice: the texts of the messages one by one (see <see cref="Turn.Said"/>).</summary>
        public List<SaidText> Said { get; } = [];

        /// <summary>The option lines among <see cref="Texts"/>, which voice reads from the menu instead.</summary>
        public string? OptionsText { get; set; }

        public List<string> Texts { get; } = [];

        public List<string> ActionTexts { get; } = [];

        /// <summary>Facts a keyword's actions keep for the state the keyword goes to (see <see cref="ActionContext.Carry"/>).</summary>
        public Dictionary<string, string> Carry { get; } = new(StringComparer.Ordinal);

        public List<string> Messages { get; } = [];

        /// <summary>The options of the state the turn ends in; said once per turn, by <see cref="Render"/>.</summary>
        public IReadOnlyList<MenuItem> Menu { get; set; } = [];

        public List<FlowEvent> Events { get; } = [];

        public List<string> Visited { get; } = [];

        public List<string> Trace { get; } = [];

        public List<BorrowedText> Borrowed { get; } = [];

        public string? Argument { get; set; }

        /// <summary>The keyword options that close every screen of the reply (see <see cref="OptionBlock.Trailer"/>).</summary>
        public string Trailer { get; set; } = string.Empty;

        public bool Ended { get; set; }

        public Turn Finish() => new(Session, Messages, Menu, Events, Visited, Trace) { Borrowed = Borrowed, Said = Said };
    }
}
