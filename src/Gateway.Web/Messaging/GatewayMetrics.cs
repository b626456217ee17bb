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
    }

    public Counter<long> Received { get; }

    public Counter<long> Duplicates { get; }

    public Counter<long> Reports { get; }

    public Counter<long> Rejected { get; }

    public void Dispose() => _meter.Dispose();
}
