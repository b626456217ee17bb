using System.Globalization;
using Gateway.Core.Sessions;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Stores.Redis;

/// <summary>
/// Inbound message counts in Redis, shared by every gateway process.
/// Key layout (windows are numbered: Unix time divided by the window's length):
/// <list type="bullet">
/// <item><c>gateway:{&lt;contactId&gt;}:inbound:&lt;channel&gt;:&lt;window&gt;</c> string: messages from one sender on one channel in the window.</item>
/// <item><c>gateway:{&lt;contactId&gt;}:inbound:&lt;channel&gt;:&lt;window&gt;:told</c> string: set once the limited sender was told.</item>
/// <item><c>gateway:inbound:&lt;channel&gt;:&lt;window&gt;</c> string: messages from everyone on the channel in the window.</item>
/// </list>
/// Each expires two windows after it was first written. The sender's keys share the contact's hash tag.
/// </summary>
public sealed class RedisInboundCounter(IConnectionMultiplexer redis) : IInboundCounter
{
    // The expiry is set with the first count only, so a busy key still goes when its window is over.
    private const string CountScript = """
        local n = redis.call('INCR', KEYS[1])
        if n == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
        return n
        """;

    public async Task<InboundCounts> CountAsync(string contactId, string channel, long window, TimeSpan windowLength, bool countChannel, CancellationToken cancellationToken = default)
    {
        var db = redis.GetDatabase();
        var keep = Keep(windowLength);

        // Both go out together and come back in one round trip.
        var sender = db.ScriptEvaluateAsync(CountScript, [SenderKey(contactId, channel, window)], [keep]);
        var all = countChannel ? db.ScriptEvaluateAsync(CountScript, [ChannelKey(channel, window)], [keep]) : null;
        var senderCount = (long)await sender;
        return new InboundCounts(senderCount, all is null ? 0 : (long)await all);
    }

    public Task<bool> TryClaimNoticeAsync(string contactId, string channel, long window, TimeSpan windowLength, CancellationToken cancellationToken = default) =>
        redis.GetDatabase().StringSetAsync(SenderKey(contactId, channel, window).Append(":told"), "1", TimeSpan.FromMilliseconds(Keep(windowLength)), When.NotExists);

    private static long Keep(TimeSpan windowLength) => (long)Math.Max(1000, 2 * windowLength.TotalMilliseconds);

    private static RedisKey SenderKey(string contactId, string channel, long window) =>
        $"gateway:{{{contactId}}}:inbound:{channel}:{window.ToString(CultureInfo.InvariantCulture)}";

    private static RedisKey ChannelKey(string channel, long window) =>
        $"gateway:inbound:{channel}:{window.ToString(CultureInfo.InvariantCulture)}";
}
