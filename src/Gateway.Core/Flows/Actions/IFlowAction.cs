using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// An action a state, option or keyword runs (<c>do:</c> in a flow file). One type per file, registered in
/// <see cref="ActionRegistry"/> under its <see cref="Type"/>. Actions do no I/O: they change the session
/// and emit events for the host.
/// </summary>
public interface IFlowAction
{
    /// <summary>The name written in flow files, e.g. "open_report".</summary>
    string Type { get; }

    /// <summary>The argument names the action accepts; "value" is the single-value form.</summary>
    IReadOnlyList<string> Arguments { get; }

    /// <summary>Checks the action's arguments against the bundle and reports what an editor must fix.</summary>
    void Check(ActionDefinition action, FlowBundle bundle, FindingList findings);

    void Run(ActionDefinition action, ActionContext context);
}
