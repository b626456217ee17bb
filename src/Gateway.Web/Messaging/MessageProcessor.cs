using Gateway.Core.Cases;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Reports;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Messaging;

/// <summary>
/// The path of one message after its channel verified it: find the contact, run the engine on their session
/// (one message at a time per person, no lost update), make the events durable, and only then reply.
/// Logs name the contact by its hashed id; numbers and texts never reach them.
/// </summary>
public sealed partial class MessageProcessor(
    FlowHost flows,
    IContactStore contacts,
    ReportService reports,
    DataKey dataKey,
    TimeProvider clock,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    ILogger<MessageProcessor> logger)
{
    public async Task<Reply> ProcessAsync(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (address, country) = Address(message);
        var contactId = dataKey.ContactId(address);
        metrics.Received.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
        var now = clock.GetUtcNow();
        var channel = ChannelNames.TryParse(message.Channel, out var parsed) ? parsed : Channel.Sms;

        var (_, outcome) = await contacts.UpdateAsync(contactId, snapshot =>
        {
            var profile = Copy(snapshot.Profile) ?? new ContactProfile { Id = contactId, FirstSeen = now, IsTest = message.IsTest, Language = message.Language, Country = message.Country };
            var wasOptedOut = profile.OptedOut;
            var session = snapshot.Session ?? new Session { LastActivity = now };
            session.Language ??= profile.Language;
            session.Country ??= profile.Country ?? country;
            session.ZawgyiOutput |= profile.ZawgyiOutput && session.Language == "my";

            // YES opts back in only while the person is opted out (Twilio treats it the same way); otherwise it is
            // an ordinary word for the flows.
            var text = wasOptedOut && Core.Flows.KeywordSet.Normalize(message.Text) == "YES" ? "START" : message.Text;
            var turn = flows.Engine.Handle(session, text, channel, now);
            Apply(turn, profile, address, message.Channel, now);
            return (snapshot with { Profile = profile, Session = turn.Session }, (Turn: turn, WasOptedOut: wasOptedOut));
        }, options.Value.SessionTtl, cancellationToken: cancellationToken);

        var turn = outcome.Turn;
        var replies = turn.Messages;
        foreach (var requested in turn.Events.OfType<ReportRequested>())
        {
            var report = await reports.OpenAsync(requested, contactId, message.Channel, message.IsTest, turn.Session, cancellationToken);
            replies = [.. replies.Select(r => r.Replace("{ref}", report.Reference, StringComparison.Ordinal))];
        }

        foreach (var keyword in turn.Events.OfType<KeywordReceived>())
        {
            var answer = keyword.Keyword switch
            {
                "status" => await reports.StatusReplyAsync(contactId, keyword.Argument, turn.Session, channel, cancellationToken),
                "ack" => await reports.AcknowledgeBySmsAsync(contactId, keyword.Argument, turn.Session, channel, cancellationToken),
                _ => null,
            };
            if (answer is not null)
            {
                replies = [.. replies, answer];
            }
        }

        LogTurn(logger, contactId, message.Channel, turn.Session.State ?? "-", turn.Events.Count);

        // A person who opted out hears nothing more, except the answers to STOP and START themselves.
        if (outcome.WasOptedOut && !turn.Events.Any(e => e is OptedOut or OptedIn))
        {
            return new Reply([], [], turn.Session.State, turn.Events);
        }

        return new Reply(replies, turn.Menu, turn.Session.State, turn.Events);
    }

    private static (string Address, string? Country) Address(InboundMessage message)
    {
        if (message.Channel is "sms" or "ussd" or "voice" && Infrastructure.Phones.PhoneNumbers.Normalize(message.Address) is { } number)
        {
            return (number.E164, number.Country);
        }

        // Chat ids and simulated phones are addresses of their own channel.
        return ($"{message.Channel}:{message.Address}", null);
    }

    private void Apply(Turn turn, ContactProfile profile, string address, string channel, DateTimeOffset now)
    {
        var session = turn.Session;
        profile.Language = session.Language ?? profile.Language;
        profile.ZawgyiOutput = session.ZawgyiOutput;
        profile.Country = session.Country ?? profile.Country;
        profile.LastSeen = now;
        if (!profile.Channels.Contains(channel))
        {
            profile.Channels.Add(channel);
        }

        foreach (var flowEvent in turn.Events)
        {
            switch (flowEvent)
            {
                case OptedOut:
                    profile.OptedOut = true;
                    break;
                case OptedIn:
                    profile.OptedOut = false;
                    break;
                case ReportRequested report:
                    profile.MayText |= report.MayText;
                    profile.MayCall |= report.MayCall;
                    break;
            }
        }

        // The number is kept, sealed, only when the gateway may have to write first.
        if ((profile.MayText || profile.MayCall) && profile.EncryptedAddress is null && !address.Contains(':', StringComparison.Ordinal))
        {
            profile.EncryptedAddress = dataKey.Seal(address);
        }
    }

    private static ContactProfile? Copy(ContactProfile? profile) => profile is null ? null : new ContactProfile
    {
        Id = profile.Id,
        EncryptedAddress = profile.EncryptedAddress,
        Language = profile.Language,
        ZawgyiOutput = profile.ZawgyiOutput,
        Country = profile.Country,
        MayText = profile.MayText,
        MayCall = profile.MayCall,
        OptedOut = profile.OptedOut,
        Channels = [.. profile.Channels],
        FirstSeen = profile.FirstSeen,
        LastSeen = profile.LastSeen,
        IsTest = profile.IsTest,
    };

    [LoggerMessage(Level = LogLevel.Information, Message = "Turn for contact {ContactId} on {Channel}: now at {State}, {EventCount} event(s)")]
    private static partial void LogTurn(ILogger logger, string contactId, string channel, string state, int eventCount);

}
