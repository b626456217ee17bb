using Gateway.Core.Accounts;
using Gateway.Web.OperatorConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console;

/// <summary><c>/console/sign-in</c>: account id and password; five failures in a row lock the account for 15 minutes.</summary>
public sealed class SignInModel(ConsoleSignIn signIn, TimeProvider clock) : PageModel
{
    public string? Account { get; private set; }

    public string? ReturnUrl { get; private set; }

    public string? Error { get; private set; }

    public void OnGet(string? returnUrl)
    {
        ReturnUrl = returnUrl;
    }

    public async Task<IActionResult> OnPostAsync(string? account, string? password, string? returnUrl, CancellationToken cancellationToken)
    {
        Account = account?.Trim();
        ReturnUrl = returnUrl;
        var (outcome, found) = await signIn.SignInAsync(account, password, cancellationToken);
        switch (outcome)
        {
            case SignInOutcome.SignedIn:
                await HttpContext.SignInAsync(ConsoleAuthentication.SchemeName, ConsoleAuthentication.Principal(found!));
                return LocalRedirect(returnUrl is { Length: > 0 } && Url.IsLocalUrl(returnUrl) && returnUrl.StartsWith("/console", StringComparison.Ordinal) ? returnUrl : "/console/reports");
            case SignInOutcome.LockedOut:
                var minutes = Math.Max(1, (int)Math.Ceiling(((found!.LockedUntil ?? clock.GetUtcNow()) - clock.GetUtcNow()).TotalMinutes));
                Error = $"Too many wrong passwords: this account is locked for {minutes} more minute{(minutes == 1 ? string.Empty : "s")}. Wait, or ask an admin of your organisation.";
                break;
            case SignInOutcome.Disabled:
                Error = "This account is disabled. Ask an admin of your organisation.";
                break;
            default:
                Error = $"The account id or the password is wrong. After {Core.Accounts.Account.MaxFailedSignIns} wrong passwords in a row the account is locked for {(int)Core.Accounts.Account.LockOutDuration.TotalMinutes} minutes.";
                break;
        }

        Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Page();
    }
}
