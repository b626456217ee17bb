using Gateway.Core.Content;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Gateway.Web.Accounts;
using Gateway.Web.Studio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console.Translations;

/// <summary>
/// <c>/console/translations/edit?language=my&amp;key=menu.report</c>: an editor changes one text (and its SMS and USSD
/// variants). The change is validated with every other file, written back to the language file as a draft and served
/// at once; a change the approval gate holds waits for a second person.
/// </summary>
[Authorize(Policy = AccountPolicies.Editor)]
public sealed class EditModel(ContentEditor editor) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Language { get; set; } = string.Empty;

    [BindProperty(SupportsGet = true)]
    public string Key { get; set; } = string.Empty;

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Sms { get; set; }

    [BindProperty]
    public string? Ussd { get; set; }

    public TextEntry? Entry { get; private set; }

    public string? English { get; private set; }

    public string? LanguageName { get; private set; }

    /// <summary>What the text is for, shared by every language; a guarded purpose makes every change wait for a second person.</summary>
    public TextPurpose? Purpose => editor.Bundle.Texts.PurposeOf(Key);

    public EditResult? Result { get; private set; }

    public IReadOnlyList<Finding> Errors => Result?.Errors ?? [];

    public IActionResult OnGet()
    {
        if (!Load())
        {
            return NotFound();
        }

        Text = Entry?.Text;
        Sms = Entry?.Variants.GetValueOrDefault("sms");
        Ussd = Entry?.Variants.GetValueOrDefault("ussd");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!Load())
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Text))
        {
            Result = new EditResult(EditOutcome.Refused, "The text is empty. Write the words, or leave the text out so its readers get the fallback.");
            return Page();
        }

        var variants = new Dictionary<string, string?> { ["sms"] = Sms?.Trim(), ["ussd"] = Ussd?.Trim() };
        Result = await editor.EditTextAsync(new TextChange(Language, Key, Text.Trim(), variants), StudioApi.Author(User), HttpContext.RequestAborted);
        Load();
        return Page();
    }

    /// <summary>What a wording costs: "2 SMS (UCS-2, 80 units); USSD 80/80".</summary>
    public static string Budget(string? wording)
    {
        if (string.IsNullOrEmpty(wording))
        {
            return string.Empty;
        }

        var sms = SmsSegmentCalculator.Measure(wording);
        var ussd = UssdScreen.Cost(wording, out var encoding);
        var fits = ussd <= UssdScreen.Limit(encoding) ? "fits one USSD screen" : "too long for one USSD screen";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{sms.Segments} SMS ({(sms.Encoding == SmsEncoding.Gsm7 ? "GSM-7" : "UCS-2")}, {sms.Units} units); USSD {ussd}/{UssdScreen.Limit(encoding)}, {fits}");
    }

    private bool Load()
    {
        var bundle = editor.Bundle;
        if (bundle.Texts.Language(Language) is not { } language || !TranslationTable.Keys(bundle).Contains(Key))
        {
            return false;
        }

        LanguageName = language.Name;
        Entry = language.Texts.GetValueOrDefault(Key);
        English = bundle.Texts.Language(TextCatalog.DefaultLanguage)?.Texts.GetValueOrDefault(Key)?.Text;
        return true;
    }
}
