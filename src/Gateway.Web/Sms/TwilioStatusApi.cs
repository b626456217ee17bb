using Gateway.Channels.Twilio;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Sms;

/// <summary>
/// <c>POST /sms/twilio/status</c>: Twilio's delivery status callbacks for the messages the gateway sent. The
/// signature is checked first (403 when wrong, nothing applied); statuses only move a message forward, so
/// duplicates and late arrivals change nothing. The callback URL carries our message id (<c>?id=</c>); without
/// it the message is found by its MessageSid.
/// </summary>
public static partial class TwilioStatusApi
{
    public const string Path = "/sms/twilio/status";

    public static IEndpointRouteBuilder MapTwilioStatus(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        OutboundSender sender,
        GatewayMetrics metrics,
        IOptionsMonitor<GatewayOptions> gatewayOptions,
        IOptionsMonitor<TwilioOptions> twilioOptions,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TwilioStatusApi));
        var options = gatewayOptions.CurrentValue;
        var (single, refusal) = await TwilioWebhook.ReadVerifiedAsync(http, options, twilioOptions.CurrentValue.AuthToken, metrics, logger, cancellationToken);
        if (single is null)
        {
            return refusal!;
        }

        if (!TwilioStatusCallback.TryParse(single, out var callback, out var problem))
        {
            return TwilioWebhook.Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem!);
        }

        var id = http.Request.Query["id"].ToString();
        var outcome = await sender.ApplyStatusAsync(id, callback!, cancellationToken);
        if (outcome == StatusOutcome.Unknown)
        {
            // Answered with success all the same: Twilio has nothing better to do with it.
            LogUnknown(logger, callback!.MessageSid, callback.Status);
        }

        return Results.NoContent();
    }



    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio status callback for {ProviderSid} ({Status}) names no outbound message of this gateway")]
    private static partial void LogUnknown(ILogger logger, string providerSid, string status);
}
