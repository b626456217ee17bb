using System.Diagnostics.Metrics;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Core.Text;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Messaging;

/// <summary>
/// The inbound rate limits (<see cref="InboundOptions"/>): every message is counted per sender and channel, and per
/// channel, together with the read of the sender's contact (no extra round trip). A sender past a limit is told once
/// per window, in their language, that the gateway will not answer for a few minutes and that SOS still works, and
/// their messages are not handled further; on channels that must answer every request (USSD, voice) the notice is
/// the answer each time. The message processor lets a message that would open a report through whatever the counts.
/// Logs name the contact by its hashed id.
/// </summary>
public sealed partial class InboundLimiter
{
    private readonly IInboundCounter _counter;
    private readonly FlowHost _flows;
    private readonly TimeProvider _clock;
    private readonly IOptionsMonitor<InboundOptions> _options;
    private readonly ILogger<InboundLimiter> _logger;
    private readonly Counter<long> _limited;

    public InboundLimiter(IInboundCounter counter, FlowHost flows, TimeProvider clock, IMeterFactory meters, IOptionsMonitor<InboundOptions> options, ILogger<InboundLimiter> logger)
    {
        ArgumentNullException.ThrowIfNull(meters);
        (_counter, _flows, _clock, _options, _logger) = (counter, flows, clock, options, logger);
        _limited = meters.Create(GatewayMetrics.MeterName).CreateCounter<long>("gateway.messages.limited", description: "Inbound messages not handled because their sender or channel was past a rate limit, by channel.");
    }

    /// <summary>Counts one message; null when both limits are off.</summary>
    public Task<InboundCounts>? Count(string contactId, string channel, CancellationToken cancellationToken)
    {
        var settings = _options.CurrentValue;
        if (settings.MaxPerSender <= 0 && settings.MaxPerChannel <= 0)
        {
            return null;
        }

        return _counter.CountAsync(contactId, channel, Window(settings), settings.Window, settings.MaxPerChannel > 0, cancellationToken);
    }

    /// <summary>Whether the counts are past a limit.</summary>
    public bool IsOver(InboundCounts counts)
    {
        var settings = _options.CurrentValue;
        return (settings.MaxPerSender > 0 && counts.Sender > settings.MaxPerSender)
            || (settings.MaxPerChannel > 0 && counts.Channel > settings.MaxPerChannel);
    }

    /// <summary>
    /// The answer to a limited sender: the notice the first time in the window (or on every request of a channel that
    /// must answer), otherwise nothing. A person who opted out is not told.
    /// </summary>
    public async Task<Reply> RefuseAsync(string contactId, InboundMessage message, Session session, bool optedOut, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(session);
        var settings = _options.CurrentValue;
        _limited.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
        var mustAnswer = message.Dialogue is not null || message.Channel == "voice";
        var first = await _counter.TryClaimNoticeAsync(contactId, message.Channel, Window(settings), settings.Window, cancellationToken);
        if (first)
        {
            LogLimited(_logger, contactId, message.Channel, settings.MaxPerSender, settings.MaxPerChannel, settings.Window);
        }

        if ((!first && !mustAnswer) || (optedOut && !mustAnswer))
        {
            return new Reply([], [], session.State, []);
        }

        var channel = ChannelNames.TryParse(message.Channel, out var parsed) ? parsed : Channel.Sms;
        var notice = SpokenText.Say(_flows.Engine.Bundle, SystemTexts.RateLimited, session, channel, borrowed: null);
        if (session.ZawgyiOutput && session.Language == "my" && IcuTransliterator.IsAvailable(out _))
        {
            notice = IcuTransliterator.ToZawgyi(notice);
        }

        // No state: a USSD session ends with the notice, and no menu is offered.
        return new Reply([notice], [], null, []) { Language = session.Language, Country = session.Country };
    }

    private long Window(InboundOptions settings) =>
        _clock.GetUtcNow().ToUnixTimeMilliseconds() / (long)Math.Max(1, settings.Window.TotalMilliseconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact {ContactId} is past the inbound rate limit on {Channel} (Inbound__MaxPerSender {MaxPerSender}, Inbound__MaxPerChannel {MaxPerChannel} per {Window}): told once, and only SOS is handled until the window ends")]
    private static partial void LogLimited(ILogger logger, string contactId, string channel, int maxPerSender, int maxPerChannel, TimeSpan window);
}
