using Gateway.Core.Cases;
using Gateway.Core.Sessions;
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
    protected override IContactStore Store { get; } = new RedisContactStore(RedisTestServer.Multiplexer);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);
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
    protected override IMessageDedupe Dedupe { get; } = new RedisMessageDedupe(RedisTestServer.Multiplexer);

    protected override Task PassAsync(TimeSpan time) => Task.Delay(time);
}

public class InMemoryReportStoreFacts : ReportStoreContract
{
    protected override IReportStore Reports { get; } = new InMemoryReportStore();
}

public class RedisReportStoreFacts : ReportStoreContract
{
    protected override IReportStore Reports { get; } = new RedisReportStore(RedisTestServer.Multiplexer);
}
