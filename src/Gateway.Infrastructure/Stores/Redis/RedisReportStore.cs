using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Reports in Redis (production runs Redis with AOF and appendfsync always, so a stored report survives a crash).
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:report:{&lt;reference&gt;}</c> hash: <c>v</c> version (incremented on every save), <c>json</c> the report. No expiry while open.</item>
/// <item><c>gateway:reports:opened</c> sorted set: references scored by the time they opened (unix ms).</item>
/// <item><c>gateway:reports:contact:{&lt;contactId&gt;}</c> sorted set: the contact's references by opening time.</item>
/// <item><c>gateway:reports:due</c> sorted set: references of reports with a pending escalation step, scored by when
/// it is due (unix ms, <see cref="Report.PendingStepDue"/>). Before a save that brings a step forward the entry is
/// lowered (ZADD LT) and after every save it is set exactly (or removed), so a crash in between leaves an entry too
/// early, which the watchdog corrects, and never a pending step without one.</item>
/// </list>
/// Every change is a compare-and-set on the version, so two processes never lose each other's update.
/// </summary>
public sealed class RedisReportStore(IConnectionMultiplexer redis) : IReportStore
{
    private const string CreateScript = """
        if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
        redis.call('HSET', KEYS[1], 'v', 1, 'json', ARGV[1])
        return 1
        """;

    private const string SaveScript = """
        local v = tonumber(redis.call('HGET', KEYS[1], 'v') or '0')
        if v ~= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', v + 1, 'json', ARGV[2])
        return 1
        """;

    private const string OpenedKey = "gateway:reports:opened";

    private const string DueKey = "gateway:reports:due";

    public async Task CreateAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var db = redis.GetDatabase();
        if ((int)await db.ScriptEvaluateAsync(CreateScript, [Key(report.Reference)], [StoreJson.Write(report)]) != 1)
        {
            throw new InvalidOperationException($"A report with reference {report.Reference} exists already.");
        }

        var score = report.OpenedAt.ToUnixTimeMilliseconds();
        await Task.WhenAll(
            db.SortedSetAddAsync(OpenedKey, report.Reference, score),
            db.SortedSetAddAsync(ContactKey(report.ContactId), report.Reference, score),
            IndexDueAsync(db, report.Reference, report.PendingStepDue()));
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

            if ((int)await db.ScriptEvaluateAsync(SaveScript, [Key(reference)], [version, StoreJson.Write(next)]) == 1)
            {
                await IndexDueAsync(db, reference, dueAfter);

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

    private static Task<bool> IndexDueAsync(IDatabase db, string reference, DateTimeOffset? due) =>
        due is { } at ? db.SortedSetAddAsync(DueKey, reference, at.ToUnixTimeMilliseconds()) : db.SortedSetRemoveAsync(DueKey, reference);

    private static async Task<(Report? Report, long Version)> LoadAsync(IDatabase db, string reference)
    {
        var fields = await db.HashGetAsync(Key(reference), ["v", "json"]);
        return (StoreJson.Read<Report>(fields[1]), fields[0].HasValue ? (long)fields[0] : 0);
    }

    internal static RedisKey Key(string reference) => $"gateway:report:{{{reference}}}";

    internal static RedisKey ContactKey(string contactId) => $"gateway:reports:contact:{{{contactId}}}";
}
