using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>Ends a running check-in: the child is back and safe.</summary>
/// <example><code>do: [cancel_checkin]</code></example>
public sealed class CancelCheckInAction : IFlowAction
{
    public const string TypeName = "cancel_checkin";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings) =>
        ActionChecks.OnlyKnownArguments(this, action, findings);

    public void Run(ActionDefinition action, ActionContext context) =>
        context.Events.Add(new CheckInCancelled());
}
