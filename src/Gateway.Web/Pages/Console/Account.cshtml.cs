using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console;

/// <summary><c>/console/account</c>: who is signed in, and a password change (the current password is asked again).</summary>
public sealed class AccountModel(IAccountStore accounts, AccountPasswords passwords, ConsoleSignIn signIn) : PageModel
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

        switch (await signIn.CheckCurrentPasswordAsync(account, current, cancellationToken))
        {
            case SignInOutcome.LockedOut:
                (Message, Failed) = ($"Too many wrong passwords: this account is locked for {(int)Core.Accounts.Account.LockOutDuration.TotalMinutes} minutes from the last one, and nothing changed. Wait, or ask an admin of your organisation.", true);
                return Page();
            case SignInOutcome.Refused:
                (Message, Failed) = ($"The current password is wrong; nothing changed. It counts as a wrong sign-in: after {Core.Accounts.Account.MaxFailedSignIns} in a row the account is locked for {(int)Core.Accounts.Account.LockOutDuration.TotalMinutes} minutes.", true);
                return Page();
        }

        if (AccountPasswords.Problem(next, account.Id, account.Name, OrganisationName) is { } problem)
        {
            (Message, Failed) = (problem, true);
            return Page();
        }

        var hash = passwords.Hash(account, next!);
        var saved = await accounts.UpdateAccountAsync(account.Id, a => a.AfterSuccessfulSignIn() with { PasswordHash = hash }, cancellationToken);
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
