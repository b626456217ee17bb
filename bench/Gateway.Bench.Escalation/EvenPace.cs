namespace Gateway.Bench.Escalation;

/// <summary>Opens the reports (or the baseline's chains) at an even rate over a window.</summary>
internal static class EvenPace
{
    /// <summary>Waits until item <paramref name="index"/> of <paramref name="count"/> is due, <c>index / count</c> of the way through the window.</summary>
    public static Task WaitAsync(DateTimeOffset start, int index, int count, TimeSpan window, CancellationToken cancellationToken)
    {
        var due = start + (window * ((double)index / count));
        var wait = due - DateTimeOffset.UtcNow;
        return wait > TimeSpan.FromMilliseconds(1) ? Task.Delay(wait, cancellationToken) : Task.CompletedTask;
    }
}
