using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>Ends the conversation after the state's texts; the next message starts afresh.</summary>
/// <example><code>do: [end]</code> (or <c>end: true</c> on the state)</example>
public sealed class EndAction : IFlowAction
{
    public const string TypeName = "end";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings) =>
        ActionChecks.OnlyKnownArguments(this, action, findings);

    public void Run(ActionDefinition action, ActionContext context) => context.Ended = true;
}
