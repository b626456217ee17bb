using Gateway.Core.Cases;
using Gateway.Web.Messaging;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Reports;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Pages.Console.Reports;

/// <summary>
/// <c>/console/reports</c>: the reports the signed-in account's organisation may see (all, for an operation centre
/// named in <c>Reports__OperatorOrganisations</c>), newest first, filtered by the query string. The page's script
/// refreshes the rows from <see cref="ConsoleSetup.LiveReportsPath"/> every few seconds.
/// </summary>
public sealed class IndexModel(IReportStore store, IOptionsMonitor<ReportOptions> options, FlowHost flows, TimeProvider clock) : PageModel
{
    public ReportFilter Filter { get; private set; } = new(null, null, null, null, null, null);

    public IReadOnlyList<ReportRow> Rows { get; private set; } = [];

    public IReadOnlyList<string> Countries { get; } = [.. Core.Contacts.CountryCodes.Known];

    public IReadOnlyList<(string Code, string Name)> Languages { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Filter = ReportFilter.From(Request.Query);
        Languages = [.. flows.Engine.Bundle.Texts.Languages.Select(l => (l.Code, l.Name)).OrderBy(l => l.Code, StringComparer.Ordinal)];
        var found = await store.ListAsync(Filter.ToQuery(User, options.CurrentValue, clock.GetUtcNow()), cancellationToken);
        Rows = [.. found.Select(ReportRow.From)];
    }
}
