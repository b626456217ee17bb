using Hangfire;

namespace Gateway.Web.CheckIns;

/// <summary>
/// The Hangfire jobs of a check-in timer. Arguments are the hashed contact id and the timer's token: no number or
/// text. Both jobs run at least once and may run twice; <see cref="CheckInService"/> makes a second run harmless.
/// </summary>
public sealed class CheckInJobs(CheckInService service)
{
    [AutomaticRetry(Attempts = 10)]
    public Task RemindAsync(string contactId, string token) => service.RemindAsync(contactId, token, CancellationToken.None);

    [AutomaticRetry(Attempts = 20)]
    public Task ExpireAsync(string contactId, string token) => service.ExpireAsync(contactId, token, CancellationToken.None);
}
