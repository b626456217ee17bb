using Gateway.Core.Cases;
using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Tells the person, in their language, who will receive their report: the levels of the escalation policy that
/// will run for their country and category (the one chosen, else "other") that can be paged now, in order, each as
/// what it is (an NGO, a hotline, a government centre that includes police, a police unit: <see cref="RecipientKinds"/>).
/// Where nobody can be paged, it says so and gives the number to call. It sets the session variables the flow
/// branches on with <c>if_known</c>: <c>recipients_ngo</c> (an NGO level can be paged), <c>recipients_authority</c>
/// (a hotline, government or police level can) and <c>recipients_choice</c> (both: keeping the report to NGOs is a
/// real choice); each is "yes" or empty.
/// </summary>
/// <example>
/// <code>
/// recipients:
///   do: [tell_recipients]
///   go: recipients_choice
/// </code>
/// "Your report goes to: - an NGO - the 1300 hotline - a government centre that includes police"
/// </example>
public sealed class TellRecipientsAction : IFlowAction
{
    public const string TypeName = "tell_recipients";

    public const string IntroKey = "recipients.intro";
    public const string NobodyKey = "recipients.nobody";
    public const string HotlineUnnamedKey = "recipients.hotline_unnamed";

    /// <summary>The text key naming a level of <paramref name="kind"/>: recipients.ngo, recipients.police …</summary>
    public static string KindKey(string kind) => "recipients." + kind;

    public const string NgoVariable = "recipients_ngo";
    public const string AuthorityVariable = "recipients_authority";
    public const string ChoiceVariable = "recipients_choice";

    /// <summary>Every key this action may say, for the validator and the coverage table.</summary>
    public static IEnumerable<string> Keys => [IntroKey, NobodyKey, HotlineUnnamedKey, .. RecipientKinds.All.Select(KindKey)];

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings) =>
        ActionChecks.OnlyKnownArguments(this, action, findings);

    public void Run(ActionDefinition action, ActionContext context)
    {
        var session = context.Session;
        var vars = session.Variables;
        var category = vars.GetValueOrDefault("category") is { Length: > 0 } chosen ? chosen : "other";
        var policy = context.Bundle.Escalation.For(session.Country, category);
        var levels = policy is null ? [] : PagingOutlook.Levels(policy, session.Language, context.Now, context.CanReach).Where(l => l.CanPage).ToList();
        var ngo = levels.Any(l => RecipientKinds.IsNgo(l.Kind));
        var authority = levels.Any(l => !RecipientKinds.IsNgo(l.Kind));
        vars[NgoVariable] = ngo ? "yes" : string.Empty;
        vars[AuthorityVariable] = authority ? "yes" : string.Empty;
        vars[ChoiceVariable] = ngo && authority ? "yes" : string.Empty;
        if (levels.Count == 0)
        {
            context.Texts.Add(context.Say(NobodyKey));
            return;
        }

        var lines = new List<string> { context.Say(IntroKey) };
        foreach (var level in levels)
        {
            var line = "- " + Name(level, context);
            if (!lines.Contains(line))
            {
                lines.Add(line);
            }
        }

        context.Texts.Add(string.Join('\n', lines));
    }

    private static string Name(PageableLevel level, ActionContext context)
    {
        if (level.Kind != RecipientKinds.Hotline)
        {
            return context.Say(KindKey(level.Kind));
        }

        // A hotline is named by the number the public knows it by (1300), where the directory has one.
        var number = level.Decision.Page.Select(t => t.Contact is null ? null : context.Bundle.Directory.Find(t.Contact))
            .FirstOrDefault(e => e is { IsPlaceholder: false })?.Number;
        return number is null
            ? context.Say(HotlineUnnamedKey)
            : context.Say(KindKey(level.Kind)).Replace("{contact_number}", number, StringComparison.Ordinal);
    }
}
