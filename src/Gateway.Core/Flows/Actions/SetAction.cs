using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>Sets session variables, e.g. the report category a menu leads to.</summary>
/// <example><code>do: [{ set: { category: trafficking, for: self } }]</code></example>
public sealed class SetAction : IFlowAction
{
    public const string TypeName = "set";

    public string Type => TypeName;

    // Any variable name is allowed.
    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        if (action.Args.Count == 0 || action.Args.ContainsKey("value"))
        {
            findings.Error("action.argument", action.Location, "set needs one or more \"name: value\" pairs, e.g. \"- set: { category: labour }\".");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        foreach (var (name, value) in action.Args)
        {
            context.Session.Variables[name] = value.Text;
        }
    }
}
