using Gateway.Tests.Support;
using Hangfire;
using Hangfire.States;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Configuration;

/// <summary>
/// <c>Jobs__InvisibilityTimeout</c> and <c>Jobs__AbandonedJobCheckInterval</c> reach the gateway's job storage: a job
/// that a dead process had taken is put back in its queue by the running gateway soon after the configured timeout.
/// </summary>
public class JobsOptionsFacts
{
    private const string Queue = "abandoned-by-a-test";

    [Fact]
    public async Task AJobADeadProcessTook_IsPutBackInItsQueue_AfterTheConfiguredInvisibilityTimeout()
    {
        using var redis = new PrivateRedis(durable: false);
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["ConnectionStrings:Redis"] = redis.Endpoint,
            ["Gateway:DataKey"] = Convert.ToBase64String(Enumerable.Range(1, 32).Select(i => (byte)i).ToArray()),
            ["Jobs:InvisibilityTimeout"] = "00:00:02",
            ["Jobs:AbandonedJobCheckInterval"] = "00:00:01",
        });
        using var client = factory.CreateClient();
        var storage = factory.Services.GetRequiredService<JobStorage>();

        // A queue the gateway's server does not work on, so that only the dead process ever takes the job.
        new BackgroundJobClient(storage).Create(() => Console.WriteLine("never run"), new EnqueuedState(Queue));
        using (var dead = storage.GetConnection())
        {
            Assert.NotNull(dead.FetchNextJob([Queue], CancellationToken.None));
        }

        var taken = DateTime.UtcNow;
        var monitoring = storage.GetMonitoringApi();
        Assert.Equal(0, monitoring.EnqueuedCount(Queue));

        // The shipped 30 s timeout would leave it out of its queue for half a minute.
        while (monitoring.EnqueuedCount(Queue) == 0 && DateTime.UtcNow - taken < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(100);
        }

        var back = DateTime.UtcNow - taken;
        Assert.Equal(1, monitoring.EnqueuedCount(Queue));
        Assert.True(back >= TimeSpan.FromSeconds(1.9) && back <= TimeSpan.FromSeconds(6), $"The job was back in its queue {back.TotalSeconds:0.0} s after it was taken.");
    }

    [Fact]
    public void ACheckIntervalUnderASecond_StopsTheStart()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Jobs:AbandonedJobCheckInterval"] = "00:00:00.100" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Jobs:AbandonedJobCheckInterval at least one second", e.ToString(), StringComparison.Ordinal);
    }
}
