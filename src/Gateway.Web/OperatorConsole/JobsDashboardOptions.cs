namespace Gateway.Web.OperatorConsole;

/// <summary>The "JobsDashboard" configuration section (environment: JobsDashboard__AllowActions).</summary>
public sealed class JobsDashboardOptions
{
    public const string Section = "JobsDashboard";

    /// <summary>
    /// Lets operator admins act in the jobs dashboard (delete, requeue, trigger). Off, it only shows: deleting a
    /// scheduled step or the watchdog's recurring job would stall escalations. Its use is logged at start-up and on
    /// every action.
    /// </summary>
    public bool AllowActions { get; set; }
}
