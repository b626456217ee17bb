using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Messaging;
using Gateway.Web.Reports;
using Gateway.Web.Tests.Messaging;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Reports;

/// <summary>
/// A stored report is never silently lost from the indexes: one whose entries were lost (a crash or a failover
/// between its writes) is listed again after one watchdog pass, and a message handled twice finds its report by
/// the message, with the contact index that the SOS join reads missing the entry.
/// </summary>
public sealed class ReportIndexRepairFacts : IDisposable
{
    private const string Number = "+66812348802";
    private readonly PrivateRedis _redis = new(durable: false);
    private readonly string _journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;

    public void Dispose()
    {
        _redis.Dispose();
        Directory.Delete(_journal, recursive: true);
    }

    private GatewayFactory NewFactory() => new(settings: new Dictionary<string, string?>
    {
        ["ConnectionStrings:Redis"] = _redis.Endpoint,
        ["Gateway:DataKey"] = Convert.ToBase64String(new byte[32]),
        ["Gateway:JournalPath"] = _journal,
        ["Escalation:WatchdogSchedule"] = string.Empty,
    });

    private static async Task<string> SosAsync(GatewayFactory factory, string sid)
    {
        using var client = factory.CreateClient();
        using var response = await client.SendAsync(GatewayFactory.SignedSms(Number, "SOS", sid));
        response.EnsureSuccessStatusCode();
        var reply = System.Xml.Linq.XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value;
        Assert.StartsWith("SOS received (", reply, StringComparison.Ordinal);
        return reply["SOS received (".Length..reply.IndexOf(')', StringComparison.Ordinal)];
    }

    private async Task LoseIndexEntriesAsync(string contactId, string reference)
    {
        using var connection = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint);
        var db = connection.GetDatabase();
        Assert.True(await db.SortedSetRemoveAsync("gateway:reports:opened", reference));
        Assert.True(await db.SortedSetRemoveAsync($"gateway:reports:contact:{{{contactId}}}", reference));
        await db.SortedSetRemoveAsync("gateway:reports:due", reference);
    }

    [Fact]
    public async Task ReportWhoseIndexEntriesWereLost_IsListedAgain_AfterOneWatchdogPass()
    {
        using var factory = NewFactory();
        var reports = factory.Services.GetRequiredService<IReportStore>();
        // A report that nothing else changes meanwhile (no chain runs for it), stored as the gateway stores one.
        var opened = DateTimeOffset.UtcNow;
        var report = new Report
        {
            Reference = ReportReference.New(),
            ContactId = "index-repair-contact",
            Category = "labour",
            Channel = "sms",
            Country = "TH",
            OpenedAt = opened,
            UpdatedAt = opened,
            Timeline = [new TimelineEntry(opened, "opened", "reporter", "Report opened by SMS.")],
        }.With(new TimelineEntry(opened, Report.NoChainSkipped, "gateway", "A test report."));
        await reports.CreateAsync(report);
        await LoseIndexEntriesAsync(report.ContactId, report.Reference);
        Assert.DoesNotContain(await reports.ListAsync(new ReportQuery()), r => r.Reference == report.Reference);

        await factory.Services.GetRequiredService<EscalationWatchdog>().RunAsync(CancellationToken.None);

        Assert.Contains(await reports.ListAsync(new ReportQuery()), r => r.Reference == report.Reference);
        Assert.Equal(report.Reference, (await reports.LatestForContactAsync(report.ContactId))?.Reference);
        Assert.Contains(factory.Logs, l => l.Contains("were missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MessageHandledTwice_FindsItsReportByTheMessage_EvenWithTheContactIndexEntryMissing()
    {
        using var factory = NewFactory();
        var sid = "SM" + Guid.NewGuid().ToString("N");
        var reference = await SosAsync(factory, sid);
        var contactId = factory.Services.GetRequiredService<DataKey>().ContactId(Number);
        await LoseIndexEntriesAsync(contactId, reference);

        // The same message again, twice: as a journal replay handles it.
        var processor = factory.Services.GetRequiredService<MessageProcessor>();
        foreach (var _ in new[] { 1, 2 })
        {
            var again = await processor.ReplayAsync(new InboundMessage("sms", Number, "SOS", sid), CancellationToken.None);
            Assert.Contains(again.Messages, m => m.Contains($"({reference})", StringComparison.Ordinal));
        }

        var report = Assert.Single(await DurableAcknowledgementFacts.ReportsOfAsync(factory, contactId));
        Assert.Equal(reference, report.Reference);
        Assert.Equal(1, report.SosCount);

        // Saved again when it was found, the report is back in its indexes too.
        Assert.Equal(reference, (await factory.Services.GetRequiredService<IReportStore>().LatestForContactAsync(contactId))?.Reference);
    }
}
