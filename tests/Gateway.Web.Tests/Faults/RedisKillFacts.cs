using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// Redis is killed (SIGKILL) the moment an SOS is confirmed, and started again from its append-only file: the report
/// the person was told about is there, and the gateway reconnects by itself and reads it.
/// </summary>
public sealed class RedisKillFacts
{
    private const string Reporter = "+66812340601";

    [Fact]
    public async Task RedisKilledRightAfterAnSosConfirmation_HasTheReportAfterRestartingFromItsAof()
    {
        using var cluster = new FaultCluster();
        var process = cluster.Start();
        using (var before = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.Endpoint + ",allowAdmin=true"))
        {
            var server = before.GetServers()[0];
            Assert.Equal("yes", (await server.ConfigGetAsync("appendonly")).Single().Value);
            Assert.Equal("always", (await server.ConfigGetAsync("appendfsync")).Single().Value);
        }

        var reference = await process.SosAsync(Reporter);
        cluster.Redis.Kill();
        cluster.Redis.Start();

        // Read with a connection of the test's own: the report came back from the file, not from a client's memory.
        using (var after = await ConnectionMultiplexer.ConnectAsync(cluster.Redis.Endpoint))
        {
            var report = await new RedisReportStore(after).FindAsync(reference);
            Assert.NotNull(report);
            Assert.True(report!.Urgent);
            Assert.Equal("TH", report.Country);
            Assert.NotNull(report.Escalation);
        }

        // The gateway reconnects by itself: the reporter's STATUS is answered from the report in Redis.
        var store = process.Services.GetRequiredService<IReportStore>();
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        Report? found = null;
        while (found is null && DateTime.UtcNow < deadline)
        {
            try
            {
                found = await store.FindAsync(reference);
            }
            catch (RedisException)
            {
                await Task.Delay(200);
            }
        }

        Assert.NotNull(found);
        // The SOS left the person at its choice of who may be told; the status answer is the one that names the reference.
        var status = Assert.Single(await process.TextAsync(Reporter, "STATUS " + reference), r => r.Contains(reference, StringComparison.Ordinal));
        Assert.Contains(status, c => c is >= '\u1000' and <= '\u109F');
    }
}
