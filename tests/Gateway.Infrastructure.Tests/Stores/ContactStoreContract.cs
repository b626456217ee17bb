using Gateway.Core.Sessions;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every contact store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class ContactStoreContract
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(30);

    protected abstract IContactStore Store { get; }

    /// <summary>Lets time pass for the store (a manual clock, or a real wait for Redis).</summary>
    protected abstract Task PassAsync(TimeSpan time);

    private static string NewId() => "test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Load_ReturnsVersionZero_ForAContactNeverSeen()
    {
        var snapshot = await Store.LoadAsync(NewId());
        Assert.Equal(0, snapshot.Version);
        Assert.Null(snapshot.Profile);
        Assert.Null(snapshot.Session);
    }

    [Fact]
    public async Task TrySave_StoresProfileAndSession_AndLoadReadsThemBack()
    {
        var id = NewId();
        var profile = new ContactProfile { Id = id, Language = "my", ZawgyiOutput = true, Country = "TH", Channels = ["sms"], OptedOut = true };
        var session = new Session { State = "report:category", Language = "my", PendingPages = ["page 2"] };
        session.Variables["category"] = "labour";

        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(id, 0, profile, session), Ttl));
        var loaded = await Store.LoadAsync(id);

        Assert.Equal(1, loaded.Version);
        Assert.Equal("my", loaded.Profile!.Language);
        Assert.True(loaded.Profile.ZawgyiOutput);
        Assert.True(loaded.Profile.OptedOut);
        Assert.Equal(["sms"], loaded.Profile.Channels);
        Assert.Equal("report:category", loaded.Session!.State);
        Assert.Equal("labour", loaded.Session.Variables["category"]);
        Assert.Equal(["page 2"], loaded.Session.PendingPages);
    }

    [Fact]
    public async Task TrySave_RefusesAndChangesNothing_WhenAnotherSaveCameFirst()
    {
        var id = NewId();
        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id, Language = "en" }, null), Ttl));

        Assert.False(await Store.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id, Language = "km" }, null), Ttl));

        var loaded = await Store.LoadAsync(id);
        Assert.Equal(1, loaded.Version);
        Assert.Equal("en", loaded.Profile!.Language);
    }

    [Fact]
    public async Task Update_AppliesEveryConcurrentChange_WithNoLostUpdate()
    {
        var id = NewId();
        const int writers = 40;
        await Task.WhenAll(Enumerable.Range(0, writers).Select(_ => Task.Run(() => Store.UpdateAsync(id, current =>
        {
            var session = current.Session?.Clone() ?? new Session();
            session.Variables["count"] = (int.Parse(session.Variables.GetValueOrDefault("count") ?? "0", System.Globalization.CultureInfo.InvariantCulture) + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return (current with { Session = session, Profile = current.Profile ?? new ContactProfile { Id = id } }, 0);
        }, Ttl, maxAttempts: 500))));

        var loaded = await Store.LoadAsync(id);
        Assert.Equal(writers.ToString(System.Globalization.CultureInfo.InvariantCulture), loaded.Session!.Variables["count"]);
        Assert.Equal(writers, loaded.Version);
    }

    [Fact]
    public async Task Update_WithAStaleFirstLoad_IsRefusedOnce_ThenAppliedToTheNewerSnapshot()
    {
        var id = NewId();
        var stale = Store.LoadAsync(id);
        await stale;
        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id, Language = "my" }, new Session { State = "main:menu" }), Ttl));

        var seen = new List<long>();
        var (saved, _) = await Store.UpdateAsync(id, current =>
        {
            seen.Add(current.Version);
            var session = current.Session?.Clone() ?? new Session();
            session.Variables["seen"] = "yes";
            return (current with { Session = session }, 0);
        }, Ttl, firstLoad: stale);

        Assert.Equal([0, 1], seen);
        Assert.Equal(2, saved.Version);
        var loaded = await Store.LoadAsync(id);
        Assert.Equal("my", loaded.Profile!.Language);
        Assert.Equal("main:menu", loaded.Session!.State);
        Assert.Equal("yes", loaded.Session.Variables["seen"]);
    }

    [Fact]
    public async Task Update_RefusesAFirstLoadOfAnotherContact()
    {
        var other = Store.LoadAsync(NewId());
        await Assert.ThrowsAsync<ArgumentException>(() => Store.UpdateAsync(NewId(), current => (current, 0), Ttl, firstLoad: other));
    }

    [Fact]
    public async Task Load_ForgetsTheSessionAfterItsTtl_ButKeepsTheProfile()
    {
        var id = NewId();
        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id, OptedOut = true }, new Session { State = "main:menu" }), TimeSpan.FromMilliseconds(300)));

        await PassAsync(TimeSpan.FromMilliseconds(700));

        var loaded = await Store.LoadAsync(id);
        Assert.Null(loaded.Session);
        Assert.True(loaded.Profile!.OptedOut);
    }
}
