using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Flows.Actions;

/// <summary>
/// Decides whether the report flow asks for the province: only where the escalation policy that will run for the
/// person's country and the chosen category has a level for some provinces only (a provincial operation centre,
/// <c>provinces:</c> in directory.yaml). Otherwise it sets <c>province</c> to <see cref="NotAsked"/>, so that the
/// question's <c>if_known: { province: … }</c> passes it by. The province is never guessed from the place the
/// person wrote: a level for some provinces is paged only for a report whose province was chosen by number.
/// </summary>
/// <example>
/// <code>
/// province_check:
///   do: [ ask_province ]
///   go: province            # if_known: { province: for_whom } skips the question where nothing depends on it
/// </code>
/// </example>
public sealed class AskProvinceAction : IFlowAction
{
    public const string TypeName = "ask_province";

    /// <summary>The session variable the province question saves its answer under.</summary>
    public const string Variable = "province";

    /// <summary>The value that marks the question as not needed; a report never carries it.</summary>
    public const string NotAsked = "not_asked";

    /// <summary>The answer "another province, or I do not know"; a report carries no province then.</summary>
    public const string Other = "other";

    public string Type => TypeName;

    public IReadOnlyList<string> Arguments { get; } = [];

    public void Check(ActionDefinition action, FlowBundle bundle, FindingList findings) =>
        ActionChecks.OnlyKnownArguments(this, action, findings);

    public void Run(ActionDefinition action, ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var vars = context.Session.Variables;
        var category = vars.GetValueOrDefault("category") ?? "other";
        var policy = context.Bundle.Escalation.For(context.Session.Country, category);
        var provincial = policy is not null && policy.Levels.Any(l => l.Targets.Any(t => t.Provinces.Count > 0));
        if (!provincial)
        {
            vars[Variable] = NotAsked;
        }
        else if (vars.GetValueOrDefault(Variable) == NotAsked)
        {
            vars.Remove(Variable);
        }
    }

    /// <summary>The province a report carries: the answer chosen by number, or null (not asked, another, unknown).</summary>
    public static string? ReportedProvince(IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return variables.GetValueOrDefault(Variable) is { Length: > 0 } province && province != NotAsked && province != Other ? province : null;
    }
}
