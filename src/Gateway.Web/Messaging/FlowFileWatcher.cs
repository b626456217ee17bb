namespace Gateway.Web.Messaging;

/// <summary>
/// Watches flows/ and localization/ and offers every settled edit to the <see cref="FlowHost"/>. Editors save
/// files in bursts (several files, temporary names), so an edit is read once nothing changed for a short while.
/// </summary>
public sealed partial class FlowFileWatcher(FlowHost host, ILogger<FlowFileWatcher> logger) : BackgroundService
{
    /// <summary>How long the folders must be quiet before an edit is read.</summary>
    public static TimeSpan Settle { get; set; } = TimeSpan.FromMilliseconds(400);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var changed = new SemaphoreSlim(0);
        using var flows = Watch(host.FlowsPath, changed);
        using var localization = Watch(host.LocalizationPath, changed);
        while (!stoppingToken.IsCancellationRequested)
        {
            await changed.WaitAsync(stoppingToken);
            // Let the burst of saves finish.
            while (await changed.WaitAsync(Settle, stoppingToken))
            {
            }

            try
            {
                host.TryServe(host.ReadDisk(), "disk");
            }
            catch (IOException e)
            {
                LogUnreadable(logger, e.Message);
            }
        }
    }

    private static FileSystemWatcher Watch(string path, SemaphoreSlim changed)
    {
        var watcher = new FileSystemWatcher(path)
        {
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size,
            IncludeSubdirectories = false,
        };
        FileSystemEventHandler onChange = (_, _) => changed.Release();
        watcher.Changed += onChange;
        watcher.Created += onChange;
        watcher.Deleted += onChange;
        watcher.Renamed += (_, _) => changed.Release();
        watcher.EnableRaisingEvents = true;
        return watcher;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The flow files could not be read ({Problem}); the current revision keeps serving")]
    private static partial void LogUnreadable(ILogger logger, string problem);
}
