using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Gateway.Web.Pages.Console.Reports;

/// <summary><c>/console/reports</c>: the reports the signed-in account's organisation may see.</summary>
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
