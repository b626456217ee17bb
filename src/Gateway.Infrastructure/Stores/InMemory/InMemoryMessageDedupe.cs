using Gateway.Core.Sessions;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's record of provider message ids seen and the replies given.</summary>
public sealed class InMemoryMessageDedupe(TimeProvider clock) : IMessageDedupe
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string? Reply, DateTimeOffset Expires)> _seen = new(StringComparer.Ordinal);

    public Task<(DedupeClaim Claim, string? Reply)> ClaimAsync(string providerMessageId, TimeSpan window, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        lock (_lock)
        {
            if (_seen.TryGetValue(providerMessageId, out var seen) && seen.Expires > now)
            {
                return Task.FromResult(seen.Reply is null ? (DedupeClaim.InProgress, (string?)null) : (DedupeClaim.Answered, seen.Reply));
            }

            _seen[providerMessageId] = (null, now + window);
            return Task.FromResult((DedupeClaim.New, (string?)null));
        }
    }

    public Task CompleteAsync(string providerMessageId, string reply, TimeSpan window, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _seen[providerMessageId] = (reply, clock.GetUtcNow() + window);
        }

        return Task.CompletedTask;
    }

    public Task ReleaseAsync(string providerMessageId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _seen.Remove(providerMessageId);
        }

        return Task.CompletedTask;
    }
}
