using StackExchange.Redis;

namespace Gateway.Web.Configuration;

/// <summary>
/// Checks the data key's fingerprint (<see cref="DataKeyFingerprint"/>) when the process starts, before the job
/// server and the workers: a process with another key does not start. When Redis is down at the start, the process
/// starts anyway (messages are journaled as when Redis goes down later) and this checks again every second until
/// Redis answers; every path that writes gateway data waits for the check too, so the first write comes after it.
/// </summary>
public sealed partial class DataKeyCheck(DataKeyFingerprint fingerprint, ILogger<DataKeyCheck> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private Task? _retrying;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await fingerprint.EnsureAsync();
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            LogNotYet(logger, e.GetType().Name);
            _retrying = RetryAsync(_stopping.Token);
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            // Stopped twice (the host stopped itself after a data key mismatch, then was disposed): once is enough.
            await _stopping.CancelAsync();
        }
        if (_retrying is { } retrying)
        {
            await retrying.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RetryAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(RetryEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await fingerprint.EnsureAsync();
                    return;
                }
                catch (Exception e) when (e is RedisException or TimeoutException)
                {
                    // Redis is still away: the journal keeps the messages meanwhile.
                }
                catch (InvalidOperationException)
                {
                    // Another key: the fingerprint logged it and asked the host to stop.
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The process is stopping.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer at start ({Problem}): the data key is checked against its fingerprint as soon as it does, before any write")]
    private static partial void LogNotYet(ILogger logger, string problem);
}
