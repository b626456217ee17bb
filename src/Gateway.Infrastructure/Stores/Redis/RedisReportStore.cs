using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Reports in Redis (production runs Redis with AOF and appendfsync always, so a stored report survives a crash).
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:report:{&lt;reference&gt;}</c> string: the report JSON. No expiry while open.</item>
/// <item><c>gateway:reports:opened</c> sorted set: references scored by the time they opened.</item>
/// </list>
/// </summary>
public sealed class RedisReportStore(IConnectionMultiplexer redis) : IReportStore
{
    public async Task CreateAsync(Report report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        var db = redis.GetDatabase();
        if (!await db.StringSetAsync(Key(report.Reference), StoreJson.Write(report), when: When.NotExists))
        {
            throw new InvalidOperationException($"A report with reference {report.Reference} exists already.");
        }

        await db.SortedSetAddAsync("gateway:reports:opened", report.Reference, report.OpenedAt.ToUnixTimeMilliseconds());
    }

    public async Task<Report?> FindAsync(string reference, CancellationToken cancellationToken = default) =>
        StoreJson.Read<Report>(await redis.GetDatabase().StringGetAsync(Key(reference)));

    internal static RedisKey Key(string reference) => $"gateway:report:{{{reference}}}";
}
