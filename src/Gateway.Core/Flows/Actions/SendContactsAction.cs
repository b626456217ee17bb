using Gateway.Core.Flows.Validation;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Adds the hotlines and partners for the person's country to the reply, those speaking their language
/// first. Entries whose number is still a placeholder are never shown as numbers. Each is named in the person's
/// language (<c>names:</c> in directory.yaml, along the language's fallback chain, else the English name), and its
/// hours, unless unknown, with the day names of <c>contacts.hours_days</c> in that language.
/// To a person who asked for discreet replies only the numbers (and hours) are given, never the names.
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

    /// <summary>The day names Mon to Sun and Daily in the person's language, separated by commas.</summary>
    public const string HoursDaysKey = "contacts.hours_days";

    private static readonly string[] DayWords = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun", "Daily"];

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
        var chain = context.Bundle.Texts.Chain(session.Language);
        foreach (var entry in context.Bundle.Directory.For(session.Country, session.Language, kind == "all" ? null : kind))
        {
            if (entry.IsPlaceholder || (category is not null && entry.Categories.Count > 0 && !entry.Categories.Contains(category)))
            {
                continue;
            }

            var (name, language) = entry.NameIn(chain);
            // Discreet replies give the numbers without the names ("Anti-trafficking hotline") that would say what they are.
            var shown = session.Discreet ? entry.Number! : $"{name}: {entry.Number}";
            var line = entry.Hours == "unknown" ? shown : $"{shown} ({LocalHours(entry.Hours, context)})";
            if (!session.Discreet && language != chain[0])
            {
                // Marked in transcripts and try as borrowed, like a text: the name is another language's.
                context.Borrowed.Add(new BorrowedText("directory:" + entry.Id, language, line));
            }

            lines.Add(line);
            ids.Add(entry.Id);
        }

        context.Texts.Add(lines.Count > 0
            ? string.Join('\n', lines)
            : context.Say(NoneKey));
        context.Events.Add(new ContactsSent(kind, ids));
    }

    /// <summary>
    /// Hours as the directory writes them ("Mon-Fri 08:30-16:30"), with the day names in the person's language; the
    /// times and "24/7" are digits every reader dials and reads already.
    /// </summary>
    public static string LocalHours(string hours, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(hours);
        ArgumentNullException.ThrowIfNull(context);
        if (context.Bundle.Texts.Resolve(HoursDaysKey, context.Session.Language, context.Channel).IsMissing)
        {
            return hours;
        }

        var days = context.Say(HoursDaysKey).Split(',', StringSplitOptions.TrimEntries);
        if (days.Length != DayWords.Length)
        {
            return hours;
        }

        return System.Text.RegularExpressions.Regex.Replace(
            hours,
            @"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun|Daily)\b",
            m => days[Array.FindIndex(DayWords, d => d.Equals(m.Value, StringComparison.OrdinalIgnoreCase))],
            System.Text.RegularExpressions.RegexOptions.IgnoreCase | System.Text.RegularExpressions.RegexOptions.CultureInvariant,
            TimeSpan.FromSeconds(1));
    }
}
