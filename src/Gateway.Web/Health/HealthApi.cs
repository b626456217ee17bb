using Gateway.Web.Messaging;
using StackExchange.Redis;

namespace Gateway.Web.Health;

/// <summary>/health/live (the process answers) and /health/ready (flows loaded, Redis answering if configured).</summary>
public static class HealthApi
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", async (FlowHost flows, IServiceProvider services) =>
        {
            if (services.GetService<IConnectionMultiplexer>() is { } redis)
            {
                try
                {
                    await redis.GetDatabase().PingAsync();
                }
                catch (RedisException)
                {
                    return Results.Text("Redis does not answer.", statusCode: StatusCodes.Status503ServiceUnavailable);
                }
            }

            return Results.Text($"ready: flows revision {flows.Engine.Bundle.Revision}");
        });

        // Prometheus text format: counters and histograms labelled by channel, category and reason only.
        app.MapPrometheusScrapingEndpoint("/metrics");
        return app;
    }
}
