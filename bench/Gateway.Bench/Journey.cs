using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Bench;

/// <summary>
/// The ten messages of the benchmark's conversation over the shipped flows, and what each one must produce.
/// A person in Thailand (so the country question is skipped) writes "hello", picks a language, reports a
/// labour problem for themselves (not under 18, no place given, may be texted, not called) and sends MENU.
/// </summary>
internal sealed class Journey
{
    public const string Country = "TH";
    public const string FinalState = "main:menu";

    private static readonly DateTimeOffset Start = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static readonly Step[] Template =
    [
        new("hello", "main:language", [], MenuItems: 9),
        new("{language}", "main:menu", ["LanguageChosen language={language}"], MenuItems: 7),
        new("5", "report:category", [], MenuItems: 4),
        new("2", "report:under18", [], MenuItems: 3, Variable: ("category", "labour")),
        new("2", "report:place", [], MenuItems: 1, Variable: ("under18", "no")),
        new("1", "report:for_whom", [], MenuItems: 2),
        new("1", "report:may_text", [], MenuItems: 2, Variable: ("for", "self")),
        new("1", "report:may_call", [], MenuItems: 2, Variable: ("may_text", "yes")),
        new("2", null, ["ReportRequested category=labour under18=no place=- for=self may_text=yes may_call=no", "FlowEnded state=report:send"], MenuItems: 0, Says: "1506"),
        new("MENU", FinalState, [], MenuItems: 7),
    ];

    private Journey(string name, Channel channel, string language, string languageOption)
    {
        Name = name;
        Channel = channel;
        Language = language;
        Steps = [.. Template.Select(s => s with
        {
            Input = s.Input.Replace("{language}", languageOption, StringComparison.Ordinal),
            Events = [.. s.Events.Select(e => e.Replace("{language}", language, StringComparison.Ordinal))],
        })];
        Inputs = [.. Steps.Select(s => s.Input)];
        Times = [.. Steps.Select((_, i) => Start.AddSeconds(20 * i))];
        ExpectedEvents = Steps.Sum(s => s.Events.Count);
    }

    public string Name { get; }

    public Channel Channel { get; }

    /// <summary>The language chosen at the second message: en (option 1) or my, Burmese in Unicode (option 2).</summary>
    public string Language { get; }

    public IReadOnlyList<Step> Steps { get; }

    public string[] Inputs { get; }

    /// <summary>When each message arrives: 20 seconds apart, well inside the flows' idle expiry.</summary>
    public DateTimeOffset[] Times { get; }

    public int ExpectedEvents { get; }

    public static Journey Create(Channel channel, string language) => language switch
    {
        "en" => new Journey($"engine {channel.Name()} en", channel, "en", "1"),
        "my" => new Journey($"engine {channel.Name()} my", channel, "my", "2"),
        _ => throw new ArgumentOutOfRangeException(nameof(language), language, "the journey picks en or my."),
    };

    /// <summary>The session the person starts with: nothing known but the country their number comes from.</summary>
    public static Session NewSession() => new() { Country = Country, LastActivity = Start };

    /// <summary>Runs the journey once and lists every way it differs from what the flows should do.</summary>
    public IReadOnlyList<string> Verify(FlowEngine engine, out IReadOnlyList<Turn> turns)
    {
        var problems = new List<string>();
        var list = new List<Turn>();
        var session = NewSession();
        for (var i = 0; i < Steps.Count; i++)
        {
            var step = Steps[i];
            var turn = engine.Handle(session, step.Input, Channel, Times[i]);
            list.Add(turn);
            var at = $"{Name}, message {i + 1} \"{step.Input}\"";
            Check(problems, at, step, turn, session, engine.Bundle.Keywords.MenuOptions(Channel).Count);
            session = turn.Session;
        }

        turns = list;
        return problems;
    }

    // keywordOptions: the keyword options every menu of the channel ends with (SOS as 99 on USSD).
    private void Check(List<string> problems, string at, Step step, Turn turn, Session before, int keywordOptions)
    {
        if (ReferenceEquals(turn.Session, before))
        {
            problems.Add($"{at}: the engine returned the session it was given instead of a new one.");
        }

        if (turn.Session.State != step.State)
        {
            problems.Add($"{at}: ended in state \"{turn.Session.State ?? "(none)"}\", expected \"{step.State ?? "(none)"}\".");
        }

        if (turn.Session.Language != (step.Input == "hello" ? null : Language))
        {
            problems.Add($"{at}: the session's language is \"{turn.Session.Language ?? "(none)"}\".");
        }

        var events = turn.Events.Select(e => e.Describe()).ToList();
        if (!events.SequenceEqual(step.Events))
        {
            problems.Add($"{at}: events [{string.Join("; ", events)}], expected [{string.Join("; ", step.Events)}].");
        }

        var menuItems = step.MenuItems == 0 ? 0 : step.MenuItems + keywordOptions;
        if (turn.Menu.Count != menuItems)
        {
            problems.Add($"{at}: {turn.Menu.Count} menu items, expected {menuItems}.");
        }

        if (step.Variable is var (name, value) && turn.Session.Variables.GetValueOrDefault(name) != value)
        {
            problems.Add($"{at}: the session variable {name} is \"{turn.Session.Variables.GetValueOrDefault(name)}\", expected \"{value}\".");
        }

        if (turn.Messages.Count == 0 || turn.Messages.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add($"{at}: no reply.");
            return;
        }

        // Over USSD the rest of a long reply waits in the session for "more".
        var reply = string.Join('\n', turn.Messages.Concat(turn.Session.PendingPages));
        if (step.Says is { } says && !reply.Contains(says, StringComparison.Ordinal))
        {
            problems.Add($"{at}: the reply, with any pages waiting for \"more\", does not say {says}.");
        }

        if (Language == "my" && step.State is not null and not "main:language" && SmsSegmentCalculator.IsGsm7(turn.Messages[0]))
        {
            problems.Add($"{at}: the reply is not in Burmese.");
        }

        foreach (var message in turn.Messages)
        {
            var fits = Channel switch
            {
                Channel.Sms => SmsSegmentCalculator.Measure(message).Segments <= new EngineOptions().SmsSegmentsPerMessage,
                Channel.Ussd => UssdScreen.Fits(message),
                _ => true,
            };
            if (!fits)
            {
                problems.Add($"{at}: a reply is too long for {Channel.Name()}.");
            }
        }

        // Over USSD the long "Before you go" text is paged; a sample text that fits five SMS is not.
        var paged = turn.Session.PendingPages.Count > 0;
        if (step.LongText && paged != (Channel == Channel.Ussd))
        {
            problems.Add($"{at}: {turn.Session.PendingPages.Count} pages are waiting for \"more\".");
        }
    }

    /// <summary>One message of the journey and what it must produce.</summary>
    /// <param name="Input">What the person writes.</param>
    /// <param name="State">The state the session is in afterwards; null once a flow has ended.</param>
    /// <param name="Events">The events, as <see cref="FlowEvent.Describe"/> writes them.</param>
    /// <param name="MenuItems">Options offered in the reply.</param>
    /// <param name="Variable">A session variable the answer sets.</param>
    /// <param name="Says">Something the reply must contain, such as the hotline number.</param>
    /// <param name="LongText">The reply is the long "Before you go" text.</param>
    internal sealed record Step(
        string Input,
        string? State,
        IReadOnlyList<string> Events,
        int MenuItems,
        (string Name, string Value)? Variable = null,
        string? Says = null,
        bool LongText = false);
}
