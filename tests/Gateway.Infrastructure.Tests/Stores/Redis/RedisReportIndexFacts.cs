using Gateway.Core.Cases;
using Gateway.Infrastructure.Stores;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Tests.Support;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Tests.Stores.Redis;

/// <summary>
/// The report record is the truth and its indexes are repaired from it: a report whose index entries were lost
/// (a crash or a failover between its writes) is listed, found for its contact and due again after one repair.
/// On a Redis of its own, so that the repair's scan sees only this test's reports.
/// </summary>
public sealed class RedisReportIndexFacts : IDisposable
{
    private readonly PrivateRedis _redis = new(durable: false);
    private readonly ConnectionMultiplexer _connection;
    private readonly RedisReportStore _store;

    public RedisReportIndexFacts()
    {
        _connection = ConnectionMultiplexer.Connect($"{_redis.Endpoint},abortConnect=true");
        _store = new RedisReportStore(_connection);
    }

    public void Dispose()
    {
        _connection.Dispose();
        _redis.Dispose();
    }

    private static Report NewReport(string contactId, DateTimeOffset opened, DateTimeOffset? due) => new()
    {
        Reference = ReportReference.New(),
        ContactId = contactId,
        Category = "labour",
        Channel = "sms",
        Country = "TH",
        OpenedAt = opened,
        UpdatedAt = opened,
        Escalation = due is null ? null : new EscalationState
        {
            PolicyId = "p",
            Policy = new EscalationPolicy { Id = "p", Countries = ["TH"], Categories = ["labour"], Levels = [] },
            Token = EscalationState.NewToken(),
            NextStepAt = due,
        },
        Timeline = [new TimelineEntry(opened, "opened", "reporter", "Report opened by SMS.")],
    };

    [Fact]
    public async Task RepairIndexes_AddsBackEveryEntryAStoredReportLacks_AndIsIdempotent()
    {
        var opened = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);
        var lost = NewReport("contact-lost", opened, due: opened.AddMinutes(2));
        var intact = NewReport("contact-intact", opened.AddMinutes(1), due: null);
        await _store.CreateAsync(lost);
        await _store.CreateAsync(intact);

        // A report written before its record kept its index fields: only the version and the JSON.
        var older = NewReport("contact-older", opened.AddMinutes(2), due: opened.AddMinutes(5));
        var db = _connection.GetDatabase();
        await db.HashSetAsync($"gateway:report:{{{older.Reference}}}", [new("v", 1), new("json", StoreJson.Write(older))]);

        // The crash: the record is there, its index entries are not.
        await db.SortedSetRemoveAsync("gateway:reports:opened", lost.Reference);
        await db.SortedSetRemoveAsync($"gateway:reports:contact:{{contact-lost}}", lost.Reference);
        await db.SortedSetRemoveAsync("gateway:reports:due", lost.Reference);
        Assert.DoesNotContain(await _store.ListAsync(new ReportQuery()), r => r.Reference == lost.Reference);
        Assert.Null(await _store.LatestForContactAsync("contact-lost"));

        Assert.Equal(6, await _store.RepairIndexesAsync());

        var listed = (await _store.ListAsync(new ReportQuery())).Select(r => r.Reference).ToList();
        Assert.Equal([older.Reference, intact.Reference, lost.Reference], listed);
        Assert.Equal(lost.Reference, (await _store.LatestForContactAsync("contact-lost"))!.Reference);
        Assert.Equal(older.Reference, (await _store.LatestForContactAsync("contact-older"))!.Reference);
        var due = await _store.ListDueAsync(opened.AddHours(1), 10);
        Assert.Contains(lost.Reference, due);
        Assert.Contains(older.Reference, due);
        Assert.Equal(opened.AddMinutes(2).ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync("gateway:reports:due", lost.Reference));

        // Nothing more to add; an index entry that is there is not moved.
        Assert.Equal(0, await _store.RepairIndexesAsync());
        Assert.Equal(opened.ToUnixTimeMilliseconds(), await db.SortedSetScoreAsync("gateway:reports:opened", lost.Reference));
    }
}
