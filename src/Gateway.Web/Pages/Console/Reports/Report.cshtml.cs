using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Reports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Pages.Console.Reports;

/// <summary>
/// <c>/console/reports/{reference}</c>: one report with its timeline, escalation level and next step. Every GET is
/// recorded in the timeline as a view. The actions (acknowledge, resolve, reopen, hand over, note, outcome, reveal
/// the number, reply) are forms posting to handlers here; each needs the responder role (403 otherwise) and goes
/// through <see cref="ReportService"/>, <see cref="ReportConversation"/> or <see cref="ConsoleReports"/>. A report
/// the account may not see answers 404, as in the API.
/// </summary>
public sealed class ReportModel(
    IReportStore store,
    ReportService service,
    ReportConversation conversation,
    ConsoleReports console,
    IAccountStore accounts,
    IContactStore contacts,
    IAuthorizationService authorization,
    IOptionsMonitor<ReportOptions> options) : PageModel
{
    private const int MaxNoteLength = 2000;

    public Report Report { get; private set; } = null!;

    public ReportService Service => service;

    public bool MayAct { get; private set; }

    public string? MaskedNumber { get; private set; }

    /// <summary>The whole number, only in the answer to a reveal.</summary>
    public string? RevealedNumber { get; private set; }

    public string? ReplyClosedBecause { get; private set; }

    /// <summary>The person asked for discreet replies: someone else may read their phone.</summary>
    public bool Discreet { get; private set; }

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public IReadOnlyList<Organisation> Organisations { get; private set; } = [];

    /// <summary>Account ids shown by name where the account is known.</summary>
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string reference, string? done, CancellationToken cancellationToken)
    {
        if (await FindAsync(reference, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = await console.RecordViewAsync(report, Actor(), cancellationToken);
        Message = done switch
        {
            "acknowledge" => "Acknowledged: the escalation stopped.",
            "resolve" => "Resolved.",
            "reopen" => "Reopened: the escalation starts again from the first level.",
            "handover" => "Handed over.",
            "note" => "Note added.",
            "outcome" => "Outcome set.",
            "reply" => "Reply sent: it goes out by SMS.",
            _ => null,
        };
        await LoadAsync(cancellationToken);
        return Page();
    }

    public Task<IActionResult> OnPostAcknowledgeAsync(string reference, CancellationToken cancellationToken) =>
        ActAsync(reference, "acknowledge", (actor, ct) => service.AcknowledgeAsync(reference, actor, ct), cancellationToken);

    public Task<IActionResult> OnPostResolveAsync(string reference, string? outcome, CancellationToken cancellationToken) =>
        ActAsync(reference, "resolve", (actor, ct) => service.ResolveAsync(reference, actor, OutcomeCode(outcome), ct), cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(string reference, CancellationToken cancellationToken) =>
        ActAsync(reference, "reopen", (actor, ct) => service.ReopenAsync(reference, actor, ct), cancellationToken);

    public Task<IActionResult> OnPostHandOverAsync(string reference, string? organisation, CancellationToken cancellationToken) =>
        ActAsync(reference, "handover", async (actor, ct) =>
            string.IsNullOrWhiteSpace(organisation) || await accounts.FindOrganisationAsync(organisation.Trim(), ct) is null
                ? (ReportActionOutcome.Unknown, null)
                : await service.HandOverAsync(reference, actor, organisation.Trim(), ct), cancellationToken);

    public Task<IActionResult> OnPostNoteAsync(string reference, string? text, CancellationToken cancellationToken)
    {
        var note = text?.Trim();
        return string.IsNullOrEmpty(note) || note.Length > MaxNoteLength
            ? RefuseAsync(reference, $"A note has 1 to {MaxNoteLength} characters.", cancellationToken)
            : ActAsync(reference, "note", (actor, ct) => service.AddNoteAsync(reference, actor, note, ct), cancellationToken);
    }

    public Task<IActionResult> OnPostOutcomeAsync(string reference, string? outcome, CancellationToken cancellationToken) =>
        OutcomeCode(outcome) is { } code
            ? ActAsync(reference, "outcome", (actor, ct) => service.SetOutcomeAsync(reference, actor, code, ct), cancellationToken)
            : RefuseAsync(reference, "An outcome is 1 to 40 lowercase letters, digits or '_' (e.g. referred, rescued, no_contact).", cancellationToken);

    public async Task<IActionResult> OnPostRevealAsync(string reference, CancellationToken cancellationToken)
    {
        if (!await MayActAsync())
        {
            return Forbid();
        }

        if (await FindAsync(reference, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        (RevealedNumber, Report) = await console.RevealAsync(report, Actor(), cancellationToken);
        if (RevealedNumber is null)
        {
            (Message, Failed) = ("The gateway keeps no number for this report.", true);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostReplyAsync(string reference, string? text, CancellationToken cancellationToken)
    {
        if (!await MayActAsync())
        {
            return Forbid();
        }

        if (await FindAsync(reference, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        var reply = text?.Trim();
        if (string.IsNullOrEmpty(reply) || reply.Length > ReportConversation.MaxReplyLength)
        {
            return await RefuseAsync(reference, $"A reply has 1 to {ReportConversation.MaxReplyLength} characters.", cancellationToken);
        }

        var (outcome, updated, error) = await conversation.ReplyAsync(report.Reference, Actor(), reply, cancellationToken);
        if (outcome == ReplyOutcome.Sent)
        {
            return Redirect($"/console/reports/{report.Reference}?done=reply");
        }

        Report = updated ?? report;
        (Message, Failed) = ($"Not sent: {error}", true);
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> ActAsync(
        string reference,
        string done,
        Func<Actor, CancellationToken, Task<(ReportActionOutcome Outcome, Report? Report)>> action,
        CancellationToken cancellationToken)
    {
        if (!await MayActAsync())
        {
            return Forbid();
        }

        if (await FindAsync(reference, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        var (outcome, updated) = await action(Actor(), cancellationToken);
        switch (outcome)
        {
            case ReportActionOutcome.Done:
                return Redirect($"/console/reports/{report.Reference}?done={done}");
            case ReportActionOutcome.Conflict:
                (Message, Failed) = ($"Report {report.Reference} is {updated?.Status ?? report.Status}: that action changes nothing now.", true);
                break;
            default:
                (Message, Failed) = ("No such organisation.", true);
                break;
        }

        Report = updated ?? report;
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status409Conflict;
        return Page();
    }

    private async Task<IActionResult> RefuseAsync(string reference, string message, CancellationToken cancellationToken)
    {
        if (!await MayActAsync())
        {
            return Forbid();
        }

        if (await FindAsync(reference, cancellationToken) is not { } report)
        {
            return NotFound();
        }

        Report = report;
        (Message, Failed) = (message, true);
        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> MayActAsync() => (await authorization.AuthorizeAsync(User, AccountPolicies.Responder)).Succeeded;

    private Task<Report?> FindAsync(string reference, CancellationToken cancellationToken) =>
        ReportsApi.FindVisibleAsync(reference, User, store, options.CurrentValue, cancellationToken);

    private Actor Actor() => new(User.AccountId(), User.OrganisationId(), "console");

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        MayAct = await MayActAsync();
        MaskedNumber = await console.MaskedNumberAsync(Report, cancellationToken);
        ReplyClosedBecause = ReportConversation.ClosedBecause(Report);
        Discreet = (await contacts.LoadAsync(Report.ContactId, cancellationToken)).Profile?.Discreet == true;
        Organisations = await accounts.ListOrganisationsAsync(cancellationToken);
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in await accounts.ListAccountsAsync(User.OrganisationId(), cancellationToken))
        {
            names[account.Id] = account.Name;
        }

        Names = names;
    }

    private static string? OutcomeCode(string? outcome)
    {
        var code = outcome?.Trim();
        return code is { Length: > 0 and <= 40 } && code.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_') ? code : null;
    }
}
