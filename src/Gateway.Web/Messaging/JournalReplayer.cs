using Gateway.Core.Sessions;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Web.Messaging;

/// <summary>
/// Replays journaled messages once Redis answers again, through the ordinary message path. Each entry is
/// claimed in the dedupe store first (by the provider's message id, else the entry's own id), so an entry is
/// handled exactly once even when a replay stops midway and starts again.
/// </summary>
public sealed partial class JournalReplayer(
    InboundJournal journal,
    MessageProcessor processor,
    IMessageDedupe dedupe,
    IConnectionMultiplexer redis,
    DataKeyFingerprint fingerprint,
    IOptions<GatewayOptions> options,
    ILogger<JournalReplayer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.JournalReplayInterval);
        do
        {
            try
            {
                await ReplayAsync(stoppingToken);
            }
            catch (InvalidOperationException) when (fingerprint.Verified.IsFaulted)
            {
                // Another data key: the process is stopping, and the journal keeps every entry for the right one.
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException or IOException)
            {
                // A timeout (RedisTimeoutException is a TimeoutException) is Redis still coming back.
                LogNotYet(logger, e is IOException ? "disk" : "Redis");
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // Whatever went wrong, the entries stay in the journal and the next tick tries again: a replay loop
                // that ended here would leave journaled SOS messages unhandled until a restart.
                LogReplayFailed(logger, e.GetType().Name, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>Replays every waiting entry; returns how many were handled now (not before).</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        if (!journal.HasEntries)
        {
            return 0;
        }

        await redis.GetDatabase().PingAsync();
        // Before the first claim: a process whose data key is not the one Redis was written with stops here.
        await fingerprint.EnsureAsync();
        var handled = 0;
        var entries = journal.TakeForReplay();
        foreach (var entry in entries)
        {
            var id = "journal:" + (entry.Message.ProviderMessageId ?? entry.Id);
            var (claim, _) = await dedupe.ClaimAsync(id, options.Value.DedupeWindow, cancellationToken);
            if (claim != DedupeClaim.New)
            {
                continue;
            }

            try
            {
                // The person was already answered with the hotline; the flow's reply is not sent again here.
                await processor.ReplayAsync(entry.Message, cancellationToken);
                await dedupe.CompleteAsync(id, "replayed", options.Value.DedupeWindow, cancellationToken);
                handled++;
            }
            catch
            {
                await dedupe.ReleaseAsync(id, CancellationToken.None);
                throw;
            }
        }

        journal.Completed();
        LogReplayed(logger, handled, entries.Count);
        return handled;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journal not replayed yet: {Problem} not ready")]
    private static partial void LogNotYet(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Journal replay failed ({Kind}: {Reason}); it is tried again at the next tick")]
    private static partial void LogReplayFailed(ILogger logger, string kind, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Replayed {Handled} of {Entries} journaled messages now that Redis answers again")]
    private static partial void LogReplayed(ILogger logger, int handled, int entries);
}
