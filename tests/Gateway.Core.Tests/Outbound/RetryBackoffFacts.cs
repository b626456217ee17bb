using Gateway.Core.Outbound;

namespace Gateway.Core.Tests.Outbound;

public class RetryBackoffFacts
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan Max = TimeSpan.FromMinutes(5);

    [Theory]
    [InlineData(1, 1, 2)]
    [InlineData(2, 2, 4)]
    [InlineData(3, 4, 8)]
    [InlineData(10, 150, 300)]
    [InlineData(60, 150, 300)]
    public void Delay_DoublesWithEveryAttempt_WithinJitterBounds_UpToTheMaximum(int attempts, double lowSeconds, double highSeconds)
    {
        Assert.Equal(TimeSpan.FromSeconds(lowSeconds), RetryBackoff.Delay(attempts, Base, Max, random: 0));
        Assert.Equal(TimeSpan.FromSeconds(highSeconds), RetryBackoff.Delay(attempts, Base, Max, random: 1));
        var middle = RetryBackoff.Delay(attempts, Base, Max, random: 0.5);
        Assert.InRange(middle, TimeSpan.FromSeconds(lowSeconds), TimeSpan.FromSeconds(highSeconds));
    }

    [Fact]
    public void Delay_Spreads_ManyMessagesRefusedAtOnce()
    {
        var random = new Random(7);
        var delays = Enumerable.Range(0, 100).Select(_ => RetryBackoff.Delay(3, Base, Max, random.NextDouble())).Distinct().Count();
        Assert.True(delays > 90, $"only {delays} distinct delays");
    }

    [Fact]
    public void Delay_RespectsRetryAfter_UpToTheMaximum()
    {
        Assert.Equal(TimeSpan.FromSeconds(30), RetryBackoff.Delay(1, Base, Max, 0, retryAfter: TimeSpan.FromSeconds(30)));
        Assert.Equal(Max, RetryBackoff.Delay(1, Base, Max, 0, retryAfter: TimeSpan.FromHours(1)));
        Assert.Equal(TimeSpan.FromSeconds(1), RetryBackoff.Delay(1, Base, Max, 0, retryAfter: TimeSpan.FromMilliseconds(10)));
    }
}
