using System.Globalization;
using Gateway.Core.Cases;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Page counts and held pages during a flood, in Redis. Key layout:
/// <list type="bullet">
/// <item><c>gateway:flood:{&lt;targetId&gt;}:pages</c> sorted set: page keys (reference/notification id) scored by when
/// they were first counted (unix ms, raised to one more than the last score so that the order is the order of arrival
/// even within a millisecond); older than the window they are removed; expires a window after the last page.</item>
/// <item><c>gateway:flood:summary:{&lt;summaryId&gt;}</c> hash: <c>state</c> open, closed (taken for sending) or sent;
/// <c>lease</c> until when the process sending it holds it (unix ms).</item>
/// <item><c>gateway:flood:summary:{&lt;summaryId&gt;}:held</c> set: the held pages (reference|notification id|level).</item>
/// </list>
/// The two summary keys share a hash tag, so each script runs on one node of a cluster.
/// </summary>
public sealed class RedisPageFloodStore(IConnectionMultiplexer redis) : IPageFloodStore
{
    private const string CountScript = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[2])
        if not redis.call('ZSCORE', KEYS[1], ARGV[3]) then
          local score = tonumber(ARGV[1])
          local last = redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')
          if last[2] and tonumber(last[2]) >= score then score = tonumber(last[2]) + 1 end
          redis.call('ZADD', KEYS[1], score, ARGV[3])
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        return redis.call('ZRANK', KEYS[1], ARGV[3])
        """;

    private const string HoldScript = """
        if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 1 then return 1 end
        local state = redis.call('HGET', KEYS[1], 'state')
        if state and state ~= 'open' then return 0 end
        redis.call('HSET', KEYS[1], 'state', 'open')
        redis.call('SADD', KEYS[2], ARGV[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[2])
        return 1
        """;

    private const string TakeScript = """
        local state = redis.call('HGET', KEYS[1], 'state')
        if not state or state == 'sent' then return false end
        local lease = tonumber(redis.call('HGET', KEYS[1], 'lease') or '0')
        if lease > tonumber(ARGV[1]) then return false end
        redis.call('HSET', KEYS[1], 'state', 'closed', 'lease', ARGV[2])
        local pages = redis.call('SMEMBERS', KEYS[2])
        table.insert(pages, 1, lease > 0 and '1' or '0')
        return pages
        """;

    public async Task<int> CountAsync(string targetId, string pageKey, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var at = now.ToUnixTimeMilliseconds();
        var rank = await redis.GetDatabase().ScriptEvaluateAsync(CountScript, [PagesKey(targetId)],
            [at, at - (long)window.TotalMilliseconds, pageKey, Math.Max(1, (long)window.TotalMilliseconds)]);
        return (int)rank;
    }

    public async Task<bool> HoldAsync(string summaryId, HeldPage page, TimeSpan keep, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(page);
        var held = await redis.GetDatabase().ScriptEvaluateAsync(HoldScript, [SummaryKey(summaryId), HeldKey(summaryId)],
            [page.ToString(), Math.Max(1, (long)keep.TotalMilliseconds)]);
        return (int)held == 1;
    }

    public async Task<SummaryLease?> TakeAsync(string summaryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        var taken = await redis.GetDatabase().ScriptEvaluateAsync(TakeScript, [SummaryKey(summaryId), HeldKey(summaryId)],
            [now.ToUnixTimeMilliseconds(), leaseUntil.ToUnixTimeMilliseconds()]);
        if (taken.IsNull || taken.Resp2Type != ResultType.Array)
        {
            return null;
        }

        var values = (RedisValue[])taken!;
        if (values.Length <= 1)
        {
            return null;
        }

        return new SummaryLease([.. values.Skip(1).Select(v => HeldPage.Parse(v.ToString())).OrderBy(p => p.Reference, StringComparer.Ordinal)], values[0] == "1");
    }

    public async Task<IReadOnlyList<HeldPage>> PagesAsync(string summaryId, CancellationToken cancellationToken = default) =>
        [.. (await redis.GetDatabase().SetMembersAsync(HeldKey(summaryId))).Select(v => HeldPage.Parse(v.ToString())).OrderBy(p => p.Reference, StringComparer.Ordinal)];

    public Task ReleaseAsync(string summaryId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().HashSetAsync(SummaryKey(summaryId), "lease", 0.ToString(CultureInfo.InvariantCulture));

    public Task CompleteAsync(string summaryId, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().HashSetAsync(SummaryKey(summaryId), [new HashEntry("state", "sent"), new HashEntry("lease", 0)]);

    private static RedisKey PagesKey(string targetId) => $"gateway:flood:{{{targetId}}}:pages";

    private static RedisKey SummaryKey(string summaryId) => $"gateway:flood:summary:{{{summaryId}}}";

    private static RedisKey HeldKey(string summaryId) => $"gateway:flood:summary:{{{summaryId}}}:held";
}
