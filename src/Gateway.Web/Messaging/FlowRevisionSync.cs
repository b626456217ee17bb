using Gateway.Core.Flows.Loading;
using Gateway.Infrastructure.Flows;

namespace Gateway.Web.Messaging;

/// <summary>
/// With Redis: announces each revision this process starts serving (at start-up and after a file edit), and
/// serves every revision another process announces, from the files stored with the announcement. The newest
/// start or edit wins, so edit the files on every host (or a shared volume) before restarting any. When Redis is
/// down at start-up the process starts with its own files (messages are journaled meanwhile) and joins once Redis
/// answers and the data key was checked against its fingerprint.
/// </summary>
public sealed partial class FlowRevisionSync(FlowHost host, RedisFlowRevisions revisions, Configuration.DataKeyFingerprint fingerprint, ILogger<FlowRevisionSync> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(1);
    private readonly CancellationTokenSource _stopping = new();
    private string? _lastAnnounced;
    private Task? _joining;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            await revisions.SubscribeAsync(OnAnnouncedAsync);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            LogNotJoinedYet(logger, e.GetType().Name);
            _joining = JoinLaterAsync(_stopping.Token);
            return;
        }

        host.Served += source => _ = AnnounceAsync(source);
        await AnnounceAsync(host.ReadDisk());
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (!_stopping.IsCancellationRequested)
        {
            // Stopped twice (the host stopped itself after a data key mismatch, then was disposed): once is enough.
            await _stopping.CancelAsync();
        }
        if (_joining is { } joining)
        {
            await joining.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task JoinLaterAsync(CancellationToken stoppingToken)
    {
        try
        {
            // Nothing is announced (a write) before the data key was checked; with another key the process stops.
            await fingerprint.Verified.WaitAsync(stoppingToken);
            using var timer = new PeriodicTimer(RetryEvery);
            while (true)
            {
                try
                {
                    await revisions.SubscribeAsync(OnAnnouncedAsync);
                    break;
                }
                catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
                {
                    await timer.WaitForNextTickAsync(stoppingToken);
                }
            }

            host.Served += source => _ = AnnounceAsync(source);
            await AnnounceAsync(host.ReadDisk());
        }
        catch (Exception e) when (e is OperationCanceledException or InvalidOperationException)
        {
            // Stopping, or another data key (the process stops).
        }
    }

    private async Task AnnounceAsync(FlowSource source)
    {
        if (source.Revision != host.Revision)
        {
            return;
        }

        try
        {
            _lastAnnounced = source.Revision;
            await revisions.AnnounceAsync(source);
        }
        catch (StackExchange.Redis.RedisException e)
        {
            LogAnnounceFailed(logger, source.Revision, e.Message);
        }
    }

    private async Task OnAnnouncedAsync(string revision)
    {
        if (revision == host.Revision || revision == _lastAnnounced)
        {
            return;
        }

        try
        {
            if (await revisions.LoadAsync(revision) is { } source)
            {
                host.TryServe(source, "another gateway process");
            }
        }
        catch (StackExchange.Redis.RedisException e)
        {
            LogAnnounceFailed(logger, revision, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Redis did not answer at start ({Problem}): this process serves its own flow files and shares revisions once Redis answers")]
    private static partial void LogNotJoinedYet(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flows revision {Revision} could not be shared through Redis: {Problem}")]
    private static partial void LogAnnounceFailed(ILogger logger, string revision, string problem);
}
