using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's record of action links that have acted; forgotten <c>grace</c> after each link expires.</summary>
public sealed class InMemoryUsedLinkStore(TimeProvider clock, TimeSpan? grace = null) : IUsedLinkStore
{
    private readonly TimeSpan _grace = grace ?? IUsedLinkStore.DefaultGrace;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public Task<bool> TryUseAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(tokenId);
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_used.Count > 1024)
            {
                foreach (var lapsed in _used.Where(u => u.Value <= now).Select(u => u.Key).ToList())
                {
                    _used.Remove(lapsed);
                }
            }

            if (_used.TryGetValue(tokenId, out var until) && until > now)
            {
                return Task.FromResult(false);
            }

            _used[tokenId] = Max(expires, now) + _grace;
            return Task.FromResult(true);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;
}
