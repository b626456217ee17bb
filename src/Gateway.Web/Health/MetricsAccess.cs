using System.Security.Cryptography;
using System.Text;
using Gateway.Web.Configuration;
using Microsoft.Net.Http.Headers;

namespace Gateway.Web.Health;

/// <summary>The "Metrics" configuration section (environment: Metrics__Key, Metrics__Port).</summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    /// <summary>A secret the scraper sends as <c>Authorization: Bearer &lt;key&gt;</c> (or <c>X-Metrics-Key</c>).</summary>
    public string? Key { get; set; }

    /// <summary>
    /// A port the gateway also listens on (add it to ASPNETCORE_URLS) and publishes no further than the scraper's
    /// network: <c>/metrics</c> asked on it needs no key.
    /// </summary>
    public int? Port { get; set; }
}

/// <summary>
/// Who may read <c>/metrics</c>. The counters name no person, but they show how busy the hotline is, by channel and
/// category, and how its escalations fare: not for everyone on the internet. A request is let in with the key
/// (<see cref="MetricsOptions.Key"/>) or on the metrics port (<see cref="MetricsOptions.Port"/>); with neither
/// configured, only the embedded default (a developer's machine) shows them, and a gateway on Redis answers 403.
/// </summary>
public static class MetricsAccess
{
    public const string KeyHeader = "X-Metrics-Key";

    public static void Guard(IApplicationBuilder branch, MetricsOptions options, bool embedded)
    {
        ArgumentNullException.ThrowIfNull(branch);
        ArgumentNullException.ThrowIfNull(options);
        var key = string.IsNullOrEmpty(options.Key) ? null : SHA256.HashData(Encoding.UTF8.GetBytes(options.Key));
        branch.Use(async (context, next) =>
        {
            if (options.Port is { } port && context.Connection.LocalPort == port)
            {
                await next(context);
                return;
            }

            if (key is not null)
            {
                if (Presented(context.Request) is { } presented && CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(presented)), key))
                {
                    await next(context);
                    return;
                }

                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                context.Response.Headers.WWWAuthenticate = "Bearer";
                await context.Response.WriteAsync("/metrics needs the key set in Metrics__Key, sent as \"Authorization: Bearer <key>\" or the X-Metrics-Key header.");
                return;
            }

            if (embedded && options.Port is null)
            {
                await next(context);
                return;
            }

            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            await context.Response.WriteAsync(options.Port is { } only
                ? $"/metrics is answered on port {only} only (Metrics__Port)."
                : "/metrics is closed on this gateway: set Metrics__Key (and send it as \"Authorization: Bearer <key>\") or Metrics__Port. See docs/operations.md.");
        });
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers[HeaderNames.Authorization].ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return authorization["Bearer ".Length..].Trim();
        }

        return request.Headers[KeyHeader].ToString() is { Length: > 0 } header ? header.Trim() : null;
    }
}
