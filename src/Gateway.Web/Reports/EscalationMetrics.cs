using System.Diagnostics.Metrics;

namespace Gateway.Web.Reports;

/// <summary>Escalation counters. Tags name categories, channels and outcomes only: never a reference, a number or a text.</summary>
public sealed class EscalationMetrics : IDisposable
{
    public const string MeterName = "Gateway.Escalation";

    private readonly Meter _meter;

    private int _watchdogOverdue;

    public EscalationMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        _meter = meters.Create(MeterName);
        Pages = _meter.CreateCounter<long>("gateway.escalation.pages", description: "Pages sent or failed, by way (sms, voice, webhook) and outcome.");
        PageRetries = _meter.CreateCounter<long>("gateway.escalation.page_retries", description: "Pages to be tried again (5xx, 429, timeouts), by way.");
        PageOptOuts = _meter.CreateCounter<long>("gateway.escalation.page_opt_outs", description: "ALERT: pages refused because the responder's number replied STOP to the paging number.");
        Unreachable = _meter.CreateCounter<long>("gateway.escalation.unreachable", description: "ALERT: reports no policy covers, by category.");
        Exhausted = _meter.CreateCounter<long>("gateway.escalation.exhausted", description: "ALERT: chains that ran every level and repeat without an acknowledgement, by category.");
        Reminders = _meter.CreateCounter<long>("gateway.escalation.reminders", description: "Owners reminded of acknowledged reports not resolved.");
        HeldPages = _meter.CreateCounter<long>("gateway.escalation.held_pages", description: "Pages held back during a flood of pages to one target and sent in a summary page, by way.");
        SummaryPages = _meter.CreateCounter<long>("gateway.escalation.summary_pages", description: "Summary pages sent or failed during floods, by way and outcome.");
        WatchdogRepaired = _meter.CreateCounter<long>("gateway.escalation.watchdog_repaired", description: "Overdue or missing escalation steps the watchdog scheduled again.");
        _meter.CreateObservableGauge("gateway.escalation.watchdog_overdue", () => Volatile.Read(ref _watchdogOverdue), description: "ALERT: reports the watchdog's last run could not put right.");
    }

    public Counter<long> Pages { get; }

    public Counter<long> PageRetries { get; }

    public Counter<long> PageOptOuts { get; }

    public Counter<long> Unreachable { get; }

    public Counter<long> Exhausted { get; }

    public Counter<long> Reminders { get; }

    public Counter<long> HeldPages { get; }

    public Counter<long> SummaryPages { get; }

    public Counter<long> WatchdogRepaired { get; }

    /// <summary>What the last watchdog run in this process could not repair (the gauge <c>watchdog_overdue</c>).</summary>
    public void WatchdogOverdue(int count) => Volatile.Write(ref _watchdogOverdue, count);

    public void Dispose() => _meter.Dispose();
}
