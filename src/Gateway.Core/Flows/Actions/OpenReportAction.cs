using Gateway.Core.Cases;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Asks the host to open a distress report with what the flow collected. The host stores it before the
/// person is told anything and fills <c>{ref}</c> in the texts that follow.
/// </summary>
/// <example>
/// <code>
/// do:
///   - open_report: { category: "{category}" }   # or a fixed one: labour
/// </code>
/// Session variables read: under18 (yes/no), place, for (self/someone_else), may_text (yes/no), may_call (yes/no),
/// recipients (ngo_only when the person accepted only NGOs; see <see cref="TellRecipientsAction"/>).
/// </example>
public sealed class OpenReportAction : IFlowAction
{
    public const string TypeName = "open_report";

    /// <summary>The session variable holding whom the person accepts (<see cref="RecipientKinds.NgoOnly"/>, or empty: the policy).</summary>
    public const string RecipientsVariable = "recipients";

    /// <summary>"yes" once the person agreed to be texted or called back (set by the report questions).</summary>
    public const string MayContactVariable = "may_contact";

    public static readonly IReadOnlyList<string> Categories = ["trafficking", "labour", "child_at_risk", "other"];

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["category", "urgent"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        if (!action.Args.TryGetValue("category", out var category))
        {
            findings.Error("action.argument", action.Location, $"open_report needs a category: one of {string.Join(", ", Categories)}, or \"{{category}}\" for the one the person chose.");
        }
        else if (!ActionChecks.IsVariable(category.Text) && !Categories.Contains(category.Text))
        {
            findings.Error("action.argument", category.Location, $"\"{category.Text}\" is not a report category; use one of {string.Join(", ", Categories)}.");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var vars = context.Session.Variables;
        var category = context.Resolve(action.Arg("category"));
        if (category is null || !Categories.Contains(category))
        {
            category = "other";
        }

        context.Events.Add(new ReportRequested(
            category,
            vars.GetValueOrDefault("under18"),
            vars.GetValueOrDefault("place"),
            vars.GetValueOrDefault("for") == "someone_else",
            vars.GetValueOrDefault("may_text") == "yes",
            vars.GetValueOrDefault("may_call") == "yes",
            ActionContext.IsTrue(action.Arg("urgent")))
        {
            Province = AskProvinceAction.ReportedProvince(vars),
            Recipients = vars.GetValueOrDefault(RecipientsVariable) == RecipientKinds.NgoOnly ? RecipientKinds.NgoOnly : null,
        });
        vars["category"] = category;
        context.Carry["category"] = category;
        if (vars.GetValueOrDefault(MayContactVariable) == "yes")
        {
            context.Carry[MayContactVariable] = "yes";
        }
    }
}
