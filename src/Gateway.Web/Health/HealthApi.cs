using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using StackExchange.Redis;

namespace Gateway.Web.Health;

/// <summary>
/// /health/live (the process answers), /health/ready (flows loaded, Redis answering if configured) and /metrics
/// (for a scraper holding the key, see <see cref="MetricsAccess"/>).
/// </summary>
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

        // Prometheus text format: counters and histograms labelled by channel, category and reason only; behind a
        // key or a port of its own (MetricsAccess).
        var configuration = app.ServiceProvider.GetRequiredService<IConfiguration>();
        var metrics = configuration.GetSection(MetricsOptions.Section).Get<MetricsOptions>() ?? new MetricsOptions();
        app.MapPrometheusScrapingEndpoint("/metrics", meterProvider: null, branch => MetricsAccess.Guard(branch, metrics, configuration.IsEmbedded()), optionsName: null);
        return app;
    }
}
