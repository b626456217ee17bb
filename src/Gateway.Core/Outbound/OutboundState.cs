using System.Text.Json.Serialization;

namespace Gateway.Core.Outbound;

/// <summary>Where an outbound message is in the gateway's own hands; the provider's view is its delivery status.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<OutboundState>))]
public enum OutboundState
{
    /// <summary>Recorded and waiting for its first or next attempt.</summary>
    Pending,

    /// <summary>Leased by one process that is sending it now; sent again if the lease runs out without a provider id.</summary>
    Sending,

    /// <summary>The provider took it and gave its id; delivery statuses follow.</summary>
    Sent,

    /// <summary>Final: the provider refused it, gave up on it, or reported it failed or undelivered.</summary>
    Failed,

    /// <summary>Final: the gateway never tried (opted out, no consent or number, country not allowed, a cap reached).</summary>
    Refused,
}
