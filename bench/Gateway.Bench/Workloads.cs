using System.Globalization;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Stateless;

namespace Gateway.Bench;

/// <summary>Something measured in journeys of a fixed number of operations.</summary>
internal interface IWorkload
{
    string Name { get; }

    /// <summary>Operations (turns, or baseline steps) in one journey.</summary>
    int OperationsPerJourney { get; }

    /// <summary>Runs one journey; false when it did not end where it must, so a broken run cannot pass as fast.</summary>
    bool RunJourney();
}

/// <summary>The journey through <see cref="FlowEngine.Handle"/>, each turn's session feeding the next.</summary>
internal sealed class EngineWorkload(FlowEngine engine, Journey journey) : IWorkload
{
    private readonly Session _start = Journey.NewSession();
    private readonly string[] _inputs = journey.Inputs;
    private readonly DateTimeOffset[] _times = journey.Times;
    private readonly Channel _channel = journey.Channel;
    private readonly int _expectedEvents = journey.ExpectedEvents;

    public string Name => journey.Name;

    public int OperationsPerJourney => _inputs.Length;

    public bool RunJourney()
    {
        var session = _start;
        var events = 0;
        var replied = true;
        for (var i = 0; i < _inputs.Length; i++)
        {
            var turn = engine.Handle(session, _inputs[i], _channel, _times[i]);
            session = turn.Session;
            events += turn.Events.Count;
            replied &= turn.Messages.Count > 0;
        }

        return replied && events == _expectedEvents && session.State == Journey.FinalState;
    }
}

/// <summary>
/// What the journey costs without an engine: per message, one dictionary lookup of the next state by
/// (state, answer) and one formatted string of that state's text and numbered options. The table and
/// texts are taken from a run of the engine, so both do the same conversation.
/// </summary>
internal sealed class BaselineWorkload : IWorkload
{
    private readonly Dictionary<(string State, string Input), string> _next = [];
    private readonly Dictionary<string, View> _views = new(StringComparer.Ordinal);
    private readonly string[] _inputs;
    private readonly int _expectedLength;

    public BaselineWorkload(FlowBundle bundle, Journey journey, IReadOnlyList<Turn> turns)
    {
        _inputs = journey.Inputs;
        var state = string.Empty;
        for (var i = 0; i < turns.Count; i++)
        {
            var shown = turns[i].Visited[^1];
            _next[(state, _inputs[i])] = shown;
            if (!_views.ContainsKey(shown))
            {
                var definition = bundle.FindState(shown)!;
                _views[shown] = new View(
                    string.Join('\n', definition.Say.Select(s => bundle.Texts.Resolve(s.Key, journey.Language, journey.Channel).Text)),
                    [.. definition.Options.Select(o => (o.Key, bundle.Texts.Resolve(o.Text.Key, journey.Language, journey.Channel).Text))],
                    turns[i].Session.State ?? string.Empty);
            }

            state = turns[i].Session.State ?? string.Empty;
        }

        // Every step renders what the engine showed, so the lengths add up the same on every journey.
        _expectedLength = _inputs.Length == 0 ? 0 : turns.Sum(t => Render(_views[t.Visited[^1]]).Length);
    }

    public string Name => "baseline";

    public int OperationsPerJourney => _inputs.Length;

    public bool RunJourney()
    {
        var state = string.Empty;
        var length = 0;
        for (var i = 0; i < _inputs.Length; i++)
        {
            var view = _views[_next[(state, _inputs[i])]];
            length += Render(view).Length;
            state = view.Waits;
        }

        return length == _expectedLength && state == Journey.FinalState;
    }

    private static string Render(View view)
    {
        var lines = new string[view.Options.Length + 1];
        lines[0] = view.Text;
        for (var i = 0; i < view.Options.Length; i++)
        {
            var (key, label) = view.Options[i];
            lines[i + 1] = string.Create(CultureInfo.InvariantCulture, $"{key}. {label}");
        }

        return string.Join('\n', lines);
    }

    /// <param name="Text">The state's own texts.</param>
    /// <param name="Options">Its numbered options.</param>
    /// <param name="Waits">The state the person is in afterwards; empty once the flow ended.</param>
    private sealed record View(string Text, (int Key, string Label)[] Options, string Waits);
}

/// <summary>
/// One piece of what the engine does per turn, done alone for the same ten messages, to see what a turn is
/// made of. Shown apart from the main table with <c>--parts</c>.
/// </summary>
internal sealed class PartWorkload : IWorkload
{
    private readonly Func<int, int> _step;
    private readonly int _steps;
    private readonly int _expected;

    private PartWorkload(string name, int steps, Func<int, int> step)
    {
        Name = name;
        _steps = steps;
        _step = step;
        for (var i = 0; i < steps; i++)
        {
            _expected += step(i);
        }
    }

    public string Name { get; }

    public int OperationsPerJourney => _steps;

    public bool RunJourney()
    {
        var total = 0;
        for (var i = 0; i < _steps; i++)
        {
            total += _step(i);
        }

        return total == _expected;
    }

    /// <summary>
    /// The parts, from a run of the journey: the state machine the engine builds (one machine, the transition
    /// the answer takes, one fire), the copy of the session, and reading the message (normalising it and
    /// looking for a keyword).
    /// </summary>
    public static IEnumerable<IWorkload> For(FlowBundle bundle, Journey journey, IReadOnlyList<Turn> turns)
    {
        var before = new Session[turns.Count];
        before[0] = Journey.NewSession();
        for (var i = 1; i < turns.Count; i++)
        {
            before[i] = turns[i - 1].Session;
        }

        var from = before.Select(s => s.State ?? string.Empty).ToArray();
        var to = turns.Select(t => t.Visited[0]).ToArray();
        var triggers = journey.Inputs.Select(input => int.TryParse(input, NumberStyles.None, CultureInfo.InvariantCulture, out _) ? input : TriggerNames.Continue).ToArray();
        yield return new PartWorkload("stateless only", turns.Count, i =>
        {
            var holder = new StateHolder { State = from[i] };
            var machine = new StateMachine<string, string>(() => holder.State, s => holder.State = s, FiringMode.Immediate);
            if (from[i] == to[i])
            {
                machine.Configure(from[i]).PermitReentry(triggers[i]);
            }
            else
            {
                machine.Configure(from[i]).Permit(triggers[i], to[i]);
            }

            machine.Fire(triggers[i]);
            return holder.State.Length;
        });

        yield return new PartWorkload("session clone", turns.Count, i => before[i].Clone().Variables.Count);

        var options = new EngineOptions();
        var inputs = journey.Inputs;
        yield return new PartWorkload("read message", turns.Count, i =>
        {
            var candidates = options.Normalize(inputs[i]);
            return bundle.Keywords.Match(candidates, before[i].State, before[i].Language) is null ? candidates[0].Length : -1;
        });
    }

    private sealed class StateHolder
    {
        public string State { get; set; } = string.Empty;
    }
}
