using System.Net;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// What a person or a responder types is shown on the console as text, never as markup: a place, a note or an
/// outcome written as HTML reaches the page escaped, and the live list sends it as JSON that the page puts in
/// with textContent only.
/// </summary>
public sealed class ConsoleEscapingFacts : IDisposable
{
    private const string Place = "<img src=x onerror=alert(1)>";
    private const string Note = "<script>alert(2)</script>";
    private const string Outcome = "\"><svg onload=alert(3)>";
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReportPage_ShowsMarkupTypedByAPersonOrAResponder_AsText()
    {
        var (client, responder) = await ConsoleReportPage.SignedInResponderAsync(_factory);
        using var _ = client;
        var dataKey = _factory.Services.GetRequiredService<DataKey>();
        var report = await ConsoleReportPage.StoreAsync(_factory, responder.Organisation.Id, r => r with
        {
            EncryptedPlace = dataKey.Seal(Place),
            Outcome = Outcome,
            Timeline = [.. r.Timeline, new TimelineEntry(r.OpenedAt, "note", responder.Account.Id, "A note.") { SealedDetail = dataKey.Seal(Note) }],
        });

        using var response = await client.GetAsync($"/console/reports/{report.Reference}");
        var page = await response.Content.ReadAsStringAsync();
        var policy = string.Join(' ', response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-eval", policy, StringComparison.Ordinal);

        Assert.Contains(WebUtility.HtmlEncode(Place), page, StringComparison.Ordinal);
        Assert.DoesNotContain(Place, page, StringComparison.Ordinal);
        Assert.DoesNotContain(Note, page, StringComparison.Ordinal);
        Assert.Contains(WebUtility.HtmlEncode(Note), page, StringComparison.Ordinal);
        Assert.DoesNotContain("<svg onload", page, StringComparison.Ordinal);
        Assert.Contains("&lt;svg onload=alert(3)&gt;", page, StringComparison.Ordinal);
    }
}
