using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Reports in Redis (production runs Redis with AOF and appendfsync always, so a stored report survives a crash;
/// with replicas, a report's writes also wait for <see cref="ReplicaWait"/>, decision 0011).
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:report:{&lt;reference&gt;}</c> hash: <c>v</c> version (incremented on every save), <c>json</c> the
/// report, <c>o</c> when it opened (unix ms), <c>c</c> its contact id, <c>d</c> when its pending escalation step is
/// due (unix ms, empty for none). No expiry while open. This record is the truth: the indexes below are written
/// after it, and the watchdog adds back an entry it lacks (<see cref="RepairIndexesAsync"/>).</item>
/// <item><c>gateway:reports:opened</c> sorted set: references scored by the time they opened (unix ms).</item>
/// <item><c>gateway:reports:contact:{&lt;contactId&gt;}</c> sorted set: the contact's references by opening time.</item>
/// <item><c>gateway:reports:due</c> sorted set: references of reports with a pending escalation step, scored by when
/// it is due (unix ms, <see cref="Report.PendingStepDue"/>). Before a save that brings a step forward the entry is
/// lowered (ZADD LT) and after every save it is set exactly (or removed), so a crash in between leaves an entry too
/// early, which the watchdog corrects, and never a pending step without one.</item>
/// <item><c>gateway:report-for:{&lt;channel:messageId&gt;}</c> string: the reference an inbound message opened or
/// joined, written before the report; expires after the time it is kept (30 days by default).</item>
/// </list>
/// Every change is a compare-and-set on the version, so two processes never lose each other's update. Every index
/// write is idempotent (ZADD NX for the opening time, which never changes), so writing them again is harmless.
/// </summary>
public sealed class RedisReportStore(IConnectionMultiplexer redis, ReplicaWait? durable = null) : IReportStore
{
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', 1, 'json', ARGV[1], 'o', ARGV[2], 'c', ARGV[3], 'd', ARGV[4])
        return 1
        """;

    private const string SaveScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'json', ARGV[2], 'o', ARGV[3], 'c', ARGV[4], 'd', ARGV[5])
        return 1
        """;

    // The reference already recorded for a message, or nothing when this one is recorded now.
    private const string RecordMessageScript = """
        local recorded = redis.call('GET', KEYS[1])
        if recorded then return recorded end
        redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
        return false
        """;

    private const string ReportPattern = "gateway:report:{*}";

    private ReplicaWait Durable => durable ?? ReplicaWait.None;

    private const string OpenedKey = "gateway:reports:opened";

    private const string DueKey = "gateway:reports:due";

    public async Task CreateAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var db = redis.GetDatabase();
        var due = report.PendingStepDue();
        if ((int)await db.ScriptEvaluateAsync(CreateScript, [Key(report.Reference)], [StoreJson.Write(report), report.OpenedAt.ToUnixTimeMilliseconds(), report.ContactId, Ms(due)]) != 1)
        {
            throw new InvalidOperationException($"A report with reference {report.Reference} exists already.");
        }

        await IndexAsync(db, report.Reference, report.ContactId, report.OpenedAt, due);
        await Durable.WaitAsync(Key(report.Reference));
    }

    public async Task<string?> RecordMessageAsync(string messageId, string reference, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        var key = MessageKey(messageId);
        var recorded = await redis.GetDatabase().ScriptEvaluateAsync(RecordMessageScript, [key], [reference, (long)Math.Max(1, keep.TotalMilliseconds)]);
        await Durable.WaitAsync(key);
        return recorded.IsNull ? null : (string?)recorded;
    }

    /// <summary>
    /// Reads every stored report's own index fields (a SCAN of each primary, so its cost grows with the keys in
    /// Redis, not with what is missing) and adds back the entries missing from the indexes. An entry added from a
    /// read that a save overtook is at worst an early due entry, which the watchdog corrects.
    /// </summary>
    public async Task<int> RepairIndexesAsync(CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var added = 0;
        foreach (var server in redis.GetServers().Where(s => s.IsConnected && !s.IsReplica))
        {
            var batch = new List<RedisKey>();
            await foreach (var key in server.KeysAsync(db.Database, ReportPattern, pageSize: 500).WithCancellation(cancellationToken))
            {
                batch.Add(key);
                if (batch.Count == 500)
                {
                    added += await RepairAsync(db, batch);
                    batch.Clear();
                }
            }

            added += await RepairAsync(db, batch);
        }

        return added;
    }

    private static async Task<int> RepairAsync(IDatabase db, List<RedisKey> keys)
    {
        var checks = keys.Select(async key =>
        {
            var text = (string)key!;
            var reference = text[(text.IndexOf('{', StringComparison.Ordinal) + 1)..^1];
            var fields = await db.HashGetAsync(key, ["o", "c", "d", "json"]);
            var (opened, contactId, due) = (fields[0], fields[1], fields[2]);
            if (opened.IsNull || contactId.IsNull)
            {
                // Written before the record kept its index fields: read them from the report itself. One that cannot
                // be read is left to the watchdog's alert for it, and the others are still repaired.
                Report? report;
                try
                {
                    report = StoreJson.Read<Report>(fields[3]);
                }
                catch (System.Text.Json.JsonException)
                {
                    return 0;
                }

                if (report is null)
                {
                    return 0;
                }

                (opened, contactId, due) = (report.OpenedAt.ToUnixTimeMilliseconds(), report.ContactId, Ms(report.PendingStepDue()));
            }

            var results = await Task.WhenAll(
                db.SortedSetAddAsync(ContactKey(contactId!), reference, (double)opened, SortedSetWhen.NotExists),
                db.SortedSetAddAsync(OpenedKey, reference, (double)opened, SortedSetWhen.NotExists),
                due.IsNullOrEmpty ? Task.FromResult(false) : db.SortedSetAddAsync(DueKey, reference, (double)due, SortedSetWhen.LessThan));
            return results.Count(r => r);
        });
        return (await Task.WhenAll(checks)).Sum();
    }

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default) =>
        (await LoadAsync(redis.GetDatabase(), reference)).Report;

    public async Task<(Report? Report, bool Changed)> UpdateAsync(string reference, Func<Report, Report?> change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        var db = redis.GetDatabase();
        for (var attempt = 1; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (current, version) = await LoadAsync(db, reference);
            if (current is null)
            {
                return (null, false);
            }

            if (change(current) is not { } next)
            {
                return (current, false);
            }

            var (dueBefore, dueAfter) = (current.PendingStepDue(), next.PendingStepDue());
            if (dueAfter is { } earlier && (dueBefore is null || earlier < dueBefore))
            {
                await db.SortedSetAddAsync(DueKey, reference, earlier.ToUnixTimeMilliseconds(), SortedSetWhen.LessThan);
            }

            if ((int)await db.ScriptEvaluateAsync(SaveScript, [Key(reference)], [version, StoreJson.Write(next), next.OpenedAt.ToUnixTimeMilliseconds(), next.ContactId, Ms(dueAfter)]) == 1)
            {
                await IndexAsync(db, reference, next.ContactId, next.OpenedAt, dueAfter);
                await Durable.WaitAsync(Key(reference));
                return (next, true);
            }

            if (attempt >= 50)
            {
                throw new InvalidOperationException($"Report {reference} was changed by others {attempt} times in a row; giving up on this change.");
            }

            await Task.Delay(Random.Shared.Next(1, 5 * Math.Min(attempt, 10)), cancellationToken);
        }
    }

    public async Task<IReadOnlyList<Report>> ListAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        var db = redis.GetDatabase();
        var found = new List<Report>();
        const int batch = 200;
        for (long start = 0; found.Count < query.Limit; start += batch)
        {
            var references = await db.SortedSetRangeByRankAsync(OpenedKey, start, start + batch - 1, Order.Descending);
            if (references.Length == 0)
            {
                break;
            }

            var loads = references.Select(r => LoadAsync(db, r!)).ToList();
            foreach (var (report, _) in await Task.WhenAll(loads))
            {
                if (report is not null && query.Matches(report) && found.Count < query.Limit)
                {
                    found.Add(report);
                }
            }

            // Newest first: once a batch is older than the query wants, no later batch can match.
            if (query.OpenedAfter is { } after && (await LoadAsync(db, references[^1]!)).Report is { } oldest && oldest.OpenedAt <= after)
            {
                break;
            }
        }

        return found;
    }

    public async Task<Report?> LatestForContactAsync(string contactId, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var latest = await db.SortedSetRangeByRankAsync(ContactKey(contactId), 0, 0, Order.Descending);
        return latest.Length == 0 ? null : (await LoadAsync(db, latest[0]!)).Report;
    }

    public async Task<IReadOnlyList<string>> ListDueAsync(DateTimeOffset dueBefore, int limit, CancellationToken cancellationToken = default)
    {
        var due = await redis.GetDatabase().SortedSetRangeByScoreAsync(DueKey, double.NegativeInfinity, dueBefore.ToUnixTimeMilliseconds(), take: limit);
        return [.. due.Select(r => r.ToString())];
    }

    /// <summary>
    /// The report's index entries, after its record and in this order: the opened index last, so that a report
    /// missing from it is one whose indexes were not all written (which the watchdog repairs).
    /// </summary>
    private static async Task IndexAsync(IDatabase db, string reference, string contactId, DateTimeOffset openedAt, DateTimeOffset? due)
    {
        var opened = openedAt.ToUnixTimeMilliseconds();
        await Task.WhenAll(
            db.SortedSetAddAsync(ContactKey(contactId), reference, opened, SortedSetWhen.NotExists),
            due is { } at ? db.SortedSetAddAsync(DueKey, reference, at.ToUnixTimeMilliseconds()) : db.SortedSetRemoveAsync(DueKey, reference));
        await db.SortedSetAddAsync(OpenedKey, reference, opened, SortedSetWhen.NotExists);
    }

    private static RedisValue Ms(DateTimeOffset? at) => at is { } value ? value.ToUnixTimeMilliseconds() : RedisValue.EmptyString;

    private static async Task<(Report? Report, long Version)> LoadAsync(IDatabase db, string reference)
    {
        var fields = await db.HashGetAsync(Key(reference), ["v", "json"]);
        return (StoreJson.Read<Report>(fields[1]), fields[0].HasValue ? (long)fields[0] : 0);
    }

    internal static RedisKey Key(string reference) => $"gateway:report:{{{reference}}}";

    internal static RedisKey ContactKey(string contactId) => $"gateway:reports:contact:{{{contactId}}}";

    internal static RedisKey MessageKey(string messageId) => $"gateway:report-for:{{{messageId}}}";
}
