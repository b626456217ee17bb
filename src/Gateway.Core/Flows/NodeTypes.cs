using Gateway.Core.Flows.Actions;

namespace Gateway.Core.Flows;

/// <summary>
/// Names of everything a flow can make the engine do: kinds of state, actions, kinds of keyword and the
/// engine's own behaviours. Each turn lists the ones it exercised (<see cref="Sessions.Turn.Trace"/>), and a
/// test fails when one of them has no transcript.
/// </summary>
public static class NodeTypes
{
    public const string Options = "state.options";
    public const string Input = "state.input";
    public const string Go = "state.go";
    public const string End = "state.end";
    public const string IfKnown = "state.if_known";
    public const string More = "engine.more";
    public const string Invalid = "engine.invalid";
    public const string TooManyTries = "engine.too_many_tries";
    public const string Expired = "engine.expired";
    public const string Moved = "engine.moved";
    public const string KeywordArgument = "keyword.argument";

    /// <summary>A keyword chosen by its number on a menu (SOS as "99" on USSD).</summary>
    public const string MenuOption = "keyword.menu_option";

    /// <summary>A cut channel session dialled anew: the person's screen said again (<see cref="FlowEngine.Resume"/>).</summary>
    public const string Resumed = "engine.resumed";

    public static string Keyword(KeywordKind kind) => kind switch
    {
        KeywordKind.Flow => "keyword.flow",
        KeywordKind.OptOut => "keyword.opt_out",
        KeywordKind.OptIn => "keyword.opt_in",
        KeywordKind.Help => "keyword.help",
        KeywordKind.CallBack => "keyword.call_back",
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>Every node type a transcript must exercise (a moved revision needs two revisions and is tested apart).</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Options, Input, Go, End, IfKnown, More, Invalid, TooManyTries, Expired, KeywordArgument, MenuOption, Resumed,
        .. Enum.GetValues<KeywordKind>().Select(Keyword),
        .. ActionRegistry.All.Select(a => "action." + a.Type),
    ];

    private static readonly Dictionary<string, string> ActionNames =
        ActionRegistry.All.ToDictionary(a => a.Type, a => "action." + a.Type, StringComparer.Ordinal);

    public static string Action(string type) => ActionNames.GetValueOrDefault(type) ?? "action." + type;
}
