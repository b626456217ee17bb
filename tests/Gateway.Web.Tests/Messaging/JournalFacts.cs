using System.Xml.Linq;
using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Messaging;

/// <summary>While Redis is down every message is answered with the hotline and journaled; it is replayed exactly once.</summary>
public sealed class JournalFacts : IDisposable
{
    private const string Number = "+66812347777";
    private const string SecretPlace = "Pier-secret-5521";
    private readonly PrivateRedis _redis = new();
    private readonly string _journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;

    public void Dispose()
    {
        _redis.Dispose();
        Directory.Delete(_journal, recursive: true);
    }

    [Fact]
    public async Task MessagesWhileRedisIsDown_AreAnsweredJournaledAndReplayedExactlyOnce()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.Endpoint,
            ["Gateway:DataKey"] = Convert.ToBase64String(new byte[32]),
            ["Gateway:JournalPath"] = _journal,
            ["Gateway:JournalReplayInterval"] = "00:00:00.300",
        });
        using var client = factory.CreateClient();
        using (var first = await client.SendAsync(GatewayFactory.SignedSms(Number, "hello")))
        {
            first.EnsureSuccessStatusCode();
        }

        _redis.Kill();
        var replies = new List<string>();
        foreach (var text in new[] { "SOS", SecretPlace, "ကယ်ပါ" })
        {
            using var response = await client.SendAsync(GatewayFactory.SignedSms(Number, text));
            response.EnsureSuccessStatusCode();
            replies.Add(XDocument.Parse(await response.Content.ReadAsStringAsync()).Root!.Element("Message")!.Value);
        }

        Assert.All(replies, r => Assert.Contains("1300", r, StringComparison.Ordinal));
        Assert.StartsWith("We got your message", replies[0], StringComparison.Ordinal);
        Assert.StartsWith("သင့်စာ ရရှိပါပြီ", replies[2], StringComparison.Ordinal);
        var onDisk = string.Concat(Directory.EnumerateFiles(_journal).Select(File.ReadAllText));
        Assert.NotEmpty(onDisk);
        Assert.DoesNotContain(SecretPlace, onDisk, StringComparison.Ordinal);
        Assert.DoesNotContain("812347777", onDisk, StringComparison.Ordinal);

        _redis.Start();
        var journal = factory.Services.GetRequiredService<InboundJournal>();
        for (var i = 0; i < 300 && journal.HasEntries; i++)
        {
            await Task.Delay(100);
        }

        Assert.False(journal.HasEntries);
        // Both SOS messages (in English and in Burmese) were handled: the first opened a report and the second,
        // minutes later, joined it; the place text moved the session on.
        var id = factory.Services.GetRequiredService<DataKey>().ContactId(Number);
        Assert.Equal(1, await CountReportsAsync(factory, id));
        Assert.Equal(2, (await factory.Services.GetRequiredService<IReportStore>().LatestForContactAsync(id))!.SosCount);
        var contact = await factory.Services.GetRequiredService<IContactStore>().LoadAsync(id);
        Assert.Equal(4, contact.Version);

        // Replaying the same entries again (a replay that stopped before it finished) changes nothing.
        await File.WriteAllTextAsync(Path.Combine(_journal, "inbound.replaying"), string.Empty);
        Assert.Equal(0, await factory.Services.GetRequiredService<JournalReplayer>().ReplayAsync(CancellationToken.None));
        Assert.Equal(1, await CountReportsAsync(factory, id));
        Assert.Equal(2, (await factory.Services.GetRequiredService<IReportStore>().LatestForContactAsync(id))!.SosCount);
        Assert.Equal(4, (await factory.Services.GetRequiredService<IContactStore>().LoadAsync(id)).Version);
    }

    private static async Task<int> CountReportsAsync(GatewayFactory factory, string contactId)
    {
        var redis = factory.Services.GetRequiredService<IConnectionMultiplexer>().GetDatabase();
        var reports = factory.Services.GetRequiredService<IReportStore>();
        var count = 0;
        foreach (var reference in await redis.SortedSetRangeByRankAsync("gateway:reports:opened"))
        {
            if ((await reports.FindAsync(reference!))?.ContactId == contactId)
            {
                count++;
            }
        }

        return count;
    }
}
