using Gateway.Web.Faults;

namespace Gateway.Web.Tests.Faults;

/// <summary>
/// A gateway process that dies at one named crash point: the first time the point is reached for a subject the
/// test chose, the process freezes there for good (as if killed at that instruction) and <see cref="Crashed"/>
/// completes; the test then abandons the host. From that moment every crash point in the process freezes too, so
/// nothing that passes one of them finishes its work after the "death".
/// </summary>
public sealed class CrashAt(string armedPoint, Func<string, bool> armedFor) : ICrashPoints
{
    private readonly TaskCompletionSource<string> _crashed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _dead = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _fired;

    /// <summary>Completes with the subject when the process reached the point and froze.</summary>
    public Task<string> Crashed => _crashed.Task;

    public ValueTask ReachedAsync(string point, string subject)
    {
        if (Volatile.Read(ref _fired) == 1)
        {
            return new ValueTask(_dead.Task);
        }

        if (point != armedPoint || !armedFor(subject) || Interlocked.Exchange(ref _fired, 1) == 1)
        {
            return ValueTask.CompletedTask;
        }

        _crashed.TrySetResult(subject);
        return new ValueTask(_dead.Task);
    }

    /// <summary>Waits for the crash, failing the test with a clear message if the point is never reached.</summary>
    public async Task<string> WaitAsync(TimeSpan timeout)
    {
        var done = await Task.WhenAny(Crashed, Task.Delay(timeout));
        Assert.True(done == Crashed, $"The gateway never reached crash point {armedPoint} within {timeout.TotalSeconds} s.");
        return await Crashed;
    }

    /// <summary>
    /// Lets the frozen threads of the abandoned host end (with an exception, so none of them does any more work)
    /// once the test is over and that host's connections are closed.
    /// </summary>
    public void Bury() => _dead.TrySetException(new ProcessDiedException());

    private sealed class ProcessDiedException() : Exception("This gateway process died at a crash point; nothing after it runs.");
}
