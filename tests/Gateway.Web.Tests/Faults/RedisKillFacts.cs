using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.Redis;
using Microsoft.Extensions.DependencyInjection;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// Redis is killed (SIGKILL) the moment an SOS is confirmed, and started again from its append-only file: the report
/// the person was told about is there, and the gateway, once reconnected, escalates it.
/// </summary>
public sealed class RedisKillFacts
{
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

        var reference = await process.SosAsync("+66812340601");
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

        // The gateway reconnects by itself, and the chain goes on.
        var pages = await cluster.WaitForEveryLevelAsync(process, [reference], TimeSpan.FromSeconds(60));
        await FaultCluster.AssertEveryTargetPagedAsync(process, pages, [reference]);
        Assert.Equal(ReportStatus.Open, (await process.Services.GetRequiredService<IReportStore>().FindAsync(reference))!.Status);
    }
}
