using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console;

/// <summary><c>/console/account</c>: who is signed in, and a password change (the current password is asked again).</summary>
public sealed class AccountModel(IAccountStore accounts, AccountPasswords passwords) : PageModel
{
    public string AccountId { get; private set; } = string.Empty;

    public string Role { get; private set; } = string.Empty;

    public string OrganisationName { get; private set; } = string.Empty;

    public string? Message { get; private set; }

    public bool Failed { get; private set; }

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(string? current, string? next, CancellationToken cancellationToken)
    {
        var account = await LoadAsync(cancellationToken);
        if (account is null)
        {
            return Forbid();
        }

        if (passwords.Verify(account, current ?? string.Empty) == PasswordVerificationResult.Failed)
        {
            (Message, Failed) = ("The current password is wrong; nothing changed.", true);
            return Page();
        }

        if (AccountPasswords.Problem(next) is { } problem)
        {
            (Message, Failed) = (problem, true);
            return Page();
        }

        var hash = passwords.Hash(account, next!);
        var saved = await accounts.UpdateAccountAsync(account.Id, a => a with { PasswordHash = hash }, cancellationToken);
        // The new password ends every other session; this one signs in again with the new stamp.
        await HttpContext.SignInAsync(ConsoleAuthentication.SchemeName, ConsoleAuthentication.Principal(saved!));
        (Message, Failed) = ("Your password is changed. Other sessions of this account are signed out.", false);
        return Page();
    }

    private async Task<Account?> LoadAsync(CancellationToken cancellationToken)
    {
        var account = await accounts.FindAccountAsync(User.AccountId(), cancellationToken);
        AccountId = User.AccountId();
        Role = User.Role().Name();
        OrganisationName = (await accounts.FindOrganisationAsync(User.OrganisationId(), cancellationToken))?.Name ?? User.OrganisationId();
        return account;
    }
}
