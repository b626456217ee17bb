using System.Globalization;
using Gateway.Core.Outbound;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Daily outbound counts in Redis, shared by every gateway process.
/// Key layout (under the outbox's <c>{outbound}</c> hash tag; days are UTC dates):
/// <list type="bullet">
/// <item><c>gateway:{outbound}:count:&lt;yyyy-MM-dd&gt;</c> string: messages counted that day, all contacts.</item>
/// <item><c>gateway:{outbound}:count:&lt;yyyy-MM-dd&gt;:&lt;contactId&gt;</c> string: messages counted that day for one contact.</item>
/// </list>
/// Both expire two days after they are last counted.
/// </summary>
public sealed class RedisOutboundQuota(IConnectionMultiplexer redis) : IOutboundQuota
{
    // Check both caps, then count in both, in one step: concurrent senders never go past a cap.
    private const string TakeScript = """
        local contact = tonumber(redis.call('GET', KEYS[2]) or '0')
        if contact >= tonumber(ARGV[1]) then return 1 end
        local day = tonumber(redis.call('GET', KEYS[1]) or '0')
        if day >= tonumber(ARGV[2]) then return 2 end
        redis.call('INCR', KEYS[1])
        redis.call('PEXPIRE', KEYS[1], ARGV[3])
        redis.call('INCR', KEYS[2])
        redis.call('PEXPIRE', KEYS[2], ARGV[3])
        return 0
        """;

    private static readonly long KeepMs = (long)TimeSpan.FromDays(2).TotalMilliseconds;

    public async Task<QuotaOutcome> TryTakeAsync(string contactId, DateOnly day, int perContactCap, int dailyCap, CancellationToken cancellationToken = default)
    {
        var dayKey = "gateway:{outbound}:count:" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var result = (int)await redis.GetDatabase().ScriptEvaluateAsync(
            TakeScript,
            [dayKey, dayKey + ":" + contactId],
            [perContactCap, dailyCap, KeepMs]);
        return result switch
        {
            0 => QuotaOutcome.Taken,
            1 => QuotaOutcome.ContactCapReached,
            _ => QuotaOutcome.DailyCapReached,
        };
    }
}
