using Gateway.Core.Contacts;
using Gateway.Core.Content;
using Gateway.Web.Accounts;
using Gateway.Web.Studio;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console.Translations;

/// <summary>
/// <c>/console/translations/approvals</c>: the hotline and partner numbers of flows/directory.yaml, a form to propose a
/// new one, and every change waiting for a second person, who approves or rejects it here. Nobody approves their own.
/// </summary>
[Authorize(Policy = AccountPolicies.Editor)]
public sealed class ApprovalsModel(ContentEditor editor) : PageModel
{
    public IReadOnlyList<PendingChange> Pending { get; private set; } = [];

    public IReadOnlyList<DirectoryEntry> Contacts { get; private set; } = [];

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public string AccountId => User.AccountId();

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostProposeAsync(string contactId, string field, string value)
    {
        Show(await editor.ProposeNumberAsync(contactId, field, value ?? string.Empty, StudioApi.Author(User), HttpContext.RequestAborted));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostApproveAsync(string id)
    {
        Show(await editor.ApproveAsync(id, StudioApi.Author(User), HttpContext.RequestAborted));
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRejectAsync(string id)
    {
        Show(await editor.RejectAsync(id, StudioApi.Author(User), HttpContext.RequestAborted));
        await LoadAsync();
        return Page();
    }

    private void Show(EditResult result) =>
        (Message, Failed) = (result.Outcome == EditOutcome.Refused ? IndexModel.Describe(result) : result.Message, result.Outcome == EditOutcome.Refused);

    private async Task LoadAsync()
    {
        Pending = await editor.PendingAsync(HttpContext.RequestAborted);
        Contacts = editor.Bundle.Directory.Entries;
    }
}
