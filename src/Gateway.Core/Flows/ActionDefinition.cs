namespace Gateway.Core.Flows;

/// <summary>
/// An action as written in a flow file, e.g. <c>- open_report: { category: labour }</c> or <c>- end</c>.
/// Its <see cref="Type"/> names an <see cref="Actions.IFlowAction"/> in <see cref="Actions.ActionRegistry"/>.
/// </summary>
public sealed class ActionDefinition
{
    public required string Type { get; init; }

    /// <summary>The action's arguments; a single scalar (<c>set_language: my</c>) is stored under "value".</summary>
    public IReadOnlyDictionary<string, LocatedWord> Args { get; init; } = new Dictionary<string, LocatedWord>();

    public required SourceLocation Location { get; init; }

    public string? Arg(string name) => Args.TryGetValue(name, out var value) ? value.Text : null;
}
