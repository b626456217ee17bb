using Gateway.Web.OperatorConsole;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console;

/// <summary><c>/console/sign-out</c>: a POST (with its antiforgery token) ends the session.</summary>
public sealed class SignOutModel : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await HttpContext.SignOutAsync(ConsoleAuthentication.SchemeName);
        return LocalRedirect(ConsoleAuthentication.SignInPath);
    }
}
