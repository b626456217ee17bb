using Hangfire.Server;

namespace Gateway.Web.Configuration;

/// <summary>
/// No job runs before the data key was checked against its fingerprint (<see cref="DataKeyFingerprint"/>): a job
/// taken while Redis was just coming back waits for the check, and fails (to be retried by a process with the right
/// key) when the key is another one. Without Redis (embedded) there is nothing to check.
/// </summary>
public sealed class DataKeyJobFilter(DataKeyFingerprint? fingerprint) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
        // Hangfire's filters are synchronous; once checked, this is a completed task.
        fingerprint?.EnsureAsync().GetAwaiter().GetResult();
    }

    public void OnPerformed(PerformedContext context)
    {
    }
}
