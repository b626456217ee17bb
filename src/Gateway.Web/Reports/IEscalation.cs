using Gateway.Core.Cases;

namespace Gateway.Web.Reports;

/// <summary>Runs reports' escalation chains: started when a report opens, stopped by acknowledgement, restarted on reopen.</summary>
public interface IEscalation
{
    /// <summary>Takes the policy snapshot for a new report and schedules its first step; returns the report as stored.</summary>
    Task<Report> StartAsync(Report report, CancellationToken cancellationToken);

    /// <summary>The report was acknowledged (its token already changed, so pending steps drop themselves): schedules the resolve reminder.</summary>
    Task AcknowledgedAsync(Report report, CancellationToken cancellationToken);

    /// <summary>A reopened report runs its chain again from the first level.</summary>
    Task<Report> RestartAsync(Report report, CancellationToken cancellationToken);
}
