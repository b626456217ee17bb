using Gateway.Channels.Twilio;
using Gateway.Core.Sessions;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Sms;

/// <summary>
/// <c>POST /sms/twilio</c>: Twilio's inbound SMS webhook. The signature is checked before anything else; a
/// MessageSid seen in the dedupe window gets the reply it got the first time, without running the flow again.
/// </summary>
public static partial class TwilioSmsApi
{
    public const string Path = "/sms/twilio";

    public static IEndpointRouteBuilder MapTwilioSms(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, HandleAsync).DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        MessageProcessor processor,
        IMessageDedupe dedupe,
        GatewayMetrics metrics,
        IOptionsMonitor<GatewayOptions> gatewayOptions,
        IOptionsMonitor<TwilioOptions> twilioOptions,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(TwilioSmsApi));
        var options = gatewayOptions.CurrentValue;
        var (single, refusal) = await TwilioWebhook.ReadVerifiedAsync(http, options, twilioOptions.CurrentValue.AuthToken, metrics, logger, cancellationToken);
        if (single is null)
        {
            return refusal!;
        }

        if (!TwilioSmsRequest.TryParse(single, out var request, out var problem))
        {
            return TwilioWebhook.Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem!);
        }

        var message = new InboundMessage("sms", request!.From, request.Body, request.MessageSid);
        try
        {
            return await HandleMessageAsync(message, processor, dedupe, metrics, options, cancellationToken);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e) && http.RequestServices.GetService<InboundJournal>() is { } journal)
        {
            // The store cannot be reached: keep the message to replay it, and give the person the hotline now.
            var flows = http.RequestServices.GetRequiredService<FlowHost>();
            var country = Infrastructure.Phones.PhoneNumbers.Normalize(request.From)?.Country;
            try
            {
                journal.Append(message, TimeProvider.System.GetUtcNow());
                LogJournaled(logger, e.GetType().Name);
            }
            catch (IOException io)
            {
                LogLost(logger, io.Message);
            }

            metrics.Failed.Add(1, new KeyValuePair<string, object?>("channel", "sms"), new KeyValuePair<string, object?>("reason", "store_unavailable"));
            return Results.Text(TwiML.Messages([DegradedReply.For(flows.Engine.Bundle, request.Body, country)]), TwiML.ContentType);
        }
    }

    private static async Task<IResult> HandleMessageAsync(
        InboundMessage message,
        MessageProcessor processor,
        IMessageDedupe dedupe,
        GatewayMetrics metrics,
        GatewayOptions options,
        CancellationToken cancellationToken)
    {
        var sid = message.ProviderMessageId!;

        // The claim and the read of the contact go to the store together, and the webhook waits once for both.
        // This is safe under the provider's retries: the read changes nothing, and it is used only when the claim
        // is new, that is when no other request has handled or is handling this message; a read that is stale by
        // then (another message of the same person saved in between) makes the save refuse and load again.
        DedupeClaim claim;
        string? reply;
        var read = processor.BeginRead(message, cancellationToken);
        try
        {
            (claim, reply) = await dedupe.ClaimAsync(sid, options.DedupeWindow, cancellationToken);
            for (var wait = 0; claim == DedupeClaim.InProgress && wait < 50; wait++)
            {
                await Task.Delay(100, cancellationToken);
                (claim, reply) = await dedupe.ClaimAsync(sid, options.DedupeWindow, cancellationToken);
            }
        }
        catch
        {
            read.Abandon();
            throw;
        }

        if (claim != DedupeClaim.New)
        {
            read.Abandon();
            metrics.Duplicates.Add(1, new KeyValuePair<string, object?>("channel", "sms"));
            return Results.Text(reply ?? TwiML.Empty, TwiML.ContentType);
        }

        try
        {
            var started = TimeProvider.System.GetTimestamp();
            var replies = (await processor.ProcessAsync(read, cancellationToken)).Messages;
            var twiml = TwiML.Messages(replies);
            metrics.Sent.Add(replies.Count, new KeyValuePair<string, object?>("channel", "sms"));
            metrics.HandlingTime.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", "sms"));
            await dedupe.CompleteAsync(sid, twiml, options.DedupeWindow, cancellationToken);
            return Results.Text(twiml, TwiML.ContentType);
        }
        catch
        {
            // Twilio retries a failed webhook: let the retry be handled afresh.
            try
            {
                await dedupe.ReleaseAsync(sid, CancellationToken.None);
            }
            catch (Exception e) when (RedisConnection.IsUnavailable(e))
            {
                // The claim expires with the dedupe window; the journal replay claims under its own key.
            }

            throw;
        }
    }



    [LoggerMessage(Level = LogLevel.Error, Message = "Redis cannot be reached ({Problem}): the message is journaled to disk and will be replayed; the person was given the hotline")]
    private static partial void LogJournaled(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Redis cannot be reached and the journal cannot be written ({Problem}): this message is LOST; the person was given the hotline")]
    private static partial void LogLost(ILogger logger, string problem);

}
