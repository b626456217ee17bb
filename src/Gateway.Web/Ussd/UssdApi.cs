using Gateway.Channels.Ussd;
using Gateway.Core.Localization;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Ussd;

/// <summary>
/// <c>POST /ussd/africastalking</c> (form in, <c>CON …</c>/<c>END …</c> text out) and <c>POST /ussd/hubtel</c>
/// (JSON in and out): one USSD path behind two conventions. The caller is checked first (<see cref="UssdGuard"/>),
/// then the request is parsed into a <see cref="UssdRequest"/>, run through the ordinary message path with its
/// place in the provider session, and the reply, already paged to one screen, is rendered in the provider's form.
/// A retried request (same session, same step) gets the same screen and never moves the flow twice. When the
/// store cannot be reached in time the person gets one screen with the hotline and the session ends.
/// </summary>
public static partial class UssdApi
{
    public const string AfricasTalkingPath = "/ussd/africastalking";
    public const string HubtelPath = "/ussd/hubtel";

    public static IEndpointRouteBuilder MapUssd(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!UssdSetup.IsServed(app.ServiceProvider.GetRequiredService<IConfiguration>(), app.ServiceProvider.GetRequiredService<IOptions<UssdOptions>>().Value))
        {
            return app;
        }

        app.MapPost(AfricasTalkingPath, AfricasTalkingAsync).DisableAntiforgery();
        app.MapPost(HubtelPath, HubtelAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> AfricasTalkingAsync(HttpContext http, UssdGuard guard, IOptions<GatewayOptions> gateway, IOptions<UssdOptions> ussd, GatewayMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UssdApi));
        var limit = gateway.Value.MaxWebhookBytes;
        if (Refusal(http, guard, limit, metrics, logger) is { } refused)
        {
            return refused;
        }

        if (!http.Request.HasFormContentType)
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "not_form", "Africa's Talking USSD requests are application/x-www-form-urlencoded.");
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions { ValueLengthLimit = (int)limit, KeyLengthLimit = 256, ValueCountLimit = 50 }, http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            var status = e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Refuse(metrics, logger, status, "malformed", "The form body could not be read.");
        }

        var fields = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        if (!AfricasTalkingUssd.TryParse(fields, out var request, out var problem))
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem);
        }

        var response = await AnswerAsync(http, request, ussd.Value, metrics, logger);
        return Results.Text(AfricasTalkingUssd.Render(response), AfricasTalkingUssd.ContentType);
    }

    private static async Task<IResult> HubtelAsync(HttpContext http, UssdGuard guard, IOptions<GatewayOptions> gateway, IOptions<UssdOptions> ussd, GatewayMetrics metrics, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(UssdApi));
        var limit = gateway.Value.MaxWebhookBytes;
        if (Refusal(http, guard, limit, metrics, logger) is { } refused)
        {
            return refused;
        }

        if (http.Request.ContentType is not { } type || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "not_json", "Hubtel USSD requests are application/json.");
        }

        string body;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            body = await reader.ReadToEndAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            var status = e is BadHttpRequestException { StatusCode: 413 } ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest;
            return Refuse(metrics, logger, status, "malformed", "The body could not be read.");
        }

        if (!HubtelUssd.TryParse(body, out var request, out var problem))
        {
            return Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem);
        }

        if (request.Kind == UssdRequestKind.Closed)
        {
            // The session is over on the phone; where the person was stays for their next dial.
            return Results.Text(HubtelUssd.Render(new UssdResponse(string.Empty, Ends: true)), HubtelUssd.ContentType);
        }

        var response = await AnswerAsync(http, request, ussd.Value, metrics, logger);
        return Results.Text(HubtelUssd.Render(response, request.ClientState), HubtelUssd.ContentType);
    }

    /// <summary>The guard and the size limit, before a byte of the body is read.</summary>
    private static IResult? Refusal(HttpContext http, UssdGuard guard, long limit, GatewayMetrics metrics, ILogger logger)
    {
        if (!guard.Allows(http, out var reason))
        {
            return Refuse(metrics, logger, StatusCodes.Status403Forbidden, "ussd_key", reason!);
        }

        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
        {
            size.MaxRequestBodySize = limit;
        }

        return http.Request.ContentLength > limit
            ? Refuse(metrics, logger, StatusCodes.Status413PayloadTooLarge, "too_large", $"The body is larger than {limit} bytes.")
            : null;
    }

    /// <summary>Runs the request through the message path, or answers with the hotline when the store fails.</summary>
    private static async Task<UssdResponse> AnswerAsync(HttpContext http, UssdRequest request, UssdOptions options, GatewayMetrics metrics, ILogger logger)
    {
        var processor = http.RequestServices.GetRequiredService<MessageProcessor>();
        var dialogue = new ProviderDialogue(request.QualifiedSessionId, request.Step, request.CumulativeText);
        var message = new InboundMessage("ussd", request.PhoneNumber, request.Text, $"ussd:{request.QualifiedSessionId}:{request.Step}", Dialogue: dialogue);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(options.AnswerWithin);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            var reply = await processor.ProcessAsync(message, deadline.Token);
            metrics.Sent.Add(1, new KeyValuePair<string, object?>("channel", "ussd"));
            metrics.HandlingTime.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", "ussd"));
            return new UssdResponse(string.Join('\n', reply.Messages), reply.Ended);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e)
            || (e is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            return Degraded(http, request, e, metrics, logger);
        }
    }

    /// <summary>
    /// The store cannot be reached (or not in time): one screen with the hotline of the caller's country, which
    /// ends the session. An answer (not a dial) is journaled when the store failed outright, to be replayed as an
    /// ordinary message (an SOS chosen by its number still opens its report); after a timeout it is not, as the
    /// store may have taken it already.
    /// </summary>
    private static UssdResponse Degraded(HttpContext http, UssdRequest request, Exception e, GatewayMetrics metrics, ILogger logger)
    {
        var flows = http.RequestServices.GetRequiredService<FlowHost>();
        var country = Infrastructure.Phones.PhoneNumbers.Normalize(request.PhoneNumber)?.Country;
        var input = request.CumulativeText ? request.Text[(request.Text.LastIndexOf('*') + 1)..] : request.Text;
        if (e is not OperationCanceledException && input.Length > 0 && http.RequestServices.GetService<InboundJournal>() is { } journal)
        {
            try
            {
                journal.Append(new InboundMessage("ussd", request.PhoneNumber, input, $"ussd:{request.QualifiedSessionId}:{request.Step}"), TimeProvider.System.GetUtcNow());
                LogJournaled(logger, e.GetType().Name);
            }
            catch (IOException io)
            {
                LogLost(logger, io.Message);
            }
        }
        else
        {
            LogUnanswered(logger, e.GetType().Name);
        }

        metrics.Failed.Add(1, new KeyValuePair<string, object?>("channel", "ussd"), new KeyValuePair<string, object?>("reason", "store_unavailable"));
        return new UssdResponse(DegradedReply.For(flows.Engine.Bundle, input, country, Channel.Ussd), Ends: true);
    }

    private static IResult Refuse(GatewayMetrics metrics, ILogger logger, int status, string reason, string message)
    {
        metrics.Rejected.Add(1, new KeyValuePair<string, object?>("reason", reason));
        LogRefused(logger, status, message);
        return Results.Text(message, "text/plain", statusCode: status);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "USSD request refused with {Status}: {Reason}")]
    private static partial void LogRefused(ILogger logger, int status, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis cannot be reached ({Problem}): a USSD answer is journaled to disk and will be replayed; the person was given the hotline")]
    private static partial void LogJournaled(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis did not answer in time or cannot be reached ({Problem}): a USSD caller was given the hotline and the session ended")]
    private static partial void LogUnanswered(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Redis cannot be reached and the journal cannot be written ({Problem}): this USSD answer is LOST; the person was given the hotline")]
    private static partial void LogLost(ILogger logger, string problem);
}
