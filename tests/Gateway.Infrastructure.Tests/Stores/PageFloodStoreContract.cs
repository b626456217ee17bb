using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every page flood store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class PageFloodStoreContract
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(10);

    protected abstract IPageFloodStore Store { get; }

    private static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..10];

    [Fact]
    public async Task Count_GivesEachPageItsPlaceInArrivalOrder_TheSameWhenAskedAgain_AndForgetsOldPages()
    {
        var target = NewId("target");
        var now = DateTimeOffset.UtcNow;
        // Same millisecond, names out of alphabetical order: arrival decides.
        Assert.Equal(0, await Store.CountAsync(target, "z", now, Window));
        Assert.Equal(1, await Store.CountAsync(target, "a", now, Window));
        Assert.Equal(2, await Store.CountAsync(target, "m", now.AddSeconds(1), Window));
        Assert.Equal(1, await Store.CountAsync(target, "a", now.AddSeconds(2), Window));
        Assert.Equal(0, await Store.CountAsync(NewId("other"), "a", now, Window));

        // Past the window the first pages are forgotten.
        Assert.Equal(1, await Store.CountAsync(target, "later", now.AddMinutes(10).AddSeconds(0.5), Window));
    }

    [Fact]
    public async Task Summary_IsTakenOnce_ClosesToNewPages_AndIsTakenOverAfterItsLease()
    {
        var summary = NewId("summary");
        var now = DateTimeOffset.UtcNow;
        Assert.Null(await Store.TakeAsync(summary, now, now.AddMinutes(1)));
        var a = new HeldPage("AAAAAAA", "0.0.t", "ngo");
        var b = new HeldPage("BBBBBBB", "0.0.t", "ngo");
        Assert.True(await Store.HoldAsync(summary, b, Window));
        Assert.True(await Store.HoldAsync(summary, a, Window));
        Assert.True(await Store.HoldAsync(summary, a, Window));

        var taken = await Store.TakeAsync(summary, now, now.AddSeconds(45));
        Assert.NotNull(taken);
        Assert.Equal([a, b], taken.Pages);
        Assert.False(taken.PossibleDuplicate);

        // Closed: a new page goes to a later summary, one already in it stays; held by its lease.
        Assert.False(await Store.HoldAsync(summary, new HeldPage("CCCCCCC", "0.0.t", "ngo"), Window));
        Assert.True(await Store.HoldAsync(summary, a, Window));
        Assert.Null(await Store.TakeAsync(summary, now.AddSeconds(10), now.AddSeconds(55)));

        // The lease ran out (the sender crashed): taken over, marked a possible duplicate.
        var again = await Store.TakeAsync(summary, now.AddMinutes(1), now.AddMinutes(2));
        Assert.NotNull(again);
        Assert.True(again.PossibleDuplicate);
        Assert.Equal([a, b], await Store.PagesAsync(summary));

        await Store.CompleteAsync(summary);
        Assert.Null(await Store.TakeAsync(summary, now.AddHours(1), now.AddHours(2)));
    }
}

public class InMemoryPageFloodStoreFacts : PageFloodStoreContract
{
    protected override IPageFloodStore Store { get; } = new InMemoryPageFloodStore();
}

public class RedisPageFloodStoreFacts : PageFloodStoreContract
{
    protected override IPageFloodStore Store { get; } = new RedisPageFloodStore(RedisTestServer.Multiplexer);
}
