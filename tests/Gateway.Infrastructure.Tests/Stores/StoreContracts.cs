using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Core.CheckIns;
using Gateway.Core.Outbound;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;

namespace Gateway.Infrastructure.Tests.Stores;

public class InMemoryContactStoreFacts : ContactStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);

    public InMemoryContactStoreFacts() => Store = new InMemoryContactStore(_clock);

    protected override IContactStore Store { get; }

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public class RedisContactStoreFacts : ContactStoreContract
{
    private static readonly DataKey Key = DataKey.Generate();

    protected override IContactStore Store { get; } = new RedisContactStore(RedisTestServer.Multiplexer, Key);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Session_IsSealedInRedis_SoWhatThePersonTypedIsNotReadable()
    {
        var id = "test-" + Guid.NewGuid().ToString("N");
        var session = new Session { State = "report:for_whom", PendingPages = ["a page"] };
        session.Variables["place"] = "Mahachai pier ท่าเรือ";

        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id }, session), TimeSpan.FromMinutes(1)));

        var stored = (string)(await RedisTestServer.Multiplexer.GetDatabase().StringGetAsync($"gateway:{{{id}}}:session"))!;
        Assert.DoesNotContain("Mahachai", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("report:for_whom", stored, StringComparison.Ordinal);
        Assert.Contains("Mahachai pier", Key.Open(stored), StringComparison.Ordinal);
        Assert.Equal("Mahachai pier ท่าเรือ", (await Store.LoadAsync(id)).Session!.Variables["place"]);
    }

    [Fact]
    public async Task SessionStoredAsPlainJsonBeforeSealing_IsStillRead_AndSealedAtTheNextSave()
    {
        var id = "test-" + Guid.NewGuid().ToString("N");
        var db = RedisTestServer.Multiplexer.GetDatabase();
        await db.HashSetAsync($"gateway:{{{id}}}:contact", [new("v", 3), new("profile", "{\"id\":\"" + id + "\",\"language\":\"th\"}")]);
        await db.StringSetAsync($"gateway:{{{id}}}:session", "{\"state\":\"report:for_whom\",\"language\":\"th\",\"variables\":{\"place\":\"old place\"}}", TimeSpan.FromMinutes(1));

        var loaded = await Store.LoadAsync(id);
        Assert.Equal(3, loaded.Version);
        Assert.Equal("old place", loaded.Session!.Variables["place"]);

        Assert.True(await Store.TrySaveAsync(loaded, TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain("old place", (string)(await db.StringGetAsync($"gateway:{{{id}}}:session"))!, StringComparison.Ordinal);
        Assert.Equal("old place", (await Store.LoadAsync(id)).Session!.Variables["place"]);
    }

    [Fact]
    public async Task DiscretionIsSealedInRedis_NeitherItsValueNorItsPresenceShowing_AndAFlagThatCannotBeOpenedReadsAsDiscreet()
    {
        var discreet = "test-" + Guid.NewGuid().ToString("N");
        var plain = "test-" + Guid.NewGuid().ToString("N");
        var db = RedisTestServer.Multiplexer.GetDatabase();

        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(discreet, 0, new ContactProfile { Id = discreet, Discreet = true }, null), TimeSpan.FromMinutes(1)));
        Assert.True(await Store.TrySaveAsync(new ContactSnapshot(plain, 0, new ContactProfile { Id = plain }, null), TimeSpan.FromMinutes(1)));

        foreach (var id in new[] { discreet, plain })
        {
            Assert.DoesNotContain("discreet", (string)(await db.HashGetAsync($"gateway:{{{id}}}:contact", "profile"))!, StringComparison.OrdinalIgnoreCase);
            Assert.True((await db.HashGetAsync($"gateway:{{{id}}}:contact", "d")).HasValue);
        }

        Assert.True((await Store.LoadAsync(discreet)).Profile!.Discreet);
        Assert.False((await Store.LoadAsync(plain)).Profile!.Discreet);
        Assert.True((await new RedisContactStore(RedisTestServer.Multiplexer, DataKey.Generate()).LoadAsync(plain)).Profile!.Discreet);
    }

    [Fact]
    public async Task SessionSealedWithAnotherKey_IsReadAsNoSession_SoThePersonStartsAgain()
    {
        var id = "test-" + Guid.NewGuid().ToString("N");
        var other = new RedisContactStore(RedisTestServer.Multiplexer, DataKey.Generate());
        Assert.True(await other.TrySaveAsync(new ContactSnapshot(id, 0, new ContactProfile { Id = id }, new Session { State = "main:menu" }), TimeSpan.FromMinutes(1)));

        var loaded = await Store.LoadAsync(id);

        Assert.Equal(1, loaded.Version);
        Assert.Null(loaded.Session);
    }
}

public class InMemoryMessageDedupeFacts : MessageDedupeContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);

    public InMemoryMessageDedupeFacts() => Dedupe = new InMemoryMessageDedupe(_clock);

    protected override IMessageDedupe Dedupe { get; }

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public class RedisMessageDedupeFacts : MessageDedupeContract
{
    private static readonly DataKey Key = DataKey.Generate();

    protected override IMessageDedupe Dedupe { get; } = new RedisMessageDedupe(RedisTestServer.Multiplexer, Key);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Reply_IsSealedInRedis_AndAPlainReplyStoredBeforeSealingIsStillGiven()
    {
        const string Reply = "<Response><Message>Your reference is K7M2QXH</Message></Response>";
        var sid = "SM" + Guid.NewGuid().ToString("N");
        await Dedupe.ClaimAsync(sid, TimeSpan.FromMinutes(1));
        await Dedupe.CompleteAsync(sid, Reply, TimeSpan.FromMinutes(1));

        var db = RedisTestServer.Multiplexer.GetDatabase();
        Assert.Equal((DedupeClaim.Answered, Reply), await Dedupe.ClaimAsync(sid, TimeSpan.FromMinutes(1)));
        Assert.DoesNotContain("K7M2QXH", (string)(await db.StringGetAsync($"gateway:dedupe:{{{sid}}}"))!, StringComparison.Ordinal);

        var old = "SM" + Guid.NewGuid().ToString("N");
        await db.StringSetAsync($"gateway:dedupe:{{{old}}}", "<Response/>", TimeSpan.FromMinutes(1));
        Assert.Equal((DedupeClaim.Answered, "<Response/>"), await Dedupe.ClaimAsync(old, TimeSpan.FromMinutes(1)));
    }
}

public class InMemoryReportStoreFacts : ReportStoreContract
{
    protected override IReportStore Reports { get; } = new InMemoryReportStore();
}

public class RedisReportStoreFacts : ReportStoreContract
{
    protected override IReportStore Reports { get; } = new RedisReportStore(RedisTestServer.Multiplexer);
}

public class InMemoryOutboxFacts : OutboxContract
{
    protected override IOutbox Outbox { get; } = new InMemoryOutbox();
}

public class RedisOutboxFacts : OutboxContract
{
    protected override IOutbox Outbox { get; } = new RedisOutbox(RedisTestServer.Multiplexer);

    [Fact]
    public async Task Save_KeepsPendingMessages_AndLetsSettledOnesExpireAfterTheRetention()
    {
        var outbox = new RedisOutbox(RedisTestServer.Multiplexer, retention: TimeSpan.FromMinutes(10));
        var at = DateTimeOffset.UtcNow;
        var message = new OutboundMessage { Id = OutboundMessage.NewId(), ContactId = "test", Purpose = "test", SealedBody = "x", CreatedAt = at, UpdatedAt = at };
        await outbox.TryAddAsync(message);
        var db = RedisTestServer.Multiplexer.GetDatabase();
        Assert.Null(await db.KeyTimeToLiveAsync(RedisOutbox.MessageKey(message.Id)));

        var sid = "SM" + Guid.NewGuid().ToString("N");
        await outbox.TrySaveAsync(message with { State = OutboundState.Sent, ProviderSid = sid }, 1);

        Assert.InRange(await db.KeyTimeToLiveAsync(RedisOutbox.MessageKey(message.Id)) ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
        Assert.InRange(await db.KeyTimeToLiveAsync(RedisOutbox.SidKey(sid)) ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }
}

public class InMemoryOutboundQuotaFacts : OutboundQuotaContract
{
    protected override IOutboundQuota Quota { get; } = new InMemoryOutboundQuota();
}

public class RedisOutboundQuotaFacts : OutboundQuotaContract
{
    protected override IOutboundQuota Quota { get; } = new RedisOutboundQuota(RedisTestServer.Multiplexer);
}

public class InMemoryAccountStoreFacts : AccountStoreContract
{
    protected override IAccountStore Store { get; } = new InMemoryAccountStore();
}

public class RedisAccountStoreFacts : AccountStoreContract
{
    protected override IAccountStore Store { get; } = new RedisAccountStore(RedisTestServer.Multiplexer);

    [Fact]
    public async Task Keys_ShareTheAccountsHashTag_AndHoldNoKeyOrNumber()
    {
        var store = (RedisAccountStore)Store;
        var organisation = new Organisation { Id = AccountIds.NewOrganisationId(), Name = "Tag test " + Guid.NewGuid().ToString("N"), CreatedAt = DateTimeOffset.UtcNow };
        await store.CreateOrganisationAsync(organisation);
        var key = ApiKeys.New();
        var account = await store.CreateAccountAsync(new Account { Id = AccountIds.NewAccountId(), OrganisationId = organisation.Id, Name = "Desk", Role = Role.Admin, ApiKeyId = key.KeyId, ApiKeyHash = key.Hash, CreatedAt = DateTimeOffset.UtcNow });

        var db = RedisTestServer.Multiplexer.GetDatabase();
        var json = (string?)await db.StringGetAsync(RedisAccountStore.AccountKey(account.Id));
        Assert.Contains("\"role\":\"admin\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key, json, StringComparison.Ordinal);
        Assert.DoesNotContain(key.Key[(3 + ApiKeys.KeyIdLength + 1)..], json, StringComparison.Ordinal);
        Assert.Equal(account.Id, (string?)await db.StringGetAsync(RedisAccountStore.ApiKeyKey(key.KeyId)));
        Assert.StartsWith("gateway:{accounts}:", RedisAccountStore.ResponderKey("x").ToString(), StringComparison.Ordinal);
    }
}

public class InMemoryCheckInStoreFacts : CheckInStoreContract
{
    private readonly ManualClock _clock = new(DateTimeOffset.UnixEpoch);

    public InMemoryCheckInStoreFacts() => Store = new InMemoryCheckInStore(_clock);

    protected override ICheckInStore Store { get; }

    protected override Task PassAsync(TimeSpan time)
    {
        _clock.Advance(time);
        return Task.CompletedTask;
    }
}

public class RedisCheckInStoreFacts : CheckInStoreContract
{
    protected override ICheckInStore Store { get; } = new RedisCheckInStore(RedisTestServer.Multiplexer);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);

    [Fact]
    public async Task Keys_NameTheContactOnly()
    {
        Assert.Equal("gateway:checkin:{abc}", RedisCheckInStore.Key("abc").ToString());
        Assert.Equal("gateway:checkin-invited:{abc}", RedisCheckInStore.InvitedKey("abc").ToString());
        var id = "c-" + Guid.NewGuid().ToString("N");
        await Store.UpdateAsync(id, _ => new CheckInRecord { ContactId = id }, TimeSpan.FromMinutes(10));
        var ttl = await RedisTestServer.Multiplexer.GetDatabase().KeyTimeToLiveAsync(RedisCheckInStore.Key(id));
        Assert.InRange(ttl ?? TimeSpan.Zero, TimeSpan.FromMinutes(9), TimeSpan.FromMinutes(10));
    }
}
