using Gateway.Channels.Twilio;
using Gateway.Core.Flows;
using Gateway.Core.Outbound;
using Gateway.Core.Sessions;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Voice;

/// <summary>
/// CALL by SMS: the gateway calls the person back through Twilio's Calls API, so the call costs them nothing. The
/// call plays a short consent prompt in their language ("This is the free call you asked for. Press 1 …"); 1 puts
/// them through as "talk to someone now" does (<see cref="VoiceApi.CallBackPath"/>). The call passes the
/// <see cref="OutboundGate"/> as every message does: not to a person who opted out, only numbers in
/// Outbound__AllowedCountries, at most Voice__MaxCallBacksPerDay times a day per person, and every call-back counts
/// in Outbound__MaxPerDay with the SMS (the guard against toll fraud as against SMS pumping), alerted when reached.
/// The answer is a text for the SMS reply: the call is coming, or why not, with the hotline.
/// Logs carry the hashed contact id and the call's sid, never the number.
/// </summary>
public sealed partial class CallBacks(
    FlowHost flows,
    VoiceAudio audio,
    OutboundGate gate,
    TwilioCallsClient calls,
    IOptionsMonitor<VoiceOptions> voiceOptions,
    IOptionsMonitor<TwilioOptions> twilioOptions,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ILogger<CallBacks> logger)
{
    /// <summary>Places the call to <paramref name="number"/> (E.164) if allowed and answers what to tell the person.</summary>
    /// <param name="contactId">The person's hashed contact id.</param>
    /// <param name="number">Their number in E.164, or a channel address (chat) that cannot be called.</param>
    /// <param name="channel">The channel CALL came by.</param>
    /// <param name="session">Their session after the turn: language and country.</param>
    /// <param name="cancellationToken">Cancels the request; the call itself is not recalled.</param>
    public async Task<string> RequestAsync(string contactId, string number, string channel, Session session, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(session);
        var bundle = flows.Engine.Bundle;
        string Say(string key) => SpokenText.Say(bundle, key, session, Core.Localization.Channel.Sms, borrowed: null);

        if (channel is not ("sms" or "ussd") || !number.StartsWith('+'))
        {
            LogRefused(logger, contactId, "not_a_phone");
            return Say(SystemTexts.CallBackRefused);
        }

        if (await gate.CheckAsync(OutboundAudience.CallBack, contactId, number, cancellationToken) is { Allowed: false } refused)
        {
            LogRefused(logger, contactId, refused.Reason!);
            return Say(SystemTexts.CallBackRefused);
        }

        var twilio = twilioOptions.CurrentValue;
        var voice = voiceOptions.CurrentValue;
        var from = string.IsNullOrWhiteSpace(voice.CallerId) ? twilio.FromNumber : voice.CallerId;
        if (string.IsNullOrEmpty(twilio.AccountSid) || string.IsNullOrEmpty(twilio.AuthToken) || string.IsNullOrEmpty(from)
            || gatewayOptions.CurrentValue.PublicBaseUrl is not { Length: > 0 } publicBase)
        {
            LogNotConfigured(logger, contactId);
            return Say(SystemTexts.CallBackRefused);
        }

        // Counted only once the call can be placed: a gateway without a caller id uses up nobody's call-backs.
        if (await gate.PassAsync(new OutboundRequest(OutboundAudience.CallBack, contactId, number, "call_back", "a call-back"), cancellationToken) is { Allowed: false } capped)
        {
            LogRefused(logger, contactId, capped.Reason!);
            return Say(capped.Reason == "contact_cap" ? SystemTexts.CallBackLimit : SystemTexts.CallBackRefused);
        }

        var baseUrl = new Uri(publicBase.TrimEnd('/') + "/");
        var twiml = ConsentTwiML(bundle, session, baseUrl);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(voice.PlaceCallWithin);
        TwilioSendResult result;
        try
        {
            result = await calls.PlaceAsync(new TwilioOutboundCall(number, from) { Twiml = twiml, Timeout = TimeSpan.FromSeconds(45) }, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            LogFailed(logger, contactId, "timeout");
            return Say(SystemTexts.CallBackRefused);
        }

        if (result.Outcome != TwilioSendOutcome.Accepted)
        {
            LogFailed(logger, contactId, result.Describe());
            return Say(SystemTexts.CallBackRefused);
        }

        LogPlaced(logger, contactId, result.Sid ?? "-");
        return Say(SystemTexts.CallBackPlaced);
    }

    /// <summary>
    /// What the person hears on answering: the consent prompt, said twice if no key comes, then goodbye with the
    /// hotline. Their key goes to <see cref="VoiceApi.CallBackPath"/> with their language and country.
    /// </summary>
    public string ConsentTwiML(FlowBundle bundle, Session session, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(session);
        var prompts = new VoicePrompts(bundle, audio, baseUrl);
        var action = new Uri(baseUrl, VoiceApi.CallBackAction(session.Language, session.Country));
        var twiml = new VoiceTwiML();
        for (var time = 0; time < 2; time++)
        {
            twiml.Gather(action, numDigits: 1, timeoutSeconds: voiceOptions.CurrentValue.GatherTimeoutSeconds, then: gather =>
                prompts.Speak(gather, prompts.Said(SystemTexts.CallBackConsent, session)));
        }

        prompts.Speak(twiml, prompts.Said(SystemTexts.VoiceGoodbye, session));
        return twiml.Hangup().ToString();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Call-back for contact {ContactId} placed as {CallSid}")]
    private static partial void LogPlaced(ILogger logger, string contactId, string callSid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call-back for contact {ContactId} refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string contactId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-back for contact {ContactId} could not be placed: {Problem}")]
    private static partial void LogFailed(ILogger logger, string contactId, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Call-back for contact {ContactId} refused: Twilio__AccountSid, Twilio__AuthToken, Voice__CallerId or Twilio__FromNumber, and Gateway__PublicBaseUrl must be set to call back")]
    private static partial void LogNotConfigured(ILogger logger, string contactId);
}
