using Gateway.Core.Outbound;

namespace Gateway.Infrastructure.Stores.InMemory;

/// <summary>The embedded default's daily outbound counts; yesterday's and older are forgotten as days pass.</summary>
public sealed class InMemoryOutboundQuota : IOutboundQuota
{
    private readonly Lock _lock = new();
    private readonly Dictionary<(DateOnly Day, string? ContactId), int> _counts = [];

    public Task<QuotaOutcome> TryTakeAsync(string contactId, DateOnly day, int perContactCap, int dailyCap, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            foreach (var old in _counts.Keys.Where(k => k.Day < day.AddDays(-1)).ToList())
            {
                _counts.Remove(old);
            }

            var forContact = _counts.GetValueOrDefault((day, contactId));
            var forDay = _counts.GetValueOrDefault((day, null));
            if (forContact >= perContactCap)
            {
                return Task.FromResult(QuotaOutcome.ContactCapReached);
            }

            if (forDay >= dailyCap)
            {
                return Task.FromResult(QuotaOutcome.DailyCapReached);
            }

            _counts[(day, contactId)] = forContact + 1;
            _counts[(day, null)] = forDay + 1;
            return Task.FromResult(QuotaOutcome.Taken);
        }
    }
}
