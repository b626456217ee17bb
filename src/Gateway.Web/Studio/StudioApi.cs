using System.Security.Claims;
using System.Text;
using Gateway.Core.Content;
using Gateway.Web.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Gateway.Web.Studio;

/// <summary>A translation row as JSON.</summary>
public sealed record TranslationJson(
    string Key,
    string Language,
    string? Text,
    IReadOnlyDictionary<string, string>? Variants,
    string Status,
    string? Reviewer,
    DateOnly? ReviewedOn,
    string? Source,
    string? Fact,
    DateOnly? VerifiedOn,
    string? English,
    bool Needed,
    bool Missing,
    string ServedFrom,
    string? SmsEncoding,
    int SmsSegments,
    int UssdUnits,
    int UssdLimit,
    bool UssdFits,
    IReadOnlyList<string> States)
{
    public static TranslationJson From(TranslationRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return new(
            row.Key,
            row.Language,
            row.Entry?.Text,
            row.Entry?.Variants,
            row.Status.ToString().ToLowerInvariant(),
            row.Entry?.Reviewer,
            row.Entry?.ReviewedOn,
            row.Entry?.Source,
            row.Entry?.Fact,
            row.Entry?.VerifiedOn,
            row.English,
            row.Needed,
            row.IsGap,
            row.ServedFrom,
            row.Sms?.Encoding.ToString().ToUpperInvariant(),
            row.Sms?.Segments ?? 0,
            row.UssdUnits,
            row.UssdLimit,
            row.UssdFits,
            row.States);
    }
}

/// <summary>A text change as the API takes it.</summary>
/// <param name="Text">The words.</param>
/// <param name="Variants">Channel → variant; null or empty removes it; channels left out stay.</param>
public sealed record TextEditRequest(string Text, Dictionary<string, string?>? Variants);

/// <summary>A new number for a contact of the directory.</summary>
/// <param name="Value">The number (as the public dials it, or + and the country code for page_number), or placeholder.</param>
public sealed record NumberRequest(string Value);

/// <summary>What became of a change, as JSON; errors are "file:line:column: error: …" lines of the validator.</summary>
public sealed record EditJson(string Outcome, string Message, string? Revision, IReadOnlyList<string>? Errors, string? PendingId)
{
    public static EditJson From(EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.Outcome.ToString().ToLowerInvariant(), result.Message, result.Revision, result.Errors?.Select(e => e.ToString()).ToList(), result.PendingId);
    }
}

/// <summary>
/// The studio's JSON API under <c>/api/content</c>, for scripts and for the console's pages: translations by language
/// with their status and budgets, flow diagrams, text edits, one language as CSV, and the changes that wait for a
/// second person. Reading needs any account; changing needs an editor or an admin.
/// </summary>
public static class StudioApi
{
    public static RouteGroupBuilder MapStudioApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/content");
        group.MapGet("/translations", Translations).RequireAuthorization(AccountPolicies.Viewer);
        group.MapGet("/flows", (ContentEditor editor) => TypedResults.Ok(FlowDiagram.All(editor.Bundle))).RequireAuthorization(AccountPolicies.Viewer);
        group.MapPut("/texts/{language}/{key}", EditText).RequireAuthorization(AccountPolicies.Editor);
        group.MapGet("/translations/{language}.csv", ExportCsv).RequireAuthorization(AccountPolicies.Viewer);
        group.MapPost("/translations/{language}.csv", ImportCsv).RequireAuthorization(AccountPolicies.Editor);
        group.MapPut("/directory/{contactId}/{field}", ProposeNumber).RequireAuthorization(AccountPolicies.Editor);
        group.MapGet("/pending", async (ContentEditor editor, CancellationToken ct) => TypedResults.Ok(await editor.PendingAsync(ct))).RequireAuthorization(AccountPolicies.Editor);
        group.MapPost("/pending/{id}/approve", async (string id, ClaimsPrincipal user, ContentEditor editor, CancellationToken ct) => Reply(await editor.ApproveAsync(id, Author(user), ct))).RequireAuthorization(AccountPolicies.Editor);
        group.MapPost("/pending/{id}/reject", async (string id, ClaimsPrincipal user, ContentEditor editor, CancellationToken ct) => Reply(await editor.RejectAsync(id, Author(user), ct))).RequireAuthorization(AccountPolicies.Editor);
        return group;
    }

    /// <summary>The author of a change: the signed-in account.</summary>
    public static ContentAuthor Author(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new ContentAuthor(user.AccountId(), user.Identity?.Name ?? user.AccountId());
    }

    private static Results<Ok<List<TranslationJson>>, NotFound<string>> Translations(ContentEditor editor, string? language, string? status, bool? missing)
    {
        if (language is not null && editor.Bundle.Texts.Language(language) is null)
        {
            return TypedResults.NotFound($"There is no language \"{language}\".");
        }

        var rows = TranslationTable.Build(editor.Bundle, language)
            .Where(r => status is null || r.Status.ToString().Equals(status, StringComparison.OrdinalIgnoreCase))
            .Where(r => missing != true || r.IsGap)
            .Select(TranslationJson.From)
            .ToList();
        return TypedResults.Ok(rows);
    }

    private static async Task<IResult> EditText(string language, string key, TextEditRequest request, ClaimsPrincipal user, ContentEditor editor, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(request?.Text))
        {
            return TypedResults.BadRequest(new EditJson("refused", "The text is empty; write the words.", editor.Bundle.Revision, null, null));
        }

        return Reply(await editor.EditTextAsync(new TextChange(language, key, request.Text, request.Variants), Author(user), ct));
    }

    private static async Task<IResult> ProposeNumber(string contactId, string field, NumberRequest request, ClaimsPrincipal user, ContentEditor editor, CancellationToken ct) =>
        Reply(await editor.ProposeNumberAsync(contactId, field, request?.Value ?? string.Empty, Author(user), ct));

    private static Results<FileContentHttpResult, NotFound<string>> ExportCsv(string language, ContentEditor editor) =>
        editor.Bundle.Texts.Language(language) is null
            ? TypedResults.NotFound($"There is no language \"{language}\".")
            : TypedResults.File(editor.ExportCsv(language), "text/csv; charset=utf-8", $"translations-{language}.csv");

    private static async Task<IResult> ImportCsv(string language, bool? preview, HttpRequest request, ClaimsPrincipal user, ContentEditor editor, CancellationToken ct)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var csv = await reader.ReadToEndAsync(ct);
        if (preview == true)
        {
            var shown = editor.PreviewCsv(language, csv);
            return shown.Error is null ? TypedResults.Ok(shown) : TypedResults.UnprocessableEntity(shown);
        }

        var (result, applied) = await editor.ImportCsvAsync(language, csv, Author(user), ct);
        return applied.Outcome == EditOutcome.Refused
            ? TypedResults.UnprocessableEntity(new { preview = result, result = EditJson.From(applied) })
            : TypedResults.Ok(new { preview = result, result = EditJson.From(applied) });
    }

    private static IResult Reply(EditResult result) => result.Outcome switch
    {
        EditOutcome.Served or EditOutcome.Unchanged => TypedResults.Ok(EditJson.From(result)),
        EditOutcome.Pending => TypedResults.Accepted((string?)null, EditJson.From(result)),
        _ => TypedResults.UnprocessableEntity(EditJson.From(result)),
    };
}
