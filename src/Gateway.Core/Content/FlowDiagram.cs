using Gateway.Core.Flows;

namespace Gateway.Core.Content;

/// <summary>One state of a drawn flow and the text keys it says, for the list beside the diagram.</summary>
/// <param name="Name">The state's name in its flow (menu).</param>
/// <param name="QualifiedName">The state with its flow (main:menu), as sessions and the translations page name it.</param>
/// <param name="Keys">The text keys the state says: its texts, its options' labels, its keywords' replies.</param>
public sealed record DiagramState(string Name, string QualifiedName, IReadOnlyList<string> Keys);

/// <summary>
/// A flow as the console draws it: the Mermaid state diagram of the engine's own Stateless configuration (the same
/// as <c>gateway flows graph</c>), and each state with the texts it says.
/// </summary>
public sealed record FlowDiagram(string FlowId, string Mermaid, IReadOnlyList<DiagramState> States)
{
    /// <summary>Every flow of the bundle, by id.</summary>
    public static IReadOnlyList<FlowDiagram> All(FlowBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return [.. bundle.Flows.Keys.Order(StringComparer.Ordinal).Select(id => For(bundle, id))];
    }

    /// <summary>The diagram of one flow; throws <see cref="ArgumentException"/> for a flow that does not exist.</summary>
    public static FlowDiagram For(FlowBundle bundle, string flowId)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var mermaid = FlowGraph.Mermaid(bundle, flowId);
        var flow = bundle.Flows[flowId];
        var states = flow.States.Values
            .OrderBy(s => s.Location.Line)
            .Select(s => new DiagramState(s.Name, s.QualifiedName, TranslationTable.KeysOf(s)))
            .ToList();
        return new FlowDiagram(flowId, mermaid, states);
    }
}
