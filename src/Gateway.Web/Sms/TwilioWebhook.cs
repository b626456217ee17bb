using Gateway.Channels.Twilio;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Microsoft.AspNetCore.Http.Features;

namespace Gateway.Web.Sms;

/// <summary>
/// What every Twilio webhook does before it reads a single parameter: limit the body, read the form, and check
/// the X-Twilio-Signature over the public URL. A refusal is logged and counted, and says why.
/// </summary>
internal static partial class TwilioWebhook
{
    /// <summary>The verified form, one value per name; or the refusal to answer with.</summary>
    public static async Task<(IReadOnlyDictionary<string, string>? Form, IResult? Refusal)> ReadVerifiedAsync(
        HttpContext http,
        GatewayOptions options,
        string? authToken,
        GatewayMetrics metrics,
        ILogger logger,
        CancellationToken cancellationToken)
    {
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = options.MaxWebhookBytes;
        }

        if (http.Request.ContentLength > options.MaxWebhookBytes)
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status413PayloadTooLarge, "too_large", $"The body is larger than {options.MaxWebhookBytes} bytes."));
        }

        if (!http.Request.HasFormContentType)
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status400BadRequest, "not_form", "Twilio webhooks are application/x-www-form-urlencoded."));
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = (int)options.MaxWebhookBytes, KeyLengthLimit = 256, ValueCountLimit = 200 }, cancellationToken);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            var status = e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return (null, Refuse(metrics, logger, status, "malformed", "The form body could not be read."));
        }

        var pairs = form.SelectMany(f => f.Value.Select(v => new KeyValuePair<string, string>(f.Key, v ?? string.Empty))).ToList();
        var url = PublicUrl(http.Request, options.PublicBaseUrl);
        if (string.IsNullOrEmpty(authToken) || !TwilioSignature.IsValid(url, pairs, authToken, http.Request.Headers[TwilioSignature.Header]))
        {
            return (null, Refuse(metrics, logger, StatusCodes.Status403Forbidden, "signature",
                string.IsNullOrEmpty(authToken) ? "Twilio:AuthToken is not configured, so no request can be verified." : "The X-Twilio-Signature is missing or does not match this URL and body."));
        }

        return (form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal), null);
    }

    /// <summary>The URL Twilio called: the configured public base URL (behind a proxy) or the request's own.</summary>
    public static string PublicUrl(HttpRequest request, string? publicBaseUrl)
    {
        var path = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        return string.IsNullOrWhiteSpace(publicBaseUrl)
            ? $"{request.Scheme}://{request.Host.ToUriComponent()}{path}"
            : publicBaseUrl.TrimEnd('/') + path;
    }

    public static IResult Refuse(GatewayMetrics metrics, ILogger logger, int status, string reason, string message)
    {
        metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRefused(logger, status, message);
        return Results.Text(message, "text/plain", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Twilio webhook refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);
}
