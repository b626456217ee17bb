using Gateway.Core.Flows.Loading;
using Gateway.Infrastructure.Flows;

namespace Gateway.Web.Messaging;

/// <summary>
/// With Redis: announces each revision this process starts serving (at start-up and after a file edit), and
/// serves every revision another process announces, from the files stored with the announcement. The newest
/// start or edit wins, so edit the files on every host (or a shared volume) before restarting any.
/// </summary>
public sealed partial class FlowRevisionSync(FlowHost host, RedisFlowRevisions revisions, ILogger<FlowRevisionSync> logger) : IHostedService
{
    private string? _lastAnnounced;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        host.Served += source => _ = AnnounceAsync(source);
        await revisions.SubscribeAsync(OnAnnouncedAsync);
        await AnnounceAsync(host.ReadDisk());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "Flows revision {Revision} could not be shared through Redis: {Problem}")]
    private static partial void LogAnnounceFailed(ILogger logger, string revision, string problem);
}
