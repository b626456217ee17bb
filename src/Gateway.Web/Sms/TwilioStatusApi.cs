using Gateway.Channels.Twilio;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Microsoft.AspNetCore.Http.Features;
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
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxWebhookBytes;
        }

        if (http.Request.ContentLength > options.MaxWebhookBytes)
        {
            return Refuse(metrics, logger, StatusCodes.Status413PayloadTooLarge, "too_large", $"The body is larger than {options.MaxWebhookBytes} bytes.");
        }

        if (!http.Request.HasFormContentType)
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "not_form", "Twilio status callbacks are application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = (int)options.MaxWebhookBytes, KeyLengthLimit = 256, ValueCountLimit = 200 }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            return Refuse(metrics, logger, e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest, "malformed", "The form body could not be read.");
        }

        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var token = twilioOptions.CurrentValue.AuthToken;
        var url = TwilioSmsApi.PublicUrl(http.Request, options.PublicBaseUrl);
        if (string.IsNullOrEmpty(token) || !TwilioSignature.IsValid(url, pairs, token, http.Request.Headers[TwilioSignature.Header]))
        {
            return Refuse(metrics, logger, StatusCodes.Status403Forbidden, "signature",
                string.IsNullOrEmpty(token) ? "Twilio:AuthToken is not configured, so no request can be verified." : "The X-Twilio-Signature is missing or does not match this URL and body.");
        }

        var single = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!TwilioStatusCallback.TryParse(single, out var callback, out var problem))
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem!);
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

    private static IResult Refuse(GatewayMetrics metrics, ILogger logger, int status, string reason, string message)
    {
        metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRefused(logger, status, message);
        return Results.Text(message, "text/plain", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio status callback refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio status callback for {ProviderSid} ({Status}) names no outbound message of this gateway")]
    private static partial void LogUnknown(ILogger logger, string providerSid, string status);
}
