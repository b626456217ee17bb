using Gateway.Core.Flows.Loading;
using StackExchange.Redis;

namespace Gateway.Infrastructure.Flows;

/// <summary>
/// Shares the served flows revision between gateway processes, so that all of them serve the same one: the
/// files of a revision are stored in Redis and its id announced; the others load it from there.
/// Key layout:
/// <list type="bullet">
/// <item><c>gateway:flows:active</c> string: the revision every process should serve.</item>
/// <item><c>gateway:flows:revision:{&lt;revision&gt;}</c> hash: display path ("flows/main.yaml") → file text. Kept 30 days.</item>
/// <item>channel <c>gateway:flows:announce</c>: the revision id, published when a process starts serving it.</item>
/// </list>
/// </summary>
public sealed class RedisFlowRevisions(IConnectionMultiplexer redis)
{
    public static readonly RedisChannel Channel = RedisChannel.Literal("gateway:flows:announce");
    private const string ActiveKey = "gateway:flows:active";

    public async Task AnnounceAsync(FlowSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var db = redis.GetDatabase();
        var key = FilesKey(source.Revision);
        var entries = source.FlowFiles.Concat(source.LocalizationFiles).Select(f => new HashEntry(f.DisplayPath, f.Text)).ToArray();
        await db.HashSetAsync(key, entries);
        await db.KeyExpireAsync(key, TimeSpan.FromDays(30));
        await db.StringSetAsync(ActiveKey, source.Revision);
        await redis.GetSubscriber().PublishAsync(Channel, source.Revision);
    }

    public async Task<string?> ActiveAsync() => await redis.GetDatabase().StringGetAsync(ActiveKey);

    /// <summary>The files of a revision, or null when Redis no longer has them.</summary>
    public async Task<FlowSource?> LoadAsync(string revision)
    {
        var entries = await redis.GetDatabase().HashGetAllAsync(FilesKey(revision));
        if (entries.Length == 0)
        {
            return null;
        }

        var files = entries.Select(e => new SourceFile(e.Name!, e.Value!)).ToList();
        return new FlowSource(
            files.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)),
            files.Where(f => !f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)));
    }

    public Task SubscribeAsync(Func<string, Task> onAnnounced) =>
        redis.GetSubscriber().SubscribeAsync(Channel, (channel, value) => onAnnounced(value!));

    private static RedisKey FilesKey(string revision) => $"gateway:flows:revision:{{{revision}}}";
}
