using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Gateway.Bench.Ussd;

/// <summary>
/// The floor the gateway is measured against: Kestrel reading the same Africa's Talking form, one Redis GET and
/// one SET of a small session record, and a fixed <c>CON</c> screen. What the gateway adds on top (the guard,
/// the contact store's versioned save, the flow engine, rendering) is the difference.
/// </summary>
internal static class BaselineServer
{
    public const string Switch = "--baseline-server";

    private const string Screen = "CON Safe Migration. Choose your language:\n1. English\n2. Burmese\n99. SOS";

    /// <summary>Arguments: the URL to listen on, then the Redis endpoint.</summary>
    public static async Task RunAsync(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls(args[0]);
        var redis = await ConnectionMultiplexer.ConnectAsync(args[1]);
        var app = builder.Build();
        app.MapPost("/ussd", async (HttpContext http) =>
        {
            var form = await http.Request.ReadFormAsync(http.RequestAborted);
            var sessionId = form["sessionId"].ToString();
            var text = form["text"].ToString();
            if (sessionId.Length == 0 || form["phoneNumber"].ToString().Length == 0)
            {
                return Results.BadRequest("sessionId and phoneNumber are required.");
            }

            var db = redis.GetDatabase();
            var key = (RedisKey)("baseline:" + sessionId);
            var seen = await db.StringGetAsync(key);
            await db.StringSetAsync(key, text.Length + ":" + (seen.HasValue ? seen.ToString().Length : 0), TimeSpan.FromSeconds(180));
            return Results.Text(Screen, "text/plain; charset=utf-8");
        });
        await app.RunAsync();
    }
}
