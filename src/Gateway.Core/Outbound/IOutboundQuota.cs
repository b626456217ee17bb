namespace Gateway.Core.Outbound;

/// <summary>The answer to "may one more message go out today?".</summary>
public enum QuotaOutcome
{
    /// <summary>Counted: the message may go.</summary>
    Taken,

    /// <summary>The contact already had their daily number of messages.</summary>
    ContactCapReached,

    /// <summary>The gateway already sent its daily number of messages.</summary>
    DailyCapReached,
}

/// <summary>
/// Daily counts of outbound messages, per contact and overall: the guard against SMS pumping (someone making the
/// gateway text many numbers, or one number many times, at the NGO's cost). Days are UTC dates.
/// </summary>
public interface IOutboundQuota
{
    /// <summary>
    /// Counts one message for the contact and the day unless either count has reached its cap, atomically across
    /// processes; a refused message is not counted. A cap of 0 lets nothing through.
    /// </summary>
    Task<QuotaOutcome> TryTakeAsync(string contactId, DateOnly day, int perContactCap, int dailyCap, CancellationToken cancellationToken = default);
}
