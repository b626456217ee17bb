using System.Diagnostics.Metrics;
using Gateway.Web.Messaging;

namespace Gateway.Web.Outbound;

/// <summary>
/// Counters for outbound messages, on the gateway's meter. Tags name purposes, reasons, caps, statuses and error
/// codes only: never a number, a contact id or a text.
/// </summary>
public sealed class OutboundMetrics
{
    public OutboundMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(GatewayMetrics.MeterName);
        Enqueued = meter.CreateCounter<long>("gateway.outbound.enqueued", description: "Outbound messages recorded to be sent, by purpose.");
        Refused = meter.CreateCounter<long>("gateway.outbound.refused", description: "Outbound messages refused before any attempt, by reason.");
        CapReached = meter.CreateCounter<long>("gateway.outbound.cap_reached", description: "ALERT: a daily cap refused a message (cap = contact or daily).");
        Sent = meter.CreateCounter<long>("gateway.outbound.sent", description: "Outbound messages the provider took, by purpose.");
        Retried = meter.CreateCounter<long>("gateway.outbound.retried", description: "Attempts to be repeated (429, 5xx, timeouts), by reason.");
        Failed = meter.CreateCounter<long>("gateway.outbound.failed", description: "Outbound messages that failed, by provider error code.");
        Statuses = meter.CreateCounter<long>("gateway.outbound.status", description: "Delivery statuses applied from callbacks, by status.");
    }

    public Counter<long> Enqueued { get; }

    public Counter<long> Refused { get; }

    public Counter<long> CapReached { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Retried { get; }

    public Counter<long> Failed { get; }

    public Counter<long> Statuses { get; }
}
