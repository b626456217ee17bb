using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gateway.Bench.Http;

/// <summary>
/// The baseline: the least an inbound SMS endpoint can do on the same stack. A bare Kestrel minimal API reads
/// the form, does one Redis GET and one SET of the sender's key (with the same client library as the gateway)
/// and answers a fixed TwiML. No signature check, no flows, no logging: what is left of the gateway's time once
/// this is subtracted is the gateway's own work.
/// </summary>
internal static class BaselineServer
{
    public const string Switch = "--serve-baseline";
    public const string Reply = """<?xml version="1.0" encoding="UTF-8"?><Response><Message>Hi</Message></Response>""";

    /// <summary>Serves until killed: <c>--serve-baseline --urls http://127.0.0.1:PORT --redis 127.0.0.1:PORT</c>.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var redisEndpoint = ArgumentAfter(args, "--redis") ?? throw new ArgumentException("--serve-baseline needs --redis HOST:PORT.");
        var urls = ArgumentAfter(args, "--urls") ?? throw new ArgumentException("--serve-baseline needs --urls.");

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(urls);
        using var redis = await ConnectionMultiplexer.ConnectAsync(redisEndpoint);
        var app = builder.Build();

        app.MapPost(WebhookTraffic.Path, async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            var key = new RedisKey("baseline:" + form["From"].ToString());
            var db = redis.GetDatabase();
            var seen = await db.StringGetAsync(key);
            await db.StringSetAsync(key, seen.IsNull ? "1" : "2");
            return Results.Text(Reply, "text/xml; charset=utf-8");
        });
        app.MapGet("/health/ready", async () =>
        {
            await redis.GetDatabase().PingAsync();
            return Results.Text("ready");
        });

        await app.RunAsync();
        return 0;
    }

    private static string? ArgumentAfter(string[] args, string name)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? args[at + 1] : null;
    }
}
