namespace Gateway.Core.Flows;

/// <summary>
/// One state of a flow. On entering it the engine runs its actions, says its texts and offers its options;
/// then it waits for an answer (options or free-text input), moves on by itself (<see cref="Go"/>), or ends.
/// </summary>
public sealed class StateDefinition
{
    public required string Flow { get; init; }

    public required string Name { get; init; }

    /// <summary>"flow:state", unique across all flows; the engine's state identity.</summary>
    public required string QualifiedName { get; init; }

    public IReadOnlyList<TextRef> Say { get; init; } = [];

    public IReadOnlyList<OptionDefinition> Options { get; init; } = [];

    public InputDefinition? Input { get; init; }

    public IReadOnlyList<ActionDefinition> Actions { get; init; } = [];

    /// <summary>Where the flow goes by itself once the state has been said, without waiting for an answer.</summary>
    public StateTarget? Go { get; init; }

    /// <summary>Facts that, when the session already knows them, skip this state for another (see <see cref="IfKnownDefinition"/>).</summary>
    public IReadOnlyList<IfKnownDefinition> IfKnown { get; init; } = [];

    public bool End { get; init; }

    /// <summary>Keywords that apply only while a person is in this state; they win over global keywords.</summary>
    public IReadOnlyList<KeywordDefinition> Keywords { get; init; } = [];

    public required SourceLocation Location { get; init; }

    /// <summary>True when the state waits for the person to answer.</summary>
    public bool WaitsForAnswer => Options.Count > 0 || Input is not null;

    public bool EndsFlow => End || Actions.Any(a => a.Type == Flows.Actions.EndAction.TypeName);

    public OptionDefinition? FindOption(int key)
    {
        foreach (var option in Options)
        {
            if (option.Key == key)
            {
                return option;
            }
        }

        return null;
    }
}

/// <summary>A text by its localization key, with where the key was written.</summary>
public sealed record TextRef(string Key, SourceLocation Location);

/// <summary>A state named from a flow file: "menu" in the same flow or "report:start" in another.</summary>
public sealed record StateTarget(string? Flow, string State, SourceLocation Location)
{
    public string Qualify(string currentFlow) => $"{Flow ?? currentFlow}:{State}";

    public override string ToString() => Flow is null ? State : $"{Flow}:{State}";

    public static StateTarget Parse(string text, SourceLocation at)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        return colon < 0
            ? new StateTarget(null, text, at)
            : new StateTarget(text[..colon], text[(colon + 1)..], at);
    }
}
