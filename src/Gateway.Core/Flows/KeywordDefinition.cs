namespace Gateway.Core.Flows;

/// <summary>What a keyword is for; it decides which reserved words it may use.</summary>
public enum KeywordKind
{
    /// <summary>Starts or changes a flow (SOS, MENU, GO 30, …). Never a reserved word.</summary>
    Flow,

    /// <summary>STOP and its synonyms: the person opts out of all messages.</summary>
    OptOut,

    /// <summary>START, UNSTOP: the person opts back in.</summary>
    OptIn,

    /// <summary>HELP, INFO: answered with the hotlines.</summary>
    Help,

    /// <summary>CALL: the person asks to be called back for free; the host places the call and answers.</summary>
    CallBack,
}

/// <summary>What may follow a keyword in the same message.</summary>
public enum KeywordArgument
{
    None,

    /// <summary>A number of minutes: <c>GO 30</c>.</summary>
    Minutes,

    /// <summary>A report reference: <c>STATUS K7M2QX</c>.</summary>
    Reference,

    /// <summary>A phone number: <c>BUDDY +66 81 234 5678</c>.</summary>
    PhoneNumber,
}

/// <summary>
/// A keyword from flows/keywords.yaml (or scoped to one state). It matches only when it is the whole message,
/// or the whole message but its argument. Keywords pre-empt any flow.
/// </summary>
public sealed class KeywordDefinition
{
    public required string Id { get; init; }

    public KeywordKind Kind { get; init; } = KeywordKind.Flow;

    public KeywordArgument Argument { get; init; } = KeywordArgument.None;

    /// <summary>Words per language code, in the language's own script as well as Latin.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyList<LocatedWord>> Words { get; init; }

    public IReadOnlyList<TextRef> Say { get; init; } = [];

    public IReadOnlyList<ActionDefinition> Actions { get; init; } = [];

    public StateTarget? Go { get; init; }

    /// <summary>Set when the keyword is also a numbered option on every menu of some channels (flows/keywords.yaml only).</summary>
    public KeywordMenu? Menu { get; init; }

    /// <summary>Set when the keyword is scoped to one state: "flow:state".</summary>
    public string? Scope { get; init; }

    public required SourceLocation Location { get; init; }

    /// <summary>The flow a target without "flow:" is read in: the scope's flow, or none for a global keyword.</summary>
    public string ScopeFlow => Scope is null ? string.Empty : Scope[..Scope.IndexOf(':', StringComparison.Ordinal)];
}
