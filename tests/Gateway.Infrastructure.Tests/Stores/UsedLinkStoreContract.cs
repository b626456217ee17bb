using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every used-link store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class UsedLinkStoreContract
{
    /// <summary>A store that forgets a link <paramref name="grace"/> after it expires.</summary>
    protected abstract IUsedLinkStore Store(TimeSpan? grace = null);

    protected abstract DateTimeOffset Now { get; }

    protected abstract Task PassAsync(TimeSpan time);

    private static string NewTokenId() => Guid.NewGuid().ToString("N")[..16];

    [Fact]
    public async Task TryUse_IsTrueTheFirstTimeOnly()
    {
        var store = Store();
        var id = NewTokenId();
        Assert.True(await store.TryUseAsync(id, Now.AddHours(24)));
        Assert.False(await store.TryUseAsync(id, Now.AddHours(24)));
        Assert.False(await store.TryUseAsync(id, Now.AddHours(48)));
    }

    [Fact]
    public async Task TryUse_KeepsLinksApart()
    {
        var store = Store();
        Assert.True(await store.TryUseAsync(NewTokenId(), Now.AddHours(1)));
        Assert.True(await store.TryUseAsync(NewTokenId(), Now.AddHours(1)));
    }

    [Fact]
    public async Task TryUse_IsTrueForOnlyOneOfManyConcurrentCallers()
    {
        var store = Store();
        var id = NewTokenId();
        var uses = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => store.TryUseAsync(id, Now.AddHours(1)))));
        Assert.Single(uses, used => used);
    }

    [Fact]
    public async Task TryUse_RemembersALink_UntilTheGraceAfterItExpires()
    {
        var store = Store(TimeSpan.FromMilliseconds(400));
        var id = NewTokenId();
        Assert.True(await store.TryUseAsync(id, Now.AddMilliseconds(400)));

        await PassAsync(TimeSpan.FromMilliseconds(500));
        Assert.False(await store.TryUseAsync(id, Now));

        await PassAsync(TimeSpan.FromMilliseconds(1000));
        Assert.True(await store.TryUseAsync(id, Now));
    }

    [Fact]
    public async Task TryUse_OfALinkAlreadyExpired_StillCountsOnce()
    {
        var store = Store();
        var id = NewTokenId();
        Assert.True(await store.TryUseAsync(id, Now.AddMinutes(-1)));
        Assert.False(await store.TryUseAsync(id, Now.AddMinutes(-1)));
    }
}
