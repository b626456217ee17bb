using Gateway.Infrastructure.Security;
using StackExchange.Redis;

namespace Gateway.Web.Configuration;

/// <summary>
/// Makes sure every process on one Redis seals with the same <c>Gateway__DataKey</c>. A keyed hash of a fixed label
/// under the key (never the key) is kept in Redis; the first process writes it (SET NX), every process compares it
/// before its first write of gateway data. A process with another key stops with <see cref="Mismatch"/>: left
/// running, it would fail to open every sealed number and message the others wrote, and write records they cannot open.
/// </summary>
/// <remarks>
/// Redis key: <c>gateway:datakey:fingerprint</c> (string, no expiry) = "v1:" + HMAC-SHA256 (the data key's tag
/// sub-key) of a fixed label, Base64url.
/// </remarks>
public sealed partial class DataKeyFingerprint(IConnectionMultiplexer redis, DataKey key, IHostApplicationLifetime lifetime, ILogger<DataKeyFingerprint> logger)
{
    public const string RedisKey = "gateway:datakey:fingerprint";

    /// <summary>The error of a process whose key is not the one this Redis was written with.</summary>
    public const string Mismatch =
        "Gateway__DataKey is not the key the data in this Redis was sealed with (the fingerprint in gateway:datakey:fingerprint differs), "
        + "so this process stops before writing anything: it could not open the numbers and messages other processes stored. "
        + "Give every gateway process on this Redis the same Gateway__DataKey. The data key cannot be rotated: "
        + "a new key means starting from an empty Redis, which loses every stored report, contact and message (docs/operations.md, \"The data key\").";

    private readonly TaskCompletionSource _verified = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _reporting = new();

    /// <summary>Completes once the key was found to match; faults when it does not.</summary>
    public Task Verified => _verified.Task;

    /// <summary>The value kept in Redis for <paramref name="key"/>.</summary>
    public static string For(DataKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return "v1:" + key.Tag("gateway:datakey:fingerprint", "the Safe Migration Gateway data key");
    }

    /// <summary>
    /// Checks the key once Redis answers (at once when it was checked already). Throws a Redis exception while Redis
    /// cannot be reached, so callers keep to their "Redis is down" path (the journal), and an
    /// <see cref="InvalidOperationException"/> with <see cref="Mismatch"/> on another key, after asking the host to stop.
    /// </summary>
    public Task EnsureAsync()
    {
        if (_verified.Task.IsCompletedSuccessfully)
        {
            return Task.CompletedTask;
        }

        return _verified.Task.IsFaulted ? _verified.Task : CheckAsync();
    }

    private async Task CheckAsync()
    {
        var expected = For(key);
        var database = redis.GetDatabase();
        var written = await database.StringSetAsync(RedisKey, expected, when: When.NotExists);
        var stored = written ? expected : (string?)await database.StringGetAsync(RedisKey);
        if (stored == expected)
        {
            if (_verified.TrySetResult())
            {
                LogVerified(logger, written ? "written by this process" : "matches");
            }

            return;
        }

        var mismatch = new InvalidOperationException(Mismatch);
        lock (_reporting)
        {
            // Logged once, and before any caller stops the host: the operator must find the reason in the log.
            if (!_verified.Task.IsFaulted)
            {
                LogMismatch(logger, Mismatch);
                _verified.TrySetException(mismatch);
            }
        }

        // Started already (Redis came back after the start): stop. At the start the exception itself stops the host.
        if (lifetime.ApplicationStarted.IsCancellationRequested)
        {
            lifetime.StopApplication();
        }

        throw mismatch;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Data key fingerprint in Redis {Outcome}")]
    private static partial void LogVerified(ILogger logger, string outcome);

    [LoggerMessage(Level = LogLevel.Critical, Message = "{Problem}")]
    private static partial void LogMismatch(ILogger logger, string problem);
}
