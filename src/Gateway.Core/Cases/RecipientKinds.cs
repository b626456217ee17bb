namespace Gateway.Core.Cases;

/// <summary>
/// What a target of an escalation level is, so that a person can be told who receives their report and can keep it
/// away from police and government (seed 003:57: "corruption among some law enforcement authorities"; seed 002
/// L2024-2027: undocumented migrants "could be arrested and deported"). A level is as far from an NGO as the
/// furthest of its targets: a level with the police and an NGO is a police level.
/// </summary>
public static class RecipientKinds
{
    /// <summary>An NGO partner, or an organisation's verified responders.</summary>
    public const string Ngo = "ngo";

    /// <summary>The gateway's own operators (a webhook without a directory contact).</summary>
    public const string Operators = "operators";

    /// <summary>A hotline service such as 1300 or 1506 (seed 002 L1449-1454).</summary>
    public const string Hotline = "hotline";

    /// <summary>A government operation centre whose members include the police (seed 004:21, seed 002 L2428-2435).</summary>
    public const string OperationCentre = "operation_centre";

    /// <summary>A police unit (seed 002 L1867-1872: the Sihanouk Ville Municipal Anti-Trafficking Unit).</summary>
    public const string Police = "police";

    /// <summary>Every kind, from the nearest to an NGO to the furthest.</summary>
    public static readonly IReadOnlyList<string> All = [Ngo, Operators, Hotline, OperationCentre, Police];

    /// <summary>The report's choice when the person accepts only NGOs (and the gateway's own operators).</summary>
    public const string NgoOnly = "ngo_only";

    /// <summary>Whether a person who chose <see cref="NgoOnly"/> accepts a target of this kind.</summary>
    public static bool IsNgo(string kind) => kind is Ngo or Operators;

    /// <summary>The kind of a level: the furthest from an NGO among its targets.</summary>
    public static string Of(EscalationLevel level)
    {
        ArgumentNullException.ThrowIfNull(level);
        return level.Targets.Count == 0 ? Operators : level.Targets.Select(t => t.Kind).MaxBy(Rank)!;
    }

    /// <summary>Whether a report with <paramref name="choice"/> (null: the policy as it stands) may go to <paramref name="level"/>.</summary>
    public static bool Accepts(string? choice, EscalationLevel level) => choice != NgoOnly || IsNgo(Of(level));

    private static int Rank(string kind)
    {
        for (var i = 0; i < All.Count; i++)
        {
            if (All[i] == kind)
            {
                return i;
            }
        }

        return All.Count;
    }
}
