using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's watchdog status: one process, so a field.</summary>
public sealed class InMemoryWatchdogStatusStore : IWatchdogStatusStore
{
    private volatile WatchdogStatus? _last;

    public Task SaveAsync(WatchdogStatus status, CancellationToken cancellationToken = default)
    {
        _last = status;
        return Task.CompletedTask;
    }

    public Task<WatchdogStatus?> LoadAsync(CancellationToken cancellationToken = default) => Task.FromResult(_last);
}
