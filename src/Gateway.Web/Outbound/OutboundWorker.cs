using Gateway.Core.Outbound;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Outbound;

/// <summary>
/// Sends what is due in the outbox: wakes when this process enqueues a message, and otherwise looks every
/// <see cref="OutboundOptions.PollInterval"/>, so messages recorded by another process, or before a restart, or
/// waiting for a retry or for a dead process's lease to run out, all go out. Any number of processes may run it:
/// the lease on each message lets only one of them send it.
/// </summary>
public sealed partial class OutboundWorker(
    OutboundSender sender,
    IOutbox outbox,
    TimeProvider clock,
    IOptionsMonitor<OutboundOptions> options,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ILogger<OutboundWorker> logger,
    DataKeyFingerprint? fingerprint = null) : BackgroundService
{
    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.CurrentValue.WorkerEnabled)
        {
            LogDisabled(logger);
            return;
        }

        if (string.IsNullOrWhiteSpace(gatewayOptions.CurrentValue.PublicBaseUrl))
        {
            LogNoCallbacks(logger);
        }

        if (fingerprint is not null)
        {
            // No message is leased (a write) before the data key was checked: with another key the process stops.
            try
            {
                await fingerprint.Verified.WaitAsync(stoppingToken);
            }
            catch (Exception e) when (e is InvalidOperationException or OperationCanceledException)
            {
                return;
            }
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            var settings = options.CurrentValue;
            var full = false;
            try
            {
                var due = await outbox.DueAsync(clock.GetUtcNow(), BatchSize, stoppingToken);
                full = due.Count == BatchSize;
                await Parallel.ForEachAsync(
                    due,
                    new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, settings.Concurrency), CancellationToken = stoppingToken },
                    async (id, cancellationToken) =>
                    {
                        try
                        {
                            await sender.SendAsync(id, cancellationToken);
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            // One message's trouble (a store hiccup) must not stop the others; its lease brings it back.
                            LogSendError(logger, id, e);
                        }
                    });
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogPollError(logger, e);
            }

            if (!full)
            {
                try
                {
                    await sender.WaitForWorkAsync(settings.PollInterval, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound worker disabled (Outbound__WorkerEnabled=false): this process records messages, other processes send them")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway__PublicBaseUrl is not set: outbound messages go without a status callback, so delivery and failure are never known")]
    private static partial void LogNoCallbacks(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound {MessageId}: the attempt stopped with an error; it is tried again when its lease runs out")]
    private static partial void LogSendError(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "The outbox could not be read; looking again shortly")]
    private static partial void LogPollError(ILogger logger, Exception exception);
}
