using System.Globalization;
using System.Text;
using Gateway.Core.Flows.Actions;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Stateless;

namespace Gateway.Core.Flows;

/// <summary>
/// Runs flows: <c>(session, message, channel, clock) → Turn</c>. Pure: no I/O, no stored state; the caller
/// keeps sessions and acts on the events. Each turn builds a Stateless machine for the state the person is in,
/// configured with only that state's transitions, and fires the trigger their answer names.
/// </summary>
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

    private readonly FlowBundle _bundle;
    private readonly EngineOptions _options;
    private readonly TextBudget _smsBudget;

    public FlowEngine(FlowBundle bundle, EngineOptions? options = null)
    {
        _bundle = bundle;
        _options = options ?? new EngineOptions();
        _smsBudget = new SmsBudget(_options.SmsSegmentsPerMessage);
    }

    public FlowBundle Bundle => _bundle;

    public Turn Handle(Session? current, string text, Channel channel, DateTimeOffset now)
    {
        var run = new TurnRun(current?.Clone() ?? new Session { LastActivity = now }, channel);
        var candidates = _options.Normalize(text);
        var input = candidates.Count > 0 ? candidates[0] : string.Empty;
        var session = run.Session;

        if (session.State is not null && IsExpired(session, now))
        {
            run.Events.Add(new SessionExpired(session.State));
            run.Trace.Add(NodeTypes.Expired);
            Forget(session);
        }

        var keyword = _bundle.Keywords.Match(candidates, session.State, session.Language);
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
            var start = session.Language is null ? _bundle.Routing.FirstContact : _bundle.Routing.Returning;
            Enter(run, start.Qualify(string.Empty));
        }
        else
        {
            Answer(run, state, input, candidates);
        }

        session.Revision = _bundle.Revision;
        session.LastActivity = now;
        return run.Finish();
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
        }

        // Actions still see what the person answered so far (an SOS in the middle of a report keeps its category);
        // a keyword that goes somewhere then starts afresh.
        run.Argument = match.Argument;
        RunActions(run, keyword.Actions);
        if (keyword.Go is not null)
        {
            Forget(session);
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
        else if (_bundle.FindState(session.State ?? string.Empty) is { } state && run.Texts.Count == 0)
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

    private void Answer(TurnRun run, StateDefinition state, string input, IReadOnlyList<string> candidates)
    {
        var session = run.Session;
        session.PendingPages.Clear();
        var option = FindOption(state, input, candidates, session.Language);
        var machine = new StateMachine<string, string>(() => session.State!, s => session.State = s);
        var configuration = machine.Configure(state.QualifiedName);

        if (option is not null)
        {
            var target = option.Go.Qualify(state.Flow);
            Permit(configuration, state, option.Trigger, target);
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
            Permit(configuration, state, TriggerNames.Text, state.Input.Go.Qualify(state.Flow));
            run.Trace.Add(NodeTypes.Input);
            session.Variables[state.Input.SaveAs] = input;
            machine.Fire(TriggerNames.Text);
        }
        else
        {
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
        var machine = new StateMachine<string, string>(() => session.State ?? string.Empty, s => session.State = s);
        machine.Configure(session.State ?? string.Empty).PermitDynamic(TriggerNames.Continue, () => qualifiedState);
        machine.Configure(qualifiedState).PermitReentry(TriggerNames.Text);
        if (session.State == qualifiedState)
        {
            machine.Fire(TriggerNames.Text);
        }
        else
        {
            machine.Fire(TriggerNames.Continue);
        }

        Entered(run, machine, runActions);
    }

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
        AddStateTexts(run, state);
        if (state.Options.Count > 0)
        {
            var menu = new StringBuilder();
            foreach (var option in state.Options)
            {
                var label = Say(option.Text.Key, run);
                run.Menu.Add(new MenuItem(option.Key, label));
                if (menu.Length > 0)
                {
                    menu.Append('\n');
                }

                menu.Append(option.Trigger).Append(". ").Append(label);
            }

            run.Texts.Add(menu.ToString());
        }

        Finish(run, state.QualifiedName);
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

        var text = run.Texts.Count == 1 ? run.Texts[0] : string.Join('\n', run.Texts);
        run.Texts.Clear();
        if (session.ZawgyiOutput && session.Language == "my" && _options.ToZawgyi is { } toZawgyi)
        {
            text = toZawgyi(text);
        }

        var budget = Budget(run.Channel);
        if (budget is null || budget.Fits(text))
        {
            run.Messages.Add(text);
            return;
        }

        var moreLine = MoreLine(run);
        var pages = TextPager.Page(text, budget, moreLine);
        run.Messages.Add(pages.Count > 1 ? pages[0] + "\n" + moreLine : pages[0]);
        for (var i = 1; i < pages.Count; i++)
        {
            session.PendingPages.Add(i < pages.Count - 1 ? pages[i] + "\n" + moreLine : pages[i]);
        }
    }

    private TextBudget? Budget(Channel channel) => channel switch
    {
        Channel.Sms => _smsBudget,
        Channel.Ussd => TextBudget.Ussd,
        _ => null,
    };

    private string MoreLine(TurnRun run)
    {
        var session = run.Session;
        var label = Say(SystemTexts.More, run);
        return session.ZawgyiOutput && session.Language == "my" && _options.ToZawgyi is { } toZawgyi
            ? $"{SystemTexts.MoreKey}. {toZawgyi(label)}"
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

    private string Say(string key, TurnRun run) => SpokenText.Say(_bundle, key, run.Session, run.Channel, run.Borrowed);

    /// <summary>The working state of one turn.</summary>
    private sealed class TurnRun(Session session, Channel channel)
    {
        public Session Session { get; } = session;

        public Channel Channel { get; } = channel;

        public List<string> Texts { get; } = [];

        public List<string> ActionTexts { get; } = [];

        public List<string> Messages { get; } = [];

        public List<MenuItem> Menu { get; } = [];

        public List<FlowEvent> Events { get; } = [];

        public List<string> Visited { get; } = [];

        public List<string> Trace { get; } = [];

        public List<BorrowedText> Borrowed { get; } = [];

        public string? Argument { get; set; }

        public bool Ended { get; set; }

        public Turn Finish() => new(Session, Messages, Menu, Events, Visited, Trace) { Borrowed = Borrowed };
    }
}
