namespace Gateway.Web.Messaging;

/// <summary>
/// The "Inbound" configuration section (environment: Inbound__MaxPerSender, …): how fast one number, and one channel,
/// can make the gateway work. Counted in fixed windows, in Redis across every process (in memory in the embedded
/// default). A message that opens a report (SOS, or a report's last answer) is always handled, limited or not.
/// </summary>
public sealed class InboundOptions
{
    public const string Section = "Inbound";

    /// <summary>The length of one counting window.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Messages one sender may send on one channel in a window; past it they are told once (<c>system.rate_limited</c>)
    /// and nothing more is done until the window ends. 0 turns the limit off.
    /// </summary>
    public int MaxPerSender { get; set; } = 30;

    /// <summary>Messages from everyone on one channel in a window; past it every sender on the channel is limited. 0 turns it off.</summary>
    public int MaxPerChannel { get; set; } = 6000;
}
