namespace Gateway.Core.Sessions;

/// <summary>How many messages came in a window: from one sender on one channel, and on that channel from everyone.</summary>
public readonly record struct InboundCounts(long Sender, long Channel);

/// <summary>
/// Counts of inbound messages in fixed windows of time, per sender and channel and per channel, for the inbound rate
/// limits. In Redis the counts are shared by every gateway process; the embedded default counts in memory.
/// Windows are numbered (Unix time divided by the window's length), so every process agrees which one is current.
/// </summary>
public interface IInboundCounter
{
    /// <summary>
    /// Counts one message from <paramref name="contactId"/> on <paramref name="channel"/> in window
    /// <paramref name="window"/>, and on the channel as a whole when <paramref name="countChannel"/>; returns the
    /// counts including this message (the channel's is 0 when not counted).
    /// </summary>
    Task<InboundCounts> CountAsync(string contactId, string channel, long window, TimeSpan windowLength, bool countChannel, CancellationToken cancellationToken = default);

    /// <summary>True only the first time it is asked for this sender, channel and window: a limited sender is told once.</summary>
    Task<bool> TryClaimNoticeAsync(string contactId, string channel, long window, TimeSpan windowLength, CancellationToken cancellationToken = default);
}
