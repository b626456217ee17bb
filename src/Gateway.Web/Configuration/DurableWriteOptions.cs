namespace Gateway.Web.Configuration;

/// <summary>
/// When a write the gateway acknowledges to a person counts as safe (decision 0011). Bound to the <c>Redis</c>
/// section: <c>Redis__DurableReplicas</c>, <c>Redis__DurableTimeout</c>.
/// </summary>
public sealed class DurableWriteOptions
{
    public const string Section = "Redis";

    /// <summary>How many replicas must hold a reference, an ACK, a page intent or an outbox record before it is acknowledged; 0 (no replicas) trusts the primary's append-only file.</summary>
    public int DurableReplicas { get; set; }

    /// <summary>How long to wait for them; past it the message is journaled and the person given the hotline.</summary>
    public TimeSpan DurableTimeout { get; set; } = TimeSpan.FromSeconds(1);
}
