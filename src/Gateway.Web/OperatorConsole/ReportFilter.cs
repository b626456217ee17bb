using System.Security.Claims;
using Gateway.Core.Cases;
using Gateway.Web.Accounts;
using Gateway.Web.Reports;

namespace Gateway.Web.OperatorConsole;

/// <summary>
/// The reports list's filters, as the page's query string carries them: status, category, country, language,
/// under18 (yes, no, unknown) and age (how long ago the report was opened: 1h, 24h, 7d, 30d). Values the gateway
/// does not know are ignored rather than refused, so that an old bookmark still opens.
/// </summary>
public sealed record ReportFilter(string? Status, string? Category, string? Country, string? Language, string? Under18, string? Age)
{
    public static readonly IReadOnlyList<string> Categories = ["trafficking", "labour", "child_at_risk", "other"];

    public static readonly IReadOnlyList<(string Value, string Label, TimeSpan Span)> Ages =
    [
        ("1h", "last hour", TimeSpan.FromHours(1)),
        ("24h", "last 24 hours", TimeSpan.FromHours(24)),
        ("7d", "last 7 days", TimeSpan.FromDays(7)),
        ("30d", "last 30 days", TimeSpan.FromDays(30)),
    ];

    public static ReportFilter From(IQueryCollection query)
    {
        ArgumentNullException.ThrowIfNull(query);
        string? Pick(string name, Func<string, bool> valid)
        {
            var value = query[name].ToString().Trim();
            return value.Length > 0 && value.Length <= 40 && valid(value) ? value : null;
        }

        return new ReportFilter(
            Pick("status", ReportStatus.All.Contains),
            Pick("category", v => v.All(c => char.IsAsciiLetterLower(c) || c == '_')),
            Pick("country", v => v.Length == 2 && v.All(char.IsAsciiLetter))?.ToUpperInvariant(),
            Pick("language", v => v.Length is >= 2 and <= 3 && v.All(char.IsAsciiLetterLower)),
            Pick("under18", v => v is "yes" or "no" or "unknown"),
            Pick("age", v => Ages.Any(a => a.Value == v)));
    }

    /// <summary>The store query for this account: its organisation's reports, unless it sees all.</summary>
    public ReportQuery ToQuery(ClaimsPrincipal user, ReportOptions options, DateTimeOffset now, int limit = 100) => new()
    {
        Status = Status,
        Category = Category,
        Country = Country,
        Language = Language,
        UnderEighteen = Under18,
        OpenedAfter = Age is null ? null : now - Ages.First(a => a.Value == Age).Span,
        Organisation = ReportsApi.SeesAll(user, options) ? null : user.OrganisationId(),
        Limit = limit,
    };
}

/// <summary>One row of the reports list, as the page renders it and the live endpoint sends it.</summary>
public sealed record ReportRow(
    string Reference,
    string Status,
    string Category,
    string? Country,
    string? Language,
    string? UnderEighteen,
    bool Urgent,
    bool IsTest,
    DateTimeOffset OpenedAt,
    DateTimeOffset UpdatedAt,
    int? Level,
    string? LevelName,
    DateTimeOffset? NextStepAt)
{
    public static ReportRow From(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var escalation = report.Escalation;
        var levelName = escalation is null ? null : escalation.Policy.Levels.ElementAtOrDefault(Math.Max(0, escalation.Level - 1))?.Name;
        return new ReportRow(report.Reference, report.Status, report.Category, report.Country, report.Language, report.UnderEighteen,
            report.Urgent, report.IsTest, report.OpenedAt, report.UpdatedAt, escalation?.Level, levelName, escalation?.NextStepAt);
    }
}
