using System.Security.Claims;
using Gateway.Core.Cases;
using Gateway.Core.Text;
using Gateway.Web.Accounts;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Reports for responders with API keys: list and filter, read one, and act on it (acknowledge, resolve, reopen,
/// hand over, note, outcome). An organisation sees the reports it owns or was paged for; organisations named in
/// <c>Reports__OperatorOrganisations</c>, or made operation centres (<see cref="Core.Accounts.Organisation.SeesAllReports"/>), see all. A report an account may not see answers
/// 404, as if it did not exist. Phone numbers never appear; the place and notes are shown to those who may see.
/// </summary>
public static class ReportsApi
{
    private const int MaxNoteLength = 2000;

    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var reports = app.MapGroup("/api/reports");
        reports.MapGet("/", ListAsync).RequireAuthorization(AccountPolicies.Viewer);
        reports.MapGet("/{reference}", GetAsync).RequireAuthorization(AccountPolicies.Viewer);
        reports.MapPost("/{reference}/ack", (string reference, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct) =>
            ActAsync(reference, user, store, service, options, (actor, c) => service.AcknowledgeAsync(reference, actor, c), ct)).RequireAuthorization(AccountPolicies.Responder);
        reports.MapPost("/{reference}/resolve", (string reference, OutcomeRequest? body, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct) =>
            ActAsync(reference, user, store, service, options, (actor, c) => service.ResolveAsync(reference, actor, Code(body?.Outcome), c), ct)).RequireAuthorization(AccountPolicies.Responder);
        reports.MapPost("/{reference}/reopen", (string reference, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct) =>
            ActAsync(reference, user, store, service, options, (actor, c) => service.ReopenAsync(reference, actor, c), ct)).RequireAuthorization(AccountPolicies.Responder);
        reports.MapPost("/{reference}/handover", HandOverAsync).RequireAuthorization(AccountPolicies.Responder);
        reports.MapPost("/{reference}/notes", NoteAsync).RequireAuthorization(AccountPolicies.Responder);
        reports.MapPost("/{reference}/outcome", (string reference, OutcomeRequest? body, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct) =>
            Code(body?.Outcome) is { } code
                ? ActAsync(reference, user, store, service, options, (actor, c) => service.SetOutcomeAsync(reference, actor, code, c), ct)
                : Task.FromResult(Problem(StatusCodes.Status400BadRequest, "outcome is required: 1 to 40 lowercase letters, digits or '_' (e.g. referred, rescued, no_contact).")))
            .RequireAuthorization(AccountPolicies.Responder);
        return app;
    }

    /// <summary>May this account see the report? Its organisation owns it or was paged for it, or sees all.</summary>
    public static bool MaySee(ClaimsPrincipal user, Report report, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(options);
        var organisation = user.OrganisationId();
        return SeesAll(user, options) || report.OwnerOrganisation == organisation || report.Organisations.Contains(organisation);
    }

    /// <summary>The account belongs to an organisation that sees every report (the operation centre): named in the settings, or marked so.</summary>
    public static bool SeesAll(ClaimsPrincipal user, ReportOptions options)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(options);
        return user.HasClaim(AccountClaims.SeesAllReports, "true") || options.OperatorOrganisationList().Contains(user.OrganisationId());
    }

    private static async Task<IResult> ListAsync(
        ClaimsPrincipal user,
        IReportStore store,
        ReportService service,
        IOptionsMonitor<ReportOptions> options,
        string? status,
        string? category,
        string? country,
        string? language,
        string? under18,
        int? limit,
        CancellationToken ct)
    {
        if (status is not null && !ReportStatus.All.Contains(status))
        {
            return Problem(StatusCodes.Status400BadRequest, $"status must be one of {string.Join(", ", ReportStatus.All)}.");
        }

        if (under18 is not null and not ("yes" or "no" or "unknown"))
        {
            return Problem(StatusCodes.Status400BadRequest, "under18 must be yes, no or unknown.");
        }

        var seesAll = SeesAll(user, options.CurrentValue);
        var query = new ReportQuery
        {
            Status = status,
            Category = category,
            Country = country?.ToUpperInvariant(),
            Language = language,
            UnderEighteen = under18,
            Organisation = seesAll ? null : user.OrganisationId(),
            Limit = Math.Clamp(limit ?? 100, 1, 500),
        };
        var found = await store.ListAsync(query, ct);
        return TypedResults.Ok(found.Select(r => ReportView.From(r, service, details: false)));
    }

    private static async Task<IResult> GetAsync(string reference, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct)
    {
        var report = await FindVisibleAsync(reference, user, store, options.CurrentValue, ct);
        return report is null ? NotFound(reference) : TypedResults.Ok(ReportView.From(report, service, details: true));
    }

    private static Task<IResult> HandOverAsync(string reference, HandOverRequest? body, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, Core.Accounts.IAccountStore accounts, CancellationToken ct)
    {
        var organisation = body?.Organisation?.Trim();
        if (string.IsNullOrEmpty(organisation))
        {
            return Task.FromResult(Problem(StatusCodes.Status400BadRequest, "organisation is required: the id of the organisation that takes the report."));
        }

        return ActAsync(reference, user, store, service, options, async (actor, c) =>
            await accounts.FindOrganisationAsync(organisation, c) is null
                ? (ReportActionOutcome.Unknown, null)
                : await service.HandOverAsync(reference, actor, organisation, c), ct);
    }

    private static Task<IResult> NoteAsync(string reference, NoteRequest? body, ClaimsPrincipal user, IReportStore store, ReportService service, IOptionsMonitor<ReportOptions> options, CancellationToken ct)
    {
        var text = body?.Text?.Trim();
        if (string.IsNullOrEmpty(text) || text.Length > MaxNoteLength)
        {
            return Task.FromResult(Problem(StatusCodes.Status400BadRequest, $"text is required, up to {MaxNoteLength} characters."));
        }

        return ActAsync(reference, user, store, service, options, (actor, c) => service.AddNoteAsync(reference, actor, text, c), ct);
    }

    private static async Task<IResult> ActAsync(
        string reference,
        ClaimsPrincipal user,
        IReportStore store,
        ReportService service,
        IOptionsMonitor<ReportOptions> options,
        Func<Actor, CancellationToken, Task<(ReportActionOutcome Outcome, Report? Report)>> action,
        CancellationToken ct)
    {
        if (await FindVisibleAsync(reference, user, store, options.CurrentValue, ct) is null)
        {
            return NotFound(reference);
        }

        var actor = new Actor(user.AccountId(), user.OrganisationId(), "api");
        var (outcome, report) = await action(actor, ct);
        return outcome switch
        {
            ReportActionOutcome.Done => TypedResults.Ok(ReportView.From(report!, service, details: true)),
            ReportActionOutcome.Conflict => Problem(StatusCodes.Status409Conflict, $"Report {report!.Reference} is {report.Status}: that action changes nothing now."),
            _ => Problem(StatusCodes.Status404NotFound, "No such organisation or report."),
        };
    }

    /// <summary>The report if it exists and this account may see it; null otherwise (answer 404 either way).</summary>
    public static async Task<Report?> FindVisibleAsync(string reference, ClaimsPrincipal user, IReportStore store, ReportOptions options, CancellationToken ct)
    {
        var normalized = ReportReference.Normalize(reference);
        if (normalized is null || !ReportReference.IsValid(normalized))
        {
            return null;
        }

        var report = await store.FindAsync(normalized, ct);
        return report is not null && MaySee(user, report, options) ? report : null;
    }

    private static string? Code(string? outcome) =>
        outcome is { Length: > 0 and <= 40 } && outcome.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? outcome : null;

    private static IResult NotFound(string reference) =>
        Problem(StatusCodes.Status404NotFound, $"No report {reference} that this account may see.");

    private static IResult Problem(int status, string error) => Results.Json(new { error }, statusCode: status);

    public sealed record OutcomeRequest(string? Outcome);

    public sealed record HandOverRequest(string? Organisation);

    public sealed record NoteRequest(string? Text);
}

/// <summary>
/// A report as responders read it: no phone number; the place and notes only in the detailed view, as typed, with
/// their reading converted from Zawgyi (and the detector's score) when they may be Zawgyi.
/// </summary>
public sealed record ReportView(
    string Reference,
    string Category,
    string Status,
    string? Language,
    string? Country,
    string Channel,
    string? UnderEighteen,
    bool Urgent,
    bool ForSomeoneElse,
    bool MayText,
    bool MayCall,
    bool IsTest,
    DateTimeOffset OpenedAt,
    string? OwnerOrganisation,
    string? AcknowledgedBy,
    string? Outcome,
    int SosCount,
    int? EscalationLevel,
    string? EscalationLevelName,
    DateTimeOffset? NextStepAt,
    string? Place,
    IReadOnlyList<ReportView.TimelineView>? Timeline,
    string? PlaceConverted = null,
    double? PlaceZawgyiScore = null,
    string? Recipients = null)
{
    public static ReportView From(Report report, ReportService service, bool details)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(service);
        var escalation = report.Escalation;
        var levelName = escalation is null ? null : escalation.Policy.Levels.ElementAtOrDefault(Math.Max(0, escalation.Level - 1))?.Name;
        var place = details ? service.OpenPlaceReadings(report) : null;
        return new ReportView(
            report.Reference, report.Category, report.Status, report.Language, report.Country, report.Channel, report.UnderEighteen,
            report.Urgent, report.ForSomeoneElse, report.MayText, report.MayCall, report.IsTest, report.OpenedAt, report.OwnerOrganisation,
            report.AcknowledgedBy, report.Outcome, report.SosCount, escalation?.Level, levelName, escalation?.NextStepAt,
            place?.AsTyped,
            details ? [.. report.TimelineInTimeOrder().Select(t => TimelineView.From(t, service.OpenNoteReadings(t)))] : null,
            place?.Converted,
            place?.ZawgyiScore,
            report.Recipients);
    }

    /// <summary>A timeline entry; <see cref="Note"/> is as typed, <see cref="NoteConverted"/> its Zawgyi reading when it may be Zawgyi.</summary>
    public sealed record TimelineView(DateTimeOffset At, string Kind, string Actor, string Text, string? Note, string? NoteConverted = null, double? NoteZawgyiScore = null)
    {
        internal static TimelineView From(TimelineEntry entry, TypedText? note) =>
            new(entry.At, entry.Kind, entry.Actor, entry.Text, note?.AsTyped, note?.Converted, note?.ZawgyiScore);
    }
}
