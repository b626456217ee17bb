using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Gateway.Bench.Escalation;

/// <summary>
/// The hotlines' side of the webhook pages: a bare Kestrel endpoint in the benchmark's process that takes every page
/// at once (200 and a case id, as a hotline's system would answer) and counts them by delivery id
/// (<c>X-Gateway-Delivery</c>, the same on every retry of one page), so that a lost or repeated page shows.
/// </summary>
internal sealed class PageSink : IAsyncDisposable
{
    public const string PathPrefix = "/hooks/";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, int> _deliveries = new(StringComparer.Ordinal);
    private long _requests;
    private long _unsigned;

    private PageSink(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Every page request received, retries included.</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Requests without the delivery id or a signature header: the gateway must sign every page.</summary>
    public long Unsigned => Interlocked.Read(ref _unsigned);

    public IReadOnlyDictionary<string, int> Deliveries => _deliveries;

    public static async Task<PageSink> StartAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        var url = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        var sink = new PageSink(app, url);
        app.MapPost(PathPrefix + "{name}", async (HttpContext context) =>
        {
            // The body is read, as a hotline's system would; its content is the gateway's business (tests check it).
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
            var delivery = context.Request.Headers["X-Gateway-Delivery"].ToString();
            Interlocked.Increment(ref sink._requests);
            if (delivery.Length == 0 || context.Request.Headers["X-Gateway-Signature"].Count == 0)
            {
                Interlocked.Increment(ref sink._unsigned);
            }
            else
            {
                sink._deliveries.AddOrUpdate(delivery, 1, (_, n) => n + 1);
            }

            return Results.Json(new { id = "case-" + Interlocked.Read(ref sink._requests).ToString(CultureInfo.InvariantCulture) });
        });
        await app.StartAsync();
        return sink;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
