using System.Diagnostics.Metrics;

namespace Gateway.Web.Messaging;

/// <summary>
/// The gateway's counters. Tags name channels, categories and outcomes only: never a number, an id or a text.
/// </summary>
public sealed class GatewayMetrics : IDisposable
{
    public const string MeterName = "Gateway";

    private readonly Meter _meter;

    public GatewayMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        Received = _meter.CreateCounter<long>("gateway.messages.received", description: "Inbound messages by channel.");
        Duplicates = _meter.CreateCounter<long>("gateway.messages.duplicate", description: "Provider retries answered from the dedupe store.");
        Reports = _meter.CreateCounter<long>("gateway.reports.opened", description: "Reports stored, by category.");
        Rejected = _meter.CreateCounter<long>("gateway.webhooks.rejected", description: "Webhooks refused, by reason.");
        Sent = _meter.CreateCounter<long>("gateway.messages.sent", description: "Replies and messages sent, by channel.");
        Failed = _meter.CreateCounter<long>("gateway.messages.failed", description: "Messages that could not be handled or sent, by channel and reason.");
        HandlingTime = _meter.CreateHistogram<double>("gateway.messages.handling_time", unit: "ms", description: "Time from a message's arrival to its reply, by channel.");
    }

    public Counter<long> Received { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Reports { get; }

    public Counter<long> Rejected { get; }

    public Counter<long> Sent { get; }

    public Counter<long> Failed { get; }

    public Histogram<double> HandlingTime { get; }

    public void Dispose() => _meter.Dispose();
}
