using System.Net;
using Gateway.Channels.BotFramework;
using Gateway.Web.Messaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Chat;

/// <summary>
/// <c>POST /api/messages</c>: the Bot Framework activity endpoint (the Azure Bot resource's messaging endpoint).
/// The bearer token is checked before anything happens (401 with the reason when it fails); a body that is not an
/// activity gets 400. Replies are posted to the connector before the POST is answered with 200.
/// Without <c>BotFramework:AppId</c> the endpoint answers 503 "chat is not configured", except in the embedded
/// default for a request from this machine without a token whose serviceUrl is on this machine too: the Bot
/// Framework Emulator, run beside the gateway for trying the flows.
/// </summary>
public static partial class ChatApi
{
    public const string Path = "/api/messages";

    public static IEndpointRouteBuilder MapChat(this IEndpointRouteBuilder app, bool embedded)
    {
        app.MapPost(Path, (HttpContext http, ChatTurns turns, BotTokenValidator validator, GatewayMetrics metrics, IOptions<BotFrameworkOptions> options, ILoggerFactory loggers, CancellationToken cancellationToken) =>
            HandleAsync(http, turns, validator, metrics, options.Value, embedded, loggers.CreateLogger(typeof(ChatApi)), cancellationToken)).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        ChatTurns turns,
        BotTokenValidator validator,
        GatewayMetrics metrics,
        BotFrameworkOptions options,
        bool embedded,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        var authorization = http.Request.Headers.Authorization.ToString();
        var emulator = !options.IsConfigured && embedded && authorization.Length == 0 && IsLoopback(http.Connection.RemoteIpAddress);
        if (!options.IsConfigured && !emulator)
        {
            return Refuse(metrics, logger, StatusCodes.Status503ServiceUnavailable, "not_configured",
                "Chat is not configured: set BotFramework__AppId and BotFramework__AppPassword (the Azure Bot resource's app id and secret).");
        }

        if (options.IsConfigured && authorization.Length == 0)
        {
            return Unauthorized(http, metrics, logger, "No Authorization header: the Bot Framework sends a bearer token with every activity.");
        }

        var (activity, refusal) = await ReadActivityAsync(http, options, metrics, logger, cancellationToken);
        if (activity is null)
        {
            return refusal!;
        }

        if (emulator)
        {
            if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || !serviceUrl.IsLoopback)
            {
                return Refuse(metrics, logger, StatusCodes.Status503ServiceUnavailable, "not_configured",
                    "Chat is not configured: without BotFramework__AppId only a local emulator (serviceUrl on this machine) is answered.");
            }
        }
        else
        {
            BotAuthResult auth;
            try
            {
                auth = await validator.ValidateAsync(authorization, activity.ChannelId, activity.ServiceUrl, cancellationToken);
            }
            catch (BotMetadataException e)
            {
                LogNoKeys(logger, e.Message);
                return Refuse(metrics, logger, StatusCodes.Status503ServiceUnavailable, "no_keys", "The Bot Framework's signing keys cannot be read just now; try again.");
            }

            if (!auth.IsValid)
            {
                return Unauthorized(http, metrics, logger, auth.Problem!);
            }
        }

        await turns.HandleAsync(activity, withToken: !emulator, cancellationToken);
        return Results.Ok();
    }

    private static async Task<(Activity? Activity, IResult? Refusal)> ReadActivityAsync(
        HttpContext http, BotFrameworkOptions options, GatewayMetrics metrics, ILogger logger, CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxActivityBytes;
        }

        if (http.Request.ContentLength > options.MaxActivityBytes)
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status413PayloadTooLarge, "too_large", $"The activity is larger than {options.MaxActivityBytes} bytes."));
        }

        byte[] body;
        try
        {
            using var buffer = new MemoryStream();
            await http.Request.Body.CopyToAsync(buffer, cancellationToken);
            body = buffer.ToArray();
        }
        catch (BadHttpRequestException e)
        {
            var status = e.StatusCode == StatusCodes.Status413PayloadTooLarge ? e.StatusCode : StatusCodes.Status400BadRequest;
            return (null, Refuse(metrics, logger, status, status == 413 ? "too_large" : "malformed", status == 413 ? $"The activity is larger than {options.MaxActivityBytes} bytes." : "The body could not be read."));
        }

        if (!BotJson.TryParse(body, out var activity, out var problem))
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem!));
        }

        var missing = new List<string>();
        if (string.IsNullOrWhiteSpace(activity!.ServiceUrl))
        {
            missing.Add("serviceUrl");
        }

        if (string.IsNullOrWhiteSpace(activity.Conversation?.Id))
        {
            missing.Add("conversation.id");
        }

        if (string.IsNullOrWhiteSpace(activity.ChannelId))
        {
            missing.Add("channelId");
        }

        if (activity.Type == ActivityTypes.Message && string.IsNullOrWhiteSpace(activity.From?.Id))
        {
            missing.Add("from.id");
        }

        if (missing.Count > 0)
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", $"The activity has no {string.Join(", ", missing)}."));
        }

        return (activity, null);
    }

    private static bool IsLoopback(IPAddress? address) => address is not null && IPAddress.IsLoopback(address);

    private static IResult Unauthorized(HttpContext http, GatewayMetrics metrics, ILogger logger, string problem)
    {
        http.Response.Headers.WWWAuthenticate = "Bearer";
        return Refuse(metrics, logger, StatusCodes.Status401Unauthorized, "unauthorized", problem);
    }

    private static IResult Refuse(GatewayMetrics metrics, ILogger logger, int status, string reason, string message)
    {
        metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason), new KeyValuePair<string, object?>("channel", "chat"));
        LogRefused(logger, status, message);
        return Results.Text(message, "text/plain", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Chat activity refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The Bot Framework's signing keys cannot be read, so no chat message can be verified: {Problem}")]
    private static partial void LogNoKeys(ILogger logger, string problem);
}
