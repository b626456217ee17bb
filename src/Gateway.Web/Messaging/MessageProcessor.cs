using Gateway.Core.Cases;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
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
    IReportStore reports,
    DataKey dataKey,
    TimeProvider clock,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    ILogger<MessageProcessor> logger)
{
    public Task<Reply> ProcessAsync(InboundMessage message, CancellationToken cancellationToken) =>
        ProcessAsync(BeginRead(message, cancellationToken), cancellationToken);

    /// <summary>
    /// Works out who sent <paramref name="message"/> and starts reading their contact, so that a channel can send
    /// the read together with its own first request to the store (the dedupe claim) and wait once for both. The
    /// read changes nothing: if the message is then not handled (a retry already answered), it is dropped.
    /// </summary>
    public ContactRead BeginRead(InboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (address, country) = Address(message);
        var contactId = dataKey.ContactId(address);
        return new ContactRead(message, address, country, contactId, contacts.LoadAsync(contactId, cancellationToken));
    }

    public async Task<Reply> ProcessAsync(ContactRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var (message, address, country, contactId) = (read.Message, read.Address, read.Country, read.ContactId);
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
        }, options.Value.SessionTtl, firstLoad: read.Snapshot, cancellationToken: cancellationToken);

        var turn = outcome.Turn;
        var replies = turn.Messages;
        foreach (var requested in turn.Events.OfType<ReportRequested>())
        {
            var reference = await OpenReportAsync(requested, contactId, message, turn.Session, cancellationToken);
            replies = [.. replies.Select(r => r.Replace("{ref}", reference, StringComparison.Ordinal))];
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

    private async Task<string> OpenReportAsync(ReportRequested requested, string contactId, InboundMessage message, Session session, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var report = new Report
            {
                Reference = ReportReference.New(),
                ContactId = contactId,
                Category = requested.Category,
                UnderEighteen = requested.UnderEighteen,
                EncryptedPlace = requested.Place is null ? null : dataKey.Seal(requested.Place),
                ForSomeoneElse = requested.ForSomeoneElse,
                MayText = requested.MayText,
                MayCall = requested.MayCall,
                Urgent = requested.Urgent,
                Language = session.Language,
                Channel = message.Channel,
                Country = session.Country,
                IsTest = message.IsTest,
                OpenedAt = clock.GetUtcNow(),
            };
            try
            {
                await reports.CreateAsync(report, cancellationToken);
                metrics.Reports.Add(1, new KeyValuePair<string, object?>("category", report.Category));
                LogReport(logger, report.Reference, contactId, report.Category, report.IsTest);
                return report.Reference;
            }
            catch (InvalidOperationException) when (attempt < 5)
            {
                // A reference already taken: draw another.
            }
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

    // Debug: a line for every message is much output for little use in production; the counters on /metrics
    // count messages, and reports are logged at Warning below.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn for contact {ContactId} on {Channel}: now at {State}, {EventCount} event(s)")]
    private static partial void LogTurn(ILogger logger, string contactId, string channel, string state, int eventCount);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Report {Reference} opened for contact {ContactId}: {Category} (test: {IsTest})")]
    private static partial void LogReport(ILogger logger, string reference, string contactId, string category, bool isTest);
}

/// <summary>
/// A message's sender worked out (address, country the number tells, contact id) and the read of their contact
/// under way; see <see cref="MessageProcessor.BeginRead"/>.
/// </summary>
public sealed record ContactRead(InboundMessage Message, string Address, string? Country, string ContactId, Task<ContactSnapshot> Snapshot)
{
    /// <summary>Drops the read when the message is not handled after all, so that a failed read is not reported as unobserved.</summary>
    public void Abandon() =>
        Snapshot.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
}
