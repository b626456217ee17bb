using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Turns discreet replies on or off for the person: while on, every text is said in its neutral wording (no
/// "trafficking", "SOS" or hotline name), in this conversation and every later one, by any sender. The host keeps
/// the choice with the contact.
/// </summary>
/// <example>
/// <code>
/// do:
///   - set_discreet: on      # or off
/// </code>
/// </example>
public sealed class SetDiscreetAction : IFlowAction
{
    public const string TypeName = "set_discreet";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["value"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        var value = action.Args.GetValueOrDefault("value");
        if (value is null || value.Text is not ("on" or "off"))
        {
            findings.Error("action.argument", value?.Location ?? action.Location, "set_discreet needs on or off, e.g. \"- set_discreet: on\".");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var on = action.Arg("value") == "on";
        context.Session.Discreet = on;
        context.Events.Add(new DiscretionChosen(on));
    }
}
