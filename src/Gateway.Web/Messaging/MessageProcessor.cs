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
    ReportConversation conversation,
    Voice.CallBacks callBacks,
    CheckIns.CheckInService checkIns,
    DataKey dataKey,
    TimeProvider clock,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    ILogger<MessageProcessor> logger,
    InboundLimiter limiter,
    IEnumerable<ITurnObserver> observers,
    DataKeyFingerprint? fingerprint = null)
{
    private readonly ITurnObserver[] _observers = [.. observers];

    public Task<Reply> ProcessAsync(InboundMessage message, CancellationToken cancellationToken) =>
        ProcessAsync(BeginRead(message, cancellationToken), cancellationToken);

    /// <summary>
    /// Handles a message journaled while the store was down. It was answered then, and counted toward no limit:
    /// it is not counted now either, so a burst kept during an outage is handled in full.
    /// </summary>
    public Task<Reply> ReplayAsync(InboundMessage message, CancellationToken cancellationToken) =>
        ProcessAsync(BeginRead(message, cancellationToken) with { Counted = null }, cancellationToken);

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
        var snapshot = contacts.LoadAsync(contactId, cancellationToken);
        return new ContactRead(message, address, country, contactId, snapshot) { Counted = limiter.Count(contactId, message.Channel, cancellationToken) };
    }

    public async Task<Reply> ProcessAsync(ContactRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        if (fingerprint is not null)
        {
            // Nothing is written with a data key that was not checked: while Redis cannot be reached this throws
            // like any other Redis call, and the message is journaled.
            await fingerprint.EnsureAsync();
        }

        var (message, address, country, contactId) = (read.Message, read.Address, read.Country, read.ContactId);
        metrics.Received.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
        var now = clock.GetUtcNow();
        var channel = ChannelNames.TryParse(message.Channel, out var parsed) ? parsed : Channel.Sms;
        if (read.Counted is { } counted && limiter.IsOver(await counted) && await LimitedAsync(read, channel, now, cancellationToken) is { } limited)
        {
            return limited;
        }

        if (await checkIns.TryConfirmBuddyAsync(read, cancellationToken) is { } confirmation)
        {
            // A number invited to be a buddy answered the invitation: that answer is not for the flows.
            read.Abandon();
            return confirmation;
        }

        var usesCheckIns = false;

        var (saved, outcome) = await contacts.UpdateAsync(contactId, snapshot =>
        {
            var (profile, session) = Prepare(snapshot, message, country, now);
            var wasOptedOut = profile.OptedOut;

            var dialogue = message.Dialogue;
            if (dialogue is not null && session.Provider is { } seen && seen.Id == dialogue.Id && dialogue.Step <= seen.Step)
            {
                // The provider retrying a request already answered: the same answer, and the flow stays where it is.
                return (snapshot, (Turn: (Turn?)null, WasOptedOut: wasOptedOut, Repeated: Repeat(session, seen)));
            }

            // YES opts back in only while the person is opted out (Twilio treats it the same way); otherwise it is
            // an ordinary word for the flows.
            var text = wasOptedOut && Core.Flows.KeywordSet.Normalize(message.Text) == "YES" ? "START" : message.Text;
            var turn = Run(session, dialogue, text, channel, now);

            if (dialogue is not null)
            {
                turn.Session.Provider = new ProviderSession(dialogue.Id, dialogue.Step, turn.Messages, turn.Session.State is null && turn.Session.PendingPages.Count == 0);
            }

            Apply(turn, profile, address, message.Channel, now);
            usesCheckIns = profile.UsesCheckIns;
            return (snapshot with { Profile = profile, Session = turn.Session }, (Turn: turn, WasOptedOut: wasOptedOut, Repeated: (Reply?)null));
        }, options.Value.SessionTtl, firstLoad: read.Snapshot, cancellationToken: cancellationToken);

        if (outcome.Repeated is { } repeated)
        {
            metrics.Duplicates.Add(1, new KeyValuePair<string, object?>("channel", message.Channel));
            return repeated;
        }

        var turn = outcome.Turn!;
        var replies = turn.Messages;
        var said = turn.Said;
        var opened = new List<string>();
        foreach (var (requested, index) in turn.Events.OfType<ReportRequested>().Select((r, i) => (r, i)))
        {
            // By the message's own id, so that the message handled twice opens its report once (decision 0011).
            var messageId = message.ProviderMessageId is { } id ? $"{message.Channel}:{id}" + (index > 0 ? $":{index}" : string.Empty) : null;
            var report = await reports.OpenAsync(requested, contactId, message.Channel, message.IsTest, turn.Session, messageId, cancellationToken);
            opened.Add(report.Reference);
            replies = [.. replies.Select(r => r.Replace("{ref}", report.Reference, StringComparison.Ordinal))];
            said = [.. said.Select(s => s with { Text = s.Text.Replace("{ref}", report.Reference, StringComparison.Ordinal) })];
        }

        foreach (var choice in turn.Events.OfType<RecipientsLimited>())
        {
            await reports.LimitRecipientsAsync(contactId, choice.Recipients, cancellationToken);
        }

        if (turn.Events.OfType<CallBackRequested>().Any() && !outcome.WasOptedOut)
        {
            replies = [.. replies, await callBacks.RequestAsync(contactId, address, message.Channel, turn.Session, cancellationToken)];
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

        // Someone who agreed to be texted may be answering a responder who wrote from the console.
        if (saved.Profile?.MayText == true && !turn.Events.OfType<ReportRequested>().Any())
        {
            await conversation.RecordAnswerAsync(contactId, message.Text, message.Channel, cancellationToken);
        }

        if (await checkIns.AfterTurnAsync(contactId, address, message, turn, usesCheckIns, cancellationToken) is { Count: > 0 } checkInReplies)
        {
            replies = [.. replies, .. checkInReplies];
        }

        if (message.Dialogue is { } answered && !ReferenceEquals(replies, turn.Messages))
        {
            await RememberReplyAsync(contactId, answered, replies, cancellationToken);
        }

        LogTurn(logger, contactId, message.Channel, turn.Session.State ?? "-", turn.Events.Count);
        foreach (var observer in _observers)
        {
            observer.OnTurn(new TurnRecord(contactId, message.Channel, turn.Visited, turn.Session.State, turn.Events, opened));
        }

        var hasMore = turn.Session.PendingPages.Count > 0;

        // A person who opted out hears nothing more, except the answers to STOP and START themselves. A USSD dial
        // is the person asking, on a session they opened: it is answered.
        if (outcome.WasOptedOut && message.Dialogue is null && !turn.Events.Any(e => e is OptedOut or OptedIn))
        {
            return new Reply([], [], turn.Session.State, turn.Events);
        }

        return new Reply(replies, turn.Menu, turn.Session.State, turn.Events)
        {
            HasMore = hasMore,
            Said = said,
            Language = turn.Session.Language,
            Country = turn.Session.Country,
        };
    }

    /// <summary>
    /// The answer to a sender past an inbound rate limit, or null when the message is handled all the same: one that
    /// opens a report (SOS from anywhere, 99 on a USSD menu, a report's last answer) is always stored and answered
    /// with its reference. The engine is pure, so running it here to see that changes nothing.
    /// </summary>
    private async Task<Reply?> LimitedAsync(ContactRead read, Channel channel, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var message = read.Message;
        var (profile, session) = Prepare(await read.Snapshot, message, read.Country, now);
        var dialogue = message.Dialogue;
        var repeat = dialogue is not null && session.Provider is { } seen && seen.Id == dialogue.Id && dialogue.Step <= seen.Step;
        if (!repeat && Run(session.Clone(), dialogue, message.Text, channel, now).Events.OfType<ReportRequested>().Any())
        {
            return null;
        }

        return await limiter.RefuseAsync(read.ContactId, message, session, profile.OptedOut, cancellationToken);
    }

    /// <summary>The contact's profile (a copy, or a new one) and session as a turn starts from them.</summary>
    private static (ContactProfile Profile, Session Session) Prepare(ContactSnapshot snapshot, InboundMessage message, string? country, DateTimeOffset now)
    {
        var profile = Copy(snapshot.Profile) ?? new ContactProfile { Id = snapshot.ContactId, FirstSeen = now, IsTest = message.IsTest, Language = message.Language, Country = message.Country };
        var session = snapshot.Session ?? new Session { LastActivity = now };
        session.Language ??= profile.Language;
        session.Country ??= profile.Country ?? country;
        if (message.Chosen)
        {
            // The simulator's pickers: a choice made on the page applies whenever it changes, not only at first.
            session.Language = message.Language ?? session.Language;
            session.Country = message.Country ?? session.Country;
        }

        session.ZawgyiOutput |= profile.ZawgyiOutput && session.Language == "my";

        // Discretion is the person's, not the conversation's: a new conversation starts discreet too.
        session.Discreet = profile.Discreet;
        return (profile, session);
    }

    private Turn Run(Session session, ProviderDialogue? dialogue, string text, Channel channel, DateTimeOffset now)
    {
        if (dialogue is not null && session.Provider?.Id != dialogue.Id)
        {
            // A new provider session is a dial: the screen the person was at when the last one dropped, or the start.
            return flows.Engine.Resume(session, channel, now);
        }

        var input = dialogue is { CumulativeText: true } ? Channels.Ussd.UssdHistory.After(text, session.Provider!.Step) : text;
        return flows.Engine.Handle(session, input, channel, now);
    }

    /// <summary>The reply given at a provider session's step, said again for the provider's retry.</summary>
    private static Reply Repeat(Session session, ProviderSession seen) =>
        new(seen.Reply, [], session.State, []) { HasMore = session.State is null && !seen.Ended };

    /// <summary>
    /// Keeps the reply with its references filled in, so that a retry of this request repeats the reference too.
    /// Nothing is changed when a later request of the session got there first.
    /// </summary>
    private async Task RememberReplyAsync(string contactId, ProviderDialogue dialogue, IReadOnlyList<string> replies, CancellationToken cancellationToken) =>
        await contacts.UpdateAsync(contactId, snapshot =>
        {
            if (snapshot.Session?.Provider is not { } provider || provider.Id != dialogue.Id || provider.Step != dialogue.Step)
            {
                return (snapshot, false);
            }

            var session = snapshot.Session.Clone();
            session.Provider = provider with { Reply = replies };
            return (snapshot with { Session = session }, true);
        }, options.Value.SessionTtl, cancellationToken: cancellationToken);

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
        profile.Discreet = session.Discreet;
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
                case CheckInStarted or KeywordReceived { Keyword: CheckIns.CheckInService.BuddyKeyword }:
                    // Asking for a timer or a buddy is asking to be texted about them (the reminder, "your buddy agreed").
                    profile.UsesCheckIns = true;
                    profile.MayText = true;
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
        Discreet = profile.Discreet,
        UsesCheckIns = profile.UsesCheckIns,
        Channels = [.. profile.Channels],
        FirstSeen = profile.FirstSeen,
        LastSeen = profile.LastSeen,
        IsTest = profile.IsTest,
    };

    // Debug: a line for every message is much output for little use in production; the counters on /metrics
    // count messages, and reports are logged at Warning below.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Turn for contact {ContactId} on {Channel}: now at {State}, {EventCount} event(s)")]
    private static partial void LogTurn(ILogger logger, string contactId, string channel, string state, int eventCount);

}

/// <summary>
/// A message's sender worked out (address, country the number tells, contact id) and the read of their contact
/// under way; see <see cref="MessageProcessor.BeginRead"/>.
/// </summary>
public sealed record ContactRead(InboundMessage Message, string Address, string? Country, string ContactId, Task<ContactSnapshot> Snapshot)
{
    /// <summary>The message counted toward the inbound rate limits, sent with the read; null when not counted.</summary>
    public Task<InboundCounts>? Counted { get; init; }

    /// <summary>Drops the read when the message is not handled after all, so that a failed read is not reported as unobserved.</summary>
    public void Abandon()
    {
        Snapshot.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        Counted?.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }
}
