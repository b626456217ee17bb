using System.Globalization;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Starts a child vendor's check-in timer. The minutes come from the action, else from the keyword's
/// argument (GO 30), else from the session variable "minutes". Texts can say <c>{minutes}</c>.
/// </summary>
/// <example>
/// <code>
/// do:
///   - start_checkin: { minutes: 30 }
/// </code>
/// </example>
public sealed class StartCheckInAction : IFlowAction
{
    public const string TypeName = "start_checkin";
    public const int DefaultMinutes = 30;

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["minutes", "value"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        var minutes = action.Args.GetValueOrDefault("minutes") ?? action.Args.GetValueOrDefault("value");
        if (minutes is not null && !ActionChecks.IsVariable(minutes.Text) && ParseMinutes(minutes.Text) is null)
        {
            findings.Error("action.argument", minutes.Location, $"start_checkin minutes should be a whole number from 1 to 1440, not \"{minutes.Text}\".");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var minutes = ParseMinutes(context.Resolve(action.Arg("minutes") ?? action.Arg("value")))
            ?? ParseMinutes(context.KeywordArgument)
            ?? ParseMinutes(context.Session.Variables.GetValueOrDefault("minutes"))
            ?? DefaultMinutes;
        context.Session.Variables["minutes"] = minutes.ToString(CultureInfo.InvariantCulture);
        context.Events.Add(new CheckInStarted(minutes));
    }

    private static int? ParseMinutes(string? text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var minutes) && minutes is > 0 and <= 1440 ? minutes : null;
}
