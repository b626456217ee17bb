using Gateway.Core.Sessions;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's inbound counts, in this process only; windows before the last are forgotten.</summary>
public sealed class InMemoryInboundCounter : IInboundCounter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(long Window, string Channel, string? ContactId), long> _counts = [];
    private readonly HashSet<(long Window, string Channel, string ContactId)> _told = [];
    private long _latest;

    public Task<InboundCounts> CountAsync(string contactId, string channel, long window, TimeSpan windowLength, bool countChannel, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            Forget(window);
            var sender = _counts[(window, channel, contactId)] = _counts.GetValueOrDefault((window, channel, contactId)) + 1;
            var all = countChannel ? _counts[(window, channel, null)] = _counts.GetValueOrDefault((window, channel, null)) + 1 : 0;
            return Task.FromResult(new InboundCounts(sender, all));
        }
    }

    public Task<bool> TryClaimNoticeAsync(string contactId, string channel, long window, TimeSpan windowLength, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_told.Add((window, channel, contactId)));
        }
    }

    private void Forget(long window)
    {
        if (window <= _latest)
        {
            return;
        }

        _latest = window;
        foreach (var old in _counts.Keys.Where(k => k.Window < window - 1).ToList())
        {
            _counts.Remove(old);
        }

        _told.RemoveWhere(k => k.Window < window - 1);
    }
}
