namespace Gateway.Web.Faults;

/// <summary>
/// The places where a process that dies leaves a page or a step half done. The gateway names them so that the fault
/// tests can stop a process at exactly that instruction (docs/operations.md, "Failure behaviour"); in production
/// <see cref="NoCrashPoints"/> passes straight through.
/// </summary>
public interface ICrashPoints
{
    /// <summary>Called when the gateway reaches <paramref name="point"/> for <paramref name="subject"/> (a page's <c>{ref}:{notification id}</c>, or a report's reference).</summary>
    ValueTask ReachedAsync(string point, string subject);
}

/// <summary>The named crash points.</summary>
public static class CrashPoint
{
    /// <summary>A page's intent is stored and nothing has been sent: a restart sends it, marked a possible duplicate.</summary>
    public const string AfterIntentBeforeSend = "after-intent-before-send";

    /// <summary>
    /// The provider took a page (Twilio's 201 for an SMS or a call, a hotline's 2xx) and its id is not stored yet: a
    /// restart sends it again, marked a possible duplicate.
    /// </summary>
    public const string AfterProviderAcceptedBeforeIdStored = "after-provider-accepted-before-id-stored";

    /// <summary>A step committed the next level and has not scheduled it: the step, run again by Hangfire, schedules it.</summary>
    public const string AfterStepCommittedBeforeSchedule = "after-step-committed-before-schedule";
}

/// <summary>Production: no crash point does anything.</summary>
public sealed class NoCrashPoints : ICrashPoints
{
    public ValueTask ReachedAsync(string point, string subject) => ValueTask.CompletedTask;
}
