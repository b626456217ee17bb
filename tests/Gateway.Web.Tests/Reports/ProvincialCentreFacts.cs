using Gateway.Tests.Support;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// The Phayao operation centre, as shipped (for Phayao only), on Redis with WireMock as Twilio and the hotline: a
/// report whose province the person chose by number as Phayao reaches it; an SOS, whose province nobody asked, passes
/// it over, and the report's timeline says why.
/// </summary>
public sealed class ProvincialCentreFacts
{
    [Fact]
    public async Task PhayaoCentre_IsPagedForAReportFromPhayao_AndPassedOverWithItsReason_ForAnSos()
    {
        using var redis = new PrivateRedis(durable: false);
        using var host = new EscalationHost(database: 0, redisEndpoint: redis.Endpoint, centreForPhayaoOnly: true);

        // Thai, report, someone forced or held, send it (who will be told), not under 18, no place, Phayao (by number),
        // for me, no text, no call.
        IReadOnlyList<string> last = [];
        foreach (var text in new[] { "hello", "4", "5", "1", "1", "2", "1", "1", "1", "2", "2" })
        {
            last = await host.TextAsync("+66812340701", text);
        }

        var fromPhayao = EscalationHost.ReferenceIn(last);
        Assert.NotNull(fromPhayao);
        var sos = EscalationHost.ReferenceIn(await host.TextAsync("+66812340702", "SOS"));
        Assert.NotNull(sos);

        // Each chain pages the NGO, then the 1300 webhook (3 s apart); only the Phayao report reaches the centre.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(40);
        Gateway.Core.Cases.Report? passedOver = null;
        while (DateTime.UtcNow < deadline)
        {
            passedOver = await host.Reports.FindAsync(sos!);
            if (passedOver!.Timeline.Any(t => t.Kind == "level_skipped" && t.Text.StartsWith("Level operation_centre", StringComparison.Ordinal))
                && host.Pages.Any(p => p.Kind == "voice"))
            {
                break;
            }

            await Task.Delay(100);
        }

        var skipped = Assert.Single(passedOver!.Timeline, t => t.Kind == "level_skipped" && t.Text.StartsWith("Level operation_centre", StringComparison.Ordinal));
        Assert.Equal("Level operation_centre: nobody to page now. th-phayao-operation-centre/voice: serves Phayao only, and this report's province is not known (it is never guessed from the place written).", skipped.Text);
        Assert.Null(passedOver.Province);

        var phayao = (await host.Reports.FindAsync(fromPhayao!))!;
        Assert.Equal("Phayao", phayao.Province);
        Assert.Contains(phayao.Notifications, n => n.LevelName == "operation_centre");
        Assert.DoesNotContain(passedOver.Notifications, n => n.LevelName == "operation_centre");
        Assert.Single(host.Pages, p => p.Kind == "voice");
    }
}
