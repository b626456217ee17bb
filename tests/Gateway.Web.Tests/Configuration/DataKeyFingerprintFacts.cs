using Gateway.Infrastructure.Jobs;
using Gateway.Infrastructure.Security;
using Gateway.Tests.Support;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;

namespace Gateway.Web.Tests.Configuration;

/// <summary>
/// Every process on one Redis seals with the same data key: the first writes the key's fingerprint, one with the
/// same key starts, one with another key refuses to start (or, when Redis was down at its start, stops as soon as
/// Redis answers, before it writes anything of the gateway's), with a sentence that says why and what to do.
/// </summary>
public sealed class DataKeyFingerprintFacts : IDisposable
{
    private static readonly string KeyA = Convert.ToBase64String([.. Enumerable.Range(1, 32).Select(i => (byte)i)]);
    private static readonly string KeyB = Convert.ToBase64String([.. Enumerable.Range(101, 32).Select(i => (byte)i)]);

    private readonly PrivateRedis _redis = new();
    private readonly string _journal = Directory.CreateTempSubdirectory("gateway-journal-").FullName;
    private readonly List<GatewayFactory> _hosts = [];

    [Fact]
    public async Task FirstProcess_WritesTheFingerprint_NotTheKey_AndAnotherWithTheSameKeyStarts()
    {
        _ = Host(KeyA).Services;

        var stored = await FingerprintAsync();
        Assert.Equal(DataKeyFingerprint.For(DataKey.FromBase64(KeyA)), stored);
        Assert.DoesNotContain(KeyA.TrimEnd('='), stored!, StringComparison.Ordinal);
        Assert.NotEqual(DataKeyFingerprint.For(DataKey.FromBase64(KeyB)), stored);

        var second = Host(KeyA);
        Assert.False(second.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
        Assert.True(second.Services.GetRequiredService<DataKeyFingerprint>().Verified.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task ProcessWithAnotherKey_RefusesToStart_SayingWhyAndThatTheKeyCannotBeRotated()
    {
        _ = Host(KeyA).Services;

        var refused = Assert.ThrowsAny<Exception>(() => Host(KeyB).Services);

        var messages = Flatten(refused).Select(e => e.Message).ToList();
        Assert.Contains(DataKeyFingerprint.Mismatch, messages);
        Assert.Contains("Gateway__DataKey is not the key", DataKeyFingerprint.Mismatch, StringComparison.Ordinal);
        Assert.Contains("cannot be rotated", DataKeyFingerprint.Mismatch, StringComparison.Ordinal);
        Assert.Equal(DataKeyFingerprint.For(DataKey.FromBase64(KeyA)), await FingerprintAsync());
    }

    [Fact]
    public async Task RedisDownAtStart_ThenBackWithAnotherKeysFingerprint_JournalsMeanwhile_ThenStopsBeforeAnyWrite()
    {
        // Redis holds another key's fingerprint (from its append-only file) and is down when the process starts.
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint))
        {
            Assert.True(await redis.GetDatabase().StringSetAsync(DataKeyFingerprint.RedisKey, DataKeyFingerprint.For(DataKey.FromBase64(KeyB))));
        }

        _redis.Kill();

        // Short client timeouts: a start with Redis away waits on each first call; the gateway's own are 2 s.
        var host = Host(KeyA, ",connectTimeout=500,syncTimeout=1000,asyncTimeout=1000");
        var stopping = host.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using (var request = GatewayFactory.SignedSms("+66812340701", "hello"))
        {
            using var response = await host.CreateClient().SendAsync(request);
            response.EnsureSuccessStatusCode();
        }

        var journal = host.Services.GetRequiredService<InboundJournal>();
        Assert.True(journal.HasEntries);
        Assert.False(stopping.IsCancellationRequested);

        _redis.Start();
        var stopped = new TaskCompletionSource();
        using (stopping.Register(stopped.SetResult))
        {
            Assert.True(await Task.WhenAny(stopped.Task, Task.Delay(TimeSpan.FromSeconds(20))) == stopped.Task, "The process did not stop within 20 s of Redis coming back.");
        }

        Assert.Contains(host.Logs, l => l.StartsWith("Critical", StringComparison.Ordinal) && l.Contains(DataKeyFingerprint.Mismatch, StringComparison.Ordinal));
        // Nothing of the gateway's was written: no contact, claim, report or outbox record, only the job server's
        // own bookkeeping; the journaled message waits for a process with the right key.
        List<string> keys;
        using (var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint + ",allowAdmin=true"))
        {
            keys = [.. redis.GetServers()[0].Keys(pattern: "*").Select(k => (string)k!)];
        }

        Assert.All(keys, k => Assert.True(k == DataKeyFingerprint.RedisKey || k.StartsWith(JobStorageFactory.RedisPrefix, StringComparison.Ordinal), $"{k} was written by a process with another data key."));
        Assert.Equal(DataKeyFingerprint.For(DataKey.FromBase64(KeyB)), await FingerprintAsync());
        Assert.True(journal.HasEntries);
    }

    public void Dispose()
    {
        foreach (var host in _hosts)
        {
            host.Dispose();
        }

        _redis.Dispose();
        Directory.Delete(_journal, recursive: true);
    }

    private async Task<string?> FingerprintAsync()
    {
        using var redis = await ConnectionMultiplexer.ConnectAsync(_redis.Endpoint);
        return await redis.GetDatabase().StringGetAsync(DataKeyFingerprint.RedisKey);
    }

    private GatewayFactory Host(string key, string redisOptions = "")
    {
        var host = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = _redis.Endpoint + redisOptions,
            ["Gateway:DataKey"] = key,
            ["Gateway:JournalPath"] = _journal,
            ["Gateway:JournalReplayInterval"] = "00:00:00.200",
        });
        _hosts.Add(host);
        return host;
    }

    private static IEnumerable<Exception> Flatten(Exception e) =>
        e is AggregateException aggregate
            ? [e, .. aggregate.InnerExceptions.SelectMany(Flatten)]
            : e.InnerException is { } inner ? [e, .. Flatten(inner)] : [e];
}
