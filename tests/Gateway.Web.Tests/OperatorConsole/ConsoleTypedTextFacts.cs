using System.Net;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The console's report page shows a place and the person's answers as typed, and beside any that may be Zawgyi
/// their converted reading, marked; plainly Unicode Burmese (stacked consonants, kinzi) is shown alone.
/// </summary>
public sealed class ConsoleTypedTextFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task ReportPage_ShowsBurmeseAsTyped_WithTheZawgyiReadingMarkedWhereItMayBeZawgyi()
    {
        var (client, responder) = await ConsoleReportPage.SignedInResponderAsync(_factory);
        using var _ = client;
        var dataKey = _factory.Services.GetRequiredService<DataKey>();
        var report = await ConsoleReportPage.StoreAsync(_factory, responder.Organisation.Id, r => r with
        {
            EncryptedPlace = dataKey.Seal("ကုမ္ပဏီ"),
            Timeline =
            [
                .. r.Timeline,
                new TimelineEntry(r.OpenedAt, ReportConversation.AnswerKind, "reporter", "The person answered by sms.") { SealedDetail = dataKey.Seal("ေစ်း") },
                new TimelineEntry(r.OpenedAt, ReportConversation.AnswerKind, "reporter", "The person answered by sms.") { SealedDetail = dataKey.Seal("အင်္ဂလိပ် မန္တလေး") },
            ],
        });

        var page = WebUtility.HtmlDecode(await client.GetStringAsync($"/console/reports/{report.Reference}"));

        Assert.Contains("ကုမ္ပဏီ (may be Zawgyi; converted: ကုမ်ပဏီ)", page, StringComparison.Ordinal);
        Assert.Contains("ေစ်း (may be Zawgyi; converted: ဈေး)", page, StringComparison.Ordinal);
        Assert.Contains(">အင်္ဂလိပ် မန္တလေး<", page, StringComparison.Ordinal);
    }
}
