using Gateway.Core.Cases;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// The person asks that their report, already sent (after SOS), go only to NGOs from now on: the host records the
/// choice on their open report, and the chain passes over every police, government or hotline level not paged yet.
/// Inside the report questions the choice is a session variable (<c>recipients: ngo_only</c>) that
/// <c>open_report</c> carries instead.
/// </summary>
/// <example><code>do: [limit_report]</code></example>
public sealed class LimitReportAction : IFlowAction
{
    public const string TypeName = "limit_report";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings) =>
        ActionChecks.OnlyKnownArguments(this, action, findings);

    public void Run(ActionDefinition action, ActionContext context)
    {
        context.Session.Variables[OpenReportAction.RecipientsVariable] = RecipientKinds.NgoOnly;
        context.Events.Add(new RecipientsLimited(RecipientKinds.NgoOnly));
    }
}
