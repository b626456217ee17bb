namespace Gateway.Bench.Http;

/// <summary>A run whose figures are void: a server answered wrongly or not at all.</summary>
internal sealed class BenchFailedException(string message) : Exception(message);

internal static class Fail
{
    /// <summary>Stops the run at the first phase in which a server gave a wrong answer.</summary>
    public static void IfErrors(LoadRunner runner)
    {
        if (runner.Errors > 0)
        {
            throw new BenchFailedException(
                $"{runner.Name}: {runner.Errors:N0} request(s) were not answered with 200 text/xml and a <Message>; the figures are void. First ones:\n  "
                + string.Join("\n  ", runner.ErrorSamples));
        }
    }
}
