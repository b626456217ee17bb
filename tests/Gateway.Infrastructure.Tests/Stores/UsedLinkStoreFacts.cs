using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;

namespace Gateway.Infrastructure.Tests.Stores;

public class InMemoryUsedLinkStoreFacts : UsedLinkStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch.AddYears(56));

    protected override DateTimeOffset Now => _clock.GetUtcNow();

    protected override IUsedLinkStore Store(TimeSpan? grace = null) => new InMemoryUsedLinkStore(_clock, grace);

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TryUse_StillAnswersRight_AfterSweepingManyLapsedLinks()
    {
        var store = new InMemoryUsedLinkStore(_clock, TimeSpan.Zero);
        for (var i = 0; i < 2000; i++)
        {
            Assert.True(await store.TryUseAsync("t" + i, Now.AddSeconds(1)));
        }

        Assert.True(await store.TryUseAsync("fresh", Now.AddHours(1)));
        _clock.Advance(TimeSpan.FromSeconds(2));
        Assert.True(await store.TryUseAsync("t0", Now.AddSeconds(1)));
        Assert.True(await store.TryUseAsync("t1999", Now.AddSeconds(1)));
        Assert.False(await store.TryUseAsync("fresh", Now.AddHours(1)));
    }
}

public class RedisUsedLinkStoreFacts : UsedLinkStoreContract
{
    protected override DateTimeOffset Now => DateTimeOffset.UtcNow;

    protected override IUsedLinkStore Store(TimeSpan? grace = null) => new RedisUsedLinkStore(RedisTestServer.Multiplexer, TimeProvider.System, grace);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task TryUse_WritesOneKeyPerLink_ExpiringAfterTheLinkAndItsGrace()
    {
        var id = Guid.NewGuid().ToString("N")[..16];
        await new RedisUsedLinkStore(RedisTestServer.Multiplexer).TryUseAsync(id, DateTimeOffset.UtcNow.AddHours(1));

        var db = RedisTestServer.Multiplexer.GetDatabase();
        var ttl = await db.KeyTimeToLiveAsync($"gateway:link-used:{{{id}}}");
        Assert.InRange(ttl ?? TimeSpan.Zero, TimeSpan.FromMinutes(64), TimeSpan.FromMinutes(65));
        Assert.True(DateTimeOffset.TryParse(await db.StringGetAsync($"gateway:link-used:{{{id}}}"), System.Globalization.CultureInfo.InvariantCulture, out _));
    }
}
