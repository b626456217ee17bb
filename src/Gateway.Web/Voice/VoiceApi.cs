using Gateway.Channels.Twilio;
using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Gateway.Web.Sms;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Gateway.Web.Voice;

/// <summary>
/// The voice hotline. <c>POST /voice/twilio</c> is the Twilio number's voice webhook and every Gather's action: the
/// signature is checked as for SMS, the call's CallSid is the provider dialogue (a new call says where the person
/// is, or the language menu; each Gather posts the key pressed as Digits to <c>/voice/twilio?step=n</c>, the step
/// being part of the signed URL) and the reply is TwiML (<see cref="VoiceReplies"/>). A CallSid and step already
/// answered get the same TwiML again, without the flow moving (<see cref="NextAction"/>). <c>POST /voice/twilio/callback</c> takes the key pressed on a call-back's consent
/// prompt: 1 puts the person through. <c>GET /voice/audio/{language}/{file}</c> serves the recordings calls play.
/// When the store cannot be reached in time the caller hears the hotline and the call ends.
/// </summary>
public static partial class VoiceApi
{
    public const string Path = "/voice/twilio";
    public const string CallBackPath = "/voice/twilio/callback";

    /// <summary>The consent prompt's Gather action, with the person's language and country (relative to the base URL).</summary>
    public static string CallBackAction(string? language, string? country) =>
        $"{CallBackPath.TrimStart('/')}?lang={Uri.EscapeDataString(language ?? TextCatalog.DefaultLanguage)}&country={Uri.EscapeDataString(country ?? string.Empty)}";

    public static IEndpointRouteBuilder MapVoice(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, CallAsync).DisableAntiforgery();
        app.MapPost(CallBackPath, CallBackAsync).DisableAntiforgery();
        app.MapGet(VoiceAudio.PathPrefix + "/{language}/{file}", Audio);
        return app;
    }

    /// <summary>The query parameter of a Gather's action that numbers the requests of one call (absent on the call itself: 0).</summary>
    public const string StepParameter = "step";

    /// <summary>
    /// The Gather action for the request after <paramref name="step"/>. The step is in the URL Twilio signs, so a
    /// request replayed with its signature keeps its step: it is answered from the dedupe store (the TwiML it got)
    /// and never runs the flow again; a later key can only come from the Gather the gateway itself wrote.
    /// </summary>
    public static string NextAction(long step) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{Path.TrimStart('/')}?{StepParameter}={step + 1}");

    private static async Task<IResult> CallAsync(
        HttpContext http,
        MessageProcessor processor,
        FlowHost flows,
        VoiceAudio audio,
        IMessageDedupe dedupe,
        GatewayMetrics metrics,
        IOptionsMonitor<GatewayOptions> gatewayOptions,
        IOptionsMonitor<TwilioOptions> twilioOptions,
        IOptionsMonitor<VoiceOptions> voiceOptions,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(VoiceApi));
        var options = gatewayOptions.CurrentValue;
        var (request, refusal) = await ReadCallAsync(http, options, twilioOptions.CurrentValue.AuthToken, metrics, logger);
        if (request is null)
        {
            return refusal!;
        }

        if (!TryReadStep(http.Request.Query[StepParameter], out var step))
        {
            return TwilioWebhook.Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", "The step in the URL is not a whole number; the voice webhook is /voice/twilio without one.");
        }

        var voice = voiceOptions.CurrentValue;
        var baseUrl = BaseUrl(http, options);
        var bundle = flows.Engine.Bundle;
        var prompts = new VoicePrompts(bundle, audio, baseUrl);
        var replies = new VoiceReplies(prompts, bundle, voice, new Uri(baseUrl, NextAction(step)));

        var dialogue = new ProviderDialogue("twilio-voice:" + request.CallSid, step, CumulativeText: false);
        var message = new InboundMessage("voice", request.From, request.Digits ?? string.Empty, $"voice:{request.CallSid}:{step}", Dialogue: dialogue);
        var claimed = false;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        deadline.CancelAfter(voice.AnswerWithin);
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            // One request per call and step: a retry or a replay of it gets the TwiML the first one got.
            var (claim, answered) = await dedupe.ClaimAsync(message.ProviderMessageId!, options.DedupeWindow, deadline.Token);
            while (claim == DedupeClaim.InProgress)
            {
                await Task.Delay(100, deadline.Token);
                (claim, answered) = await dedupe.ClaimAsync(message.ProviderMessageId!, options.DedupeWindow, deadline.Token);
            }

            if (claim == DedupeClaim.Answered)
            {
                metrics.Duplicates.Add(1, new KeyValuePair<string, object?>("channel", "voice"));
                return Results.Text(answered ?? new VoiceTwiML().Hangup().ToString(), TwiML.ContentType);
            }

            claimed = true;
            var reply = await processor.ProcessAsync(message, deadline.Token);
            var twiml = replies.Render(reply);
            await dedupe.CompleteAsync(message.ProviderMessageId!, twiml, options.DedupeWindow, deadline.Token);
            metrics.Sent.Add(1, new KeyValuePair<string, object?>("channel", "voice"));
            metrics.HandlingTime.Record(TimeProvider.System.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("channel", "voice"));
            return Results.Text(twiml, TwiML.ContentType);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e)
            || (e is OperationCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            // The store cannot be reached (or not in time): the hotline of the caller's country, and the call ends.
            LogUnanswered(logger, e.GetType().Name);
            metrics.Failed.Add(1, new KeyValuePair<string, object?>("channel", "voice"), new KeyValuePair<string, object?>("reason", "store_unavailable"));
            if (claimed)
            {
                await ReleaseAsync(dedupe, message.ProviderMessageId!);
            }

            var country = Infrastructure.Phones.PhoneNumbers.Normalize(request.From)?.Country;
            var session = new Session { Language = TextCatalog.DefaultLanguage, Country = country };
            var twiml = new VoiceTwiML();
            prompts.Speak(twiml, prompts.Said(SystemTexts.Unavailable, session));
            return Results.Text(twiml.Hangup().ToString(), TwiML.ContentType);
        }
        catch when (claimed)
        {
            await ReleaseAsync(dedupe, message.ProviderMessageId!);
            throw;
        }
    }

    /// <summary>The step of a Gather's action: absent is the call's first request (0); anything but a whole number is refused.</summary>
    private static bool TryReadStep(Microsoft.Extensions.Primitives.StringValues values, out long step)
    {
        step = 0;
        return values.Count == 0
            || (values.Count == 1 && values[0] is { Length: > 0 and <= 9 } text
                && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out step));
    }

    /// <summary>Lets Twilio's retry of a request that failed be handled afresh.</summary>
    private static async Task ReleaseAsync(IMessageDedupe dedupe, string id)
    {
        try
        {
            await dedupe.ReleaseAsync(id, CancellationToken.None);
        }
        catch (Exception e) when (RedisConnection.IsUnavailable(e))
        {
            // The claim expires with the dedupe window.
        }
    }

    /// <summary>
    /// The key pressed on a call-back's consent prompt. 1: the contact who can take the call now, put through or
    /// named as for "talk to someone now"; any other key: the prompt again.
    /// </summary>
    private static async Task<IResult> CallBackAsync(
        HttpContext http,
        FlowHost flows,
        VoiceAudio audio,
        CallBacks callBacks,
        TimeProvider clock,
        GatewayMetrics metrics,
        IOptionsMonitor<GatewayOptions> gatewayOptions,
        IOptionsMonitor<TwilioOptions> twilioOptions,
        IOptionsMonitor<VoiceOptions> voiceOptions,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(VoiceApi));
        var options = gatewayOptions.CurrentValue;
        var (request, refusal) = await ReadCallAsync(http, options, twilioOptions.CurrentValue.AuthToken, metrics, logger);
        if (request is null)
        {
            return refusal!;
        }

        var bundle = flows.Engine.Bundle;
        var language = http.Request.Query["lang"].ToString();
        var country = http.Request.Query["country"].ToString();
        var session = new Session
        {
            Language = bundle.Texts.Has(language) ? language : TextCatalog.DefaultLanguage,
            Country = CountryCodes.IsKnown(country) ? country : null,
        };
        var baseUrl = BaseUrl(http, options);
        if (request.Digits != "1")
        {
            return Results.Text(callBacks.ConsentTwiML(bundle, session, baseUrl), TwiML.ContentType);
        }

        var prompts = new VoicePrompts(bundle, audio, baseUrl);
        var replies = new VoiceReplies(prompts, bundle, voiceOptions.CurrentValue, new Uri(baseUrl, Path.TrimStart('/')));
        var twiml = new VoiceTwiML();
        var target = ConnectRouting.Choose(bundle.Directory, session.Country, category: null, session.Language, clock.GetUtcNow());
        if (target.Entry is not { } entry)
        {
            prompts.Speak(twiml, prompts.Said(Core.Flows.Actions.ConnectCallAction.NoneKey, session));
            return Results.Text(twiml.Hangup().ToString(), TwiML.ContentType);
        }

        session.Variables["contact_name"] = entry.NameIn(bundle.Texts.Chain(session.Language)).Name;
        session.Variables["contact_number"] = entry.Number ?? target.Dial!;
        LogConnected(logger, request.CallSid, entry.Id, target.IsDialable);
        prompts.Speak(twiml, prompts.Said(target.IsDialable ? Core.Flows.Actions.ConnectCallAction.ConnectingKey : Core.Flows.Actions.ConnectCallAction.CallNumberKey, session));
        if (target.Dial is { } number)
        {
            replies.Connect(twiml, number);
        }

        return Results.Text(twiml.Hangup().ToString(), TwiML.ContentType);
    }

    /// <summary>
    /// A recording, by language and file name. Only names of the served form are looked up (<see cref="VoiceAudio"/>):
    /// anything else, a path that climbs out of the folder included, is not found.
    /// </summary>
    private static IResult Audio(string language, string file, HttpContext http, VoiceAudio audio, IOptionsMonitor<VoiceOptions> voiceOptions)
    {
        if (audio.Find(language, file) is not { } path)
        {
            return Results.NotFound();
        }

        http.Response.Headers[HeaderNames.CacheControl] = $"public, max-age={(int)voiceOptions.CurrentValue.AudioMaxAge.TotalSeconds}";
        http.Response.Headers[HeaderNames.XContentTypeOptions] = "nosniff";
        var info = new FileInfo(path);
        var tag = new EntityTagHeaderValue($"\"{info.Length:x}-{info.LastWriteTimeUtc.Ticks:x}\"");
        return Results.File(path, AudioPaths.ContentType(file)!, lastModified: info.LastWriteTimeUtc, entityTag: tag, enableRangeProcessing: true);
    }

    /// <summary>The URL Twilio calls, for the absolute URLs of Gather actions and recordings.</summary>
    private static Uri BaseUrl(HttpContext http, GatewayOptions options) =>
        new((string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            ? $"{http.Request.Scheme}://{http.Request.Host.ToUriComponent()}{http.Request.PathBase.ToUriComponent()}"
            : options.PublicBaseUrl).TrimEnd('/') + "/");

    [LoggerMessage(Level = LogLevel.Error, Message = "Redis did not answer in time or cannot be reached ({Problem}): a caller was given the hotline and the call ended")]
    private static partial void LogUnanswered(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back {CallSid}: the person pressed 1 for {EntryId} (put through: {Dialable})")]
    private static partial void LogConnected(ILogger logger, string callSid, string entryId, bool dialable);

    /// <summary>The verified voice webhook, parsed; or the refusal to answer with (bad signature, malformed form).</summary>
    private static async Task<(TwilioVoiceRequest? Request, IResult? Refusal)> ReadCallAsync(HttpContext http, GatewayOptions options, string? authToken, GatewayMetrics metrics, ILogger logger)
    {
        var (form, refusal) = await TwilioWebhook.ReadVerifiedAsync(http, options, authToken, metrics, logger, http.RequestAborted);
        if (form is null)
        {
            return (null, refusal);
        }

        return TwilioVoiceRequest.TryParse(form, out var request, out var problem)
            ? (request, null)
            : (null, TwilioWebhook.Refuse(metrics, logger, StatusCodes.Status400BadRequest, "malformed", problem!));
    }
}
