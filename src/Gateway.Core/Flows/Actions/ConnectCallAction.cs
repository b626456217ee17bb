using Gateway.Core.Contacts;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// "Talk to someone now": finds the contact who can take a call now for the person's country, category and
/// language (<see cref="ConnectRouting"/>) and asks the host to connect them. On a call the host puts them through
/// when the number can be dialled (<c>connect.connecting</c>), and otherwise says the number to call
/// (<c>connect.call_number</c>); on other channels the person is given the number. With nobody to call, the
/// hotline text is said (<c>connect.none</c>). The contact's name, in the person's language where directory.yaml
/// has it (<see cref="DirectoryEntry.NameIn"/>), and number fill {contact_name} and {contact_number}.
/// </summary>
/// <example>
/// <code>
/// do:
///   - connect_call: { category: "{category}" }   # or a fixed one: labour; none: any
/// </code>
/// </example>
public sealed class ConnectCallAction : IFlowAction
{
    public const string TypeName = "connect_call";
    public const string ConnectingKey = "connect.connecting";
    public const string CallNumberKey = "connect.call_number";
    public const string NoneKey = "connect.none";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["category"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        if (action.Args.GetValueOrDefault("category") is { } category && !ActionChecks.IsVariable(category.Text) && !OpenReportAction.Categories.Contains(category.Text))
        {
            findings.Error("action.argument", category.Location, $"\"{category.Text}\" is not a category; use one of {string.Join(", ", OpenReportAction.Categories)}.");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var session = context.Session;
        var category = context.Resolve(action.Arg("category"));
        if (category is not null && !OpenReportAction.Categories.Contains(category))
        {
            category = null;
        }

        var target = ConnectRouting.Choose(context.Bundle.Directory, session.Country, category, session.Language, context.Now);
        context.Events.Add(new ConnectRequested(target.Entry?.Id, target.IsDialable));
        if (target.Entry is not { } entry)
        {
            context.Texts.Add(context.Say(NoneKey));
            return;
        }

        session.Variables["contact_name"] = entry.NameIn(context.Bundle.Texts.Chain(session.Language)).Name;
        session.Variables["contact_number"] = entry.Number ?? target.Dial!;
        context.Texts.Add(context.Say(target.IsDialable && context.Channel == Channel.Voice ? ConnectingKey : CallNumberKey));
    }
}
