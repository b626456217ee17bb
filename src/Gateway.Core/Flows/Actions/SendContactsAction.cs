using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Adds the hotlines and partners for the person's country to the reply, those speaking their language
/// first. Entries whose number is still a placeholder are never shown as numbers. To a person who asked for discreet
/// replies only the numbers (and hours) are given, never the names.
/// </summary>
/// <example>
/// <code>
/// do:
///   - send_contacts: { kind: hotline }           # hotline, ngo or all
///   - send_contacts: { kind: all, category: labour }
/// </code>
/// </example>
public sealed class SendContactsAction : IFlowAction
{
    public const string TypeName = "send_contacts";
    public const string NoneKey = "contacts.none";

    public static readonly IReadOnlyList<string> Kinds = ["hotline", "ngo", "all"];

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = ["kind", "category", "value"];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings)
    {
        ActionChecks.OnlyKnownArguments(this, action, findings);
        var kind = action.Args.GetValueOrDefault("kind") ?? action.Args.GetValueOrDefault("value");
        if (kind is not null && !Kinds.Contains(kind.Text))
        {
            findings.Error("action.argument", kind.Location, $"send_contacts kind \"{kind.Text}\" is unknown; use {string.Join(", ", Kinds)}.");
        }

        if (action.Args.GetValueOrDefault("category") is { } category && !ActionChecks.IsVariable(category.Text) && !OpenReportAction.Categories.Contains(category.Text))
        {
            findings.Error("action.argument", category.Location, $"\"{category.Text}\" is not a category; use one of {string.Join(", ", OpenReportAction.Categories)}.");
        }
    }

    public void Run(ActionDefinition action, ActionContext context)
    {
        var kind = action.Arg("kind") ?? action.Arg("value") ?? "all";
        var category = context.Resolve(action.Arg("category"));
        var session = context.Session;
        var lines = new List<string>();
        var ids = new List<string>();
        foreach (var entry in context.Bundle.Directory.For(session.Country, session.Language, kind == "all" ? null : kind))
        {
            if (entry.IsPlaceholder || (category is not null && entry.Categories.Count > 0 && !entry.Categories.Contains(category)))
            {
                continue;
            }

            // Discreet replies give the numbers without the names ("Anti-trafficking hotline") that would say what they are.
            var line = session.Discreet ? entry.Number! : $"{entry.Name}: {entry.Number}";
            lines.Add(entry.Hours == "unknown" ? line : $"{line} ({entry.Hours})");
            ids.Add(entry.Id);
        }

        context.Texts.Add(lines.Count > 0
            ? string.Join('\n', lines)
            : context.Say(NoneKey));
        context.Events.Add(new ContactsSent(kind, ids));
    }
}
