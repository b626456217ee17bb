using System.Text;
using Gateway.Core.Content;
using Gateway.Web.Accounts;
using Gateway.Web.Studio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console.Translations;

/// <summary>
/// <c>/console/translations</c>: every text key by language with its status, reviewer, source, verified-on date, SMS
/// segments and USSD fit, missing texts highlighted; filters by language, status, key and state; one language as a
/// CSV for translators, and a CSV brought back, previewed, then imported as drafts.
/// </summary>
public sealed class IndexModel(ContentEditor editor, IAuthorizationService authorization) : PageModel
{
    /// <summary>The most bytes a CSV upload may have.</summary>
    public const int MaxCsvBytes = 2 * 1024 * 1024;

    [BindProperty(SupportsGet = true)]
    public string? Language { get; set; }

    /// <summary>draft, reviewed, missing, or empty for all.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Status { get; set; }

    /// <summary>Part of a key, or a whole key (from a flow diagram's link).</summary>
    [BindProperty(SupportsGet = true)]
    public string? Key { get; set; }

    public IReadOnlyList<TranslationRow> Rows { get; private set; } = [];

    public IReadOnlyList<(string Code, string Name)> Languages { get; private set; } = [];

    public bool CanEdit { get; private set; }

    public string Revision { get; private set; } = string.Empty;

    public CsvPreview? Preview { get; private set; }

    /// <summary>
    /// A key with a line-break opportunity after each dot and underscore (<c>menu.&lt;wbr&gt;before_&lt;wbr&gt;you_&lt;wbr&gt;go</c>):
    /// the table wraps keys between their words, never inside one.
    /// </summary>
    public static Microsoft.AspNetCore.Html.HtmlString KeyWithBreaks(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(string.Join(".<wbr>", key.Split('.').Select(part =>
            string.Join("_<wbr>", part.Split('_').Select(word => System.Text.Encodings.Web.HtmlEncoder.Default.Encode(word))))));
    }

    /// <summary>The uploaded CSV carried from the preview to the import.</summary>
    public string? CsvText { get; private set; }

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public IActionResult OnGetCsv(string language)
    {
        if (editor.Bundle.Texts.Language(language) is null)
        {
            return NotFound();
        }

        return File(editor.ExportCsv(language), "text/csv; charset=utf-8", $"translations-{language}.csv");
    }

    public async Task<IActionResult> OnPostPreviewAsync(string language, IFormFile? csv)
    {
        if (!await MayEditAsync())
        {
            return Forbid();
        }

        Language = language;
        await LoadAsync();
        if (csv is null || csv.Length == 0)
        {
            (Message, Failed) = ("Choose a CSV file first.", true);
            return Page();
        }

        if (csv.Length > MaxCsvBytes)
        {
            (Message, Failed) = ("The file is larger than 2 MB; a language's texts are much smaller. Is it the right file?", true);
            return Page();
        }

        using var reader = new StreamReader(csv.OpenReadStream(), Encoding.UTF8);
        CsvText = await reader.ReadToEndAsync(HttpContext.RequestAborted);
        Preview = editor.PreviewCsv(language, CsvText);
        if (Preview.Error is not null)
        {
            (Message, Failed) = (Preview.Error + " Nothing was changed.", true);
        }
        else if (Preview.Changes.Count == 0)
        {
            (Message, Failed) = ("The file changes no text.", false);
        }

        return Page();
    }

    public async Task<IActionResult> OnPostImportAsync(string language, string? csvText)
    {
        if (!await MayEditAsync())
        {
            return Forbid();
        }

        Language = language;
        var (_, result) = await editor.ImportCsvAsync(language, csvText ?? string.Empty, StudioApi.Author(User), HttpContext.RequestAborted);
        (Message, Failed) = (result.Outcome == EditOutcome.Refused ? Describe(result) : result.Message, result.Outcome == EditOutcome.Refused);
        await LoadAsync();
        return Page();
    }

    /// <summary>A refused result with the validator's first errors.</summary>
    public static string Describe(EditResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Errors is { Count: > 0 } errors
            ? result.Message + " " + string.Join(" ", errors.Take(5).Select(e => e.ToString()))
            : result.Message;
    }

    private async Task<bool> MayEditAsync() => (await authorization.AuthorizeAsync(User, AccountPolicies.Editor)).Succeeded;

    private async Task LoadAsync()
    {
        var bundle = editor.Bundle;
        Revision = bundle.Revision;
        CanEdit = await MayEditAsync();
        Languages = [.. TranslationTable.Languages(bundle).Select(l => (l.Code, l.Name))];
        if (Language is not null && bundle.Texts.Language(Language) is null)
        {
            Language = null;
        }

        var key = Key?.Trim();
        Rows = TranslationTable.Build(bundle, Language)
            .Where(r => string.IsNullOrEmpty(Status) || r.Status.ToString().Equals(Status, StringComparison.OrdinalIgnoreCase))
            .Where(r => string.IsNullOrEmpty(key) || r.Key.Contains(key, StringComparison.OrdinalIgnoreCase))
            .ToList();
    }
}
