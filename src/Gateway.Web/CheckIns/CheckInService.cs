using System.Globalization;
using System.Security.Cryptography;
using Gateway.Core.Cases;
using Gateway.Core.CheckIns;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Gateway.Web.Outbound;
using Gateway.Web.Reports;
using Hangfire;
using Microsoft.Extensions.Options;

namespace Gateway.Web.CheckIns;

/// <summary>
/// Check-in timers and buddies for child vendors (seed 002 L1794-1827: children "alert a friend when they go to a
/// remote part of the beach"; families and teachers trained as "back-up").
/// <list type="bullet">
/// <item><c>GO 30</c> (<see cref="CheckInStarted"/>) stores a timer with a new token and schedules a reminder and an
/// expiry job; a new GO replaces the timer, and jobs for an older token do nothing. SAFE (<see cref="CheckInCancelled"/>)
/// ends it.</item>
/// <item>On expiry every confirmed buddy is texted the child's last message in words fit for a child ("tell an adult
/// you trust now, or call …"), then an urgent child_at_risk report opens and escalates. Each buddy's alert is noted
/// after it is in the outbox, under a lease, so a job run twice alerts nobody twice.</item>
/// <item><c>BUDDY &lt;number&gt;</c> texts that number an invitation; only the reply 1 from that number makes it a
/// buddy. One invitation waits per child: a new BUDDY replaces it.</item>
/// </list>
/// The child reads every text in their language. A buddy reads theirs (invitation, alert, "now safe") in their own
/// language when they have used the gateway and chosen one, else in the child's: an invitation is most likely to be
/// understood in the language the child and their friend share.
/// Logs name people by hashed contact id; numbers and words are sealed and never logged.
/// </summary>
public sealed partial class CheckInService(
    ICheckInStore store,
    IContactStore contacts,
    FlowHost flows,
    DataKey dataKey,
    OutboundSender outbound,
    OutboundGate gate,
    ReportService reports,
    IReportStore reportStore,
    IBackgroundJobClient jobs,
    TimeProvider clock,
    IOptionsMonitor<CheckInOptions> options,
    ILogger<CheckInService> logger)
{
    /// <summary>The keyword id (flows/keywords.yaml) whose argument is a buddy's number.</summary>
    public const string BuddyKeyword = "buddy";

    private enum InviteOutcome
    {
        Invited,
        Replaced,
        Already,
        Limit,
    }

    /// <summary>
    /// The numbered reply of a number invited to be a buddy: 1 makes it a buddy (and the child is told), another
    /// digit is answered with how to agree. Anything else, or a number nobody invited, is null: the flows handle it.
    /// </summary>
    public async Task<Reply?> TryConfirmBuddyAsync(ContactRead read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var message = read.Message;
        var text = KeywordSet.Normalize(message.Text);
        if (message.Channel != "sms" || message.Dialogue is not null || text.Length != 1 || !char.IsAsciiDigit(text[0])
            || await store.FindInviterAsync(read.ContactId, cancellationToken) is not { } inviter)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var record = await store.FindAsync(inviter, cancellationToken);
        if (record?.Invitation is not { } invitation || invitation.ContactId != read.ContactId || invitation.ExpiresAt <= now)
        {
            return null;
        }

        var childEnd = PhoneEnd(record.SealedNumber);
        var buddyLanguage = (await read.Snapshot).Profile?.Language;
        var discreet = await IsDiscreetAsync(inviter, cancellationToken);
        if (text != CheckInTexts.ConfirmDigit)
        {
            LogWrongReply(logger, read.ContactId, inviter);
            return Answer(Say(CheckInTexts.WrongReply, record, discreet, phoneEnd: childEnd, language: buddyLanguage));
        }

        var (_, changed) = await store.UpdateAsync(inviter, r => r?.Invitation?.ContactId != read.ContactId ? null : r with
        {
            Invitation = null,
            Buddies = [.. r.Buddies.Where(b => b.ContactId != read.ContactId), new Buddy(read.ContactId, invitation.SealedNumber, now)],
            UpdatedAt = now,
        }, options.CurrentValue.Retention, cancellationToken);
        await store.RemoveInviterAsync(read.ContactId, inviter, cancellationToken);
        if (changed)
        {
            LogConfirmed(logger, inviter, read.ContactId);
            if (!record.IsTest)
            {
                await outbound.EnqueueAsync(inviter, Say(CheckInTexts.Confirmed, record, discreet, phoneEnd: CheckInTexts.PhoneEnd(read.Address)), "buddy_confirmed", cancellationToken);
            }
        }

        return Answer(Say(CheckInTexts.Agreed, record, discreet, phoneEnd: childEnd, language: buddyLanguage));
    }

    /// <summary>
    /// Acts on a turn's check-in events (GO, SAFE, BUDDY) and notes the message as the person's last one when they
    /// use check-ins; returns what to add to the reply (the answer to BUDDY).
    /// </summary>
    /// <param name="contactId">The person's hashed contact id.</param>
    /// <param name="address">Their number in E.164, or a channel address (chat, simulator).</param>
    /// <param name="message">The message as it came.</param>
    /// <param name="turn">What the engine made of it.</param>
    /// <param name="usesCheckIns">The person has started a check-in or asked for a buddy before (or now).</param>
    /// <param name="cancellationToken">Cancels the store calls.</param>
    public async Task<IReadOnlyList<string>> AfterTurnAsync(string contactId, string address, InboundMessage message, Turn turn, bool usesCheckIns, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(turn);
        var replies = new List<string>();
        var acted = false;
        foreach (var flowEvent in turn.Events)
        {
            switch (flowEvent)
            {
                case CheckInStarted started:
                    await StartAsync(contactId, address, message, turn.Session, started.Minutes, cancellationToken);
                    acted = true;
                    break;
                case CheckInCancelled:
                    await CancelAsync(contactId, cancellationToken);
                    acted = true;
                    break;
                case KeywordReceived { Keyword: BuddyKeyword } buddy:
                    replies.Add(await InviteAsync(contactId, address, message, turn.Session, buddy.Argument, cancellationToken));
                    acted = true;
                    break;
            }
        }

        if (usesCheckIns && !acted && IsWorthTelling(message.Text, turn))
        {
            await NoteMessageAsync(contactId, message.Text, cancellationToken);
        }

        return replies;
    }

    /// <summary>The reminder job: texts the child once, in their language, how many minutes are left.</summary>
    public async Task RemindAsync(string contactId, string token, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var (record, changed) = await store.UpdateAsync(contactId, r => r?.Timer is { } t && t.Token == token && t.RemindedAt is null && t.ExpiredAt is null
            ? r with { Timer = t with { RemindedAt = now } }
            : null, settings.Retention, cancellationToken);
        if (!changed || record?.Timer is not { } timer)
        {
            LogStale(logger, contactId, "reminder");
            return;
        }

        if (record.IsTest)
        {
            return;
        }

        var left = (int)Math.Max(1, Math.Ceiling((timer.DueAt - now) / settings.MinuteLength));
        var discreet = await IsDiscreetAsync(contactId, cancellationToken);
        var sent = await outbound.EnqueueAsync(contactId, Say(CheckInTexts.Reminder, record, discreet, minutes: left), "checkin_reminder", cancellationToken);
        LogReminded(logger, contactId, sent.Id, sent.IsFailed);
    }

    /// <summary>
    /// The expiry job: alerts each confirmed buddy not yet alerted for this timer, then opens the child_at_risk
    /// report. Safe to run twice, late, or in two processes at once (the second waits for the first's lease).
    /// </summary>
    public async Task ExpireAsync(string contactId, string token, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        TimeSpan? busy = null;
        var (record, claimed) = await store.UpdateAsync(contactId, r =>
        {
            busy = null;
            if (r?.Timer is not { } t || t.Token != token || t.AlertDone)
            {
                return null;
            }

            if (t.AlertLeaseUntil is { } lease && lease > now)
            {
                busy = lease - now;
                return null;
            }

            return r with { Timer = t with { ExpiredAt = t.ExpiredAt ?? now, AlertLeaseUntil = now + settings.AlertLease } };
        }, settings.Retention, cancellationToken);
        if (!claimed || record?.Timer is not { } timer)
        {
            if (busy is { } wait)
            {
                // Another run holds the lease: look again when it lapses, in case that run died.
                jobs.Schedule<CheckInJobs>(j => j.ExpireAsync(contactId, token), wait);
            }
            else
            {
                LogStale(logger, contactId, "expiry");
            }

            return;
        }

        if (timer.ExpiredAt == now)
        {
            LogExpired(logger, contactId, timer.Minutes, record.Buddies.Count);
        }

        var last = LastMessage(record, now, settings);
        var discreet = await IsDiscreetAsync(contactId, cancellationToken);
        var alerted = 0;
        foreach (var buddy in record.Buddies.Where(b => !timer.AlertedBuddies.Contains(b.ContactId)))
        {
            // A missed alert is worse than a duplicate one: the alert goes into the outbox first and is noted after,
            // so a run that dies in between alerts this buddy again on the next run.
            if (!record.IsTest && Open(buddy.SealedNumber) is { } number)
            {
                var language = await LanguageOfAsync(buddy.ContactId, cancellationToken);
                var alert = last is null
                    ? Say(CheckInTexts.AlertNoMessage, record, discreet, phoneEnd: PhoneEnd(record.SealedNumber), minutes: timer.Minutes, language: language)
                    : Say(CheckInTexts.Alert, record, discreet, phoneEnd: PhoneEnd(record.SealedNumber), minutes: timer.Minutes, lastMessage: last, language: language);
                var sent = await outbound.EnqueueToTypedNumberAsync(number, alert, "checkin_alert", cancellationToken);
                LogAlerted(logger, contactId, buddy.ContactId, sent.Id, sent.IsFailed);
            }

            alerted++;
            await store.UpdateAsync(contactId, r => r?.Timer is { } t && t.Token == token && !t.AlertedBuddies.Contains(buddy.ContactId)
                ? r with { Timer = t with { AlertedBuddies = [.. t.AlertedBuddies, buddy.ContactId] } }
                : null, settings.Retention, cancellationToken);
        }

        var reference = timer.ReportReference;
        if (reference is null)
        {
            var requested = new ReportRequested("child_at_risk", UnderEighteen: "yes", Place: null, ForSomeoneElse: false, MayText: false, MayCall: false, Urgent: true);
            var session = new Session { Language = record.Language, Country = record.Country, Discreet = discreet };
            var report = await reports.OpenAsync(requested, contactId, record.Channel ?? "sms", record.IsTest, session, messageId: null, cancellationToken);
            reference = report.Reference;
            var told = record.Buddies.Count == 0
                ? "no buddy has agreed to be told"
                : $"{record.Buddies.Count} buddy or back-up adult(s) alerted by SMS";
            await reportStore.UpdateAsync(reference, r => r.With(new TimelineEntry(now, "checkin_expired", "gateway",
                $"A {timer.Minutes}-minute check-in timer ran out without SAFE; {told}.")), cancellationToken);
        }

        await store.UpdateAsync(contactId, r => r?.Timer is { } t && t.Token == token
            ? r with { Timer = t with { ReportReference = reference, AlertDone = true, AlertLeaseUntil = null }, SealedLastMessage = null, LastMessageAt = null }
            : null, settings.Retention, cancellationToken);
        LogAlertDone(logger, contactId, alerted, reference);
    }

    private async Task StartAsync(string contactId, string address, InboundMessage message, Session session, int minutes, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var token = CheckInTimer.NewToken();
        var timer = new CheckInTimer { Token = token, Minutes = minutes, StartedAt = now, DueAt = now + settings.Duration(minutes) };
        var sealedNumber = IsPhone(address) ? dataKey.Seal(address) : null;
        await store.UpdateAsync(contactId, r => Touch(r, contactId, session, message, sealedNumber, now) with { Timer = timer }, settings.Retention, cancellationToken);

        // Scheduled only once the timer is stored; a job that finds another token drops itself.
        jobs.Schedule<CheckInJobs>(j => j.RemindAsync(contactId, token), settings.ReminderAfter(minutes));
        jobs.Schedule<CheckInJobs>(j => j.ExpireAsync(contactId, token), settings.Duration(minutes));
        LogStarted(logger, contactId, minutes);
    }

    private async Task CancelAsync(string contactId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        CheckInRecord? before = null;
        var (_, changed) = await store.UpdateAsync(contactId, r =>
        {
            before = r;
            return r?.Timer is null ? null : r with { Timer = null, SealedLastMessage = null, LastMessageAt = null, UpdatedAt = now };
        }, options.CurrentValue.Retention, cancellationToken);
        if (!changed || before?.Timer is not { } ended)
        {
            return;
        }

        LogSafe(logger, contactId, ended.ExpiredAt is not null);
        if (ended.ExpiredAt is null)
        {
            return;
        }

        // SAFE after the timer ran out: the buddies who were alerted hear that the child is safe, and the report says so.
        if (!before.IsTest)
        {
            var childEnd = PhoneEnd(before.SealedNumber);
            var discreet = await IsDiscreetAsync(contactId, cancellationToken);
            foreach (var buddy in before.Buddies.Where(b => ended.AlertedBuddies.Contains(b.ContactId)))
            {
                if (Open(buddy.SealedNumber) is { } number)
                {
                    var text = Say(CheckInTexts.SafeNow, before, discreet, phoneEnd: childEnd, language: await LanguageOfAsync(buddy.ContactId, cancellationToken));
                    await outbound.EnqueueToTypedNumberAsync(number, text, "checkin_safe", cancellationToken);
                }
            }
        }

        if (ended.ReportReference is { } reference)
        {
            await reportStore.UpdateAsync(reference, r => r.With(new TimelineEntry(now, "checkin_safe", "reporter", "The child replied SAFE after the check-in timer ran out.")), cancellationToken);
        }
    }

    private async Task<string> InviteAsync(string contactId, string address, InboundMessage message, Session session, string argument, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var speaking = new CheckInRecord { ContactId = contactId, Language = session.Language, Country = session.Country };
        var discreet = session.Discreet;
        if (!IsPhone(address))
        {
            return Say(CheckInTexts.NotPossible, speaking, discreet);
        }

        if (Infrastructure.Phones.PhoneNumbers.Normalize(argument, Infrastructure.Phones.PhoneNumbers.RegionOf(address) ?? session.Country) is not { } number)
        {
            return Say(CheckInTexts.BadNumber, speaking, discreet);
        }

        if (number.E164 == address)
        {
            return Say(CheckInTexts.OwnNumber, speaking, discreet);
        }

        // The outbound gate's checks first, without counting: a number that sent STOP, or in a country the gateway
        // does not text, is not invited at all. The caps are counted when the invitation is recorded below.
        var inviteeId = dataKey.ContactId(number.E164);
        if (await gate.CheckAsync(Core.Outbound.OutboundAudience.TypedNumber, inviteeId, number.E164, cancellationToken) is { Allowed: false } refused)
        {
            LogInviteRefused(logger, contactId, refused.Reason!);
            return Say(CheckInTexts.NotPossible, speaking, discreet);
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var sealedInvitee = dataKey.Seal(number.E164);
        var sealedChild = dataKey.Seal(address);
        var outcome = InviteOutcome.Invited;
        BuddyInvitation? replaced = null;
        var (record, changed) = await store.UpdateAsync(contactId, r =>
        {
            replaced = null;
            var touched = Touch(r, contactId, session, message, sealedChild, now);
            var sentToday = touched.InvitationDay == today ? touched.InvitationsThatDay : 0;
            if (touched.Buddies.Any(b => b.ContactId == inviteeId))
            {
                outcome = InviteOutcome.Already;
                return null;
            }

            if (touched.Buddies.Count >= settings.MaxBuddies || sentToday >= settings.MaxInvitationsPerDay)
            {
                outcome = InviteOutcome.Limit;
                return null;
            }

            replaced = touched.Invitation is { } waiting && waiting.ContactId != inviteeId ? waiting : null;
            outcome = replaced is null ? InviteOutcome.Invited : InviteOutcome.Replaced;
            return touched with
            {
                Invitation = new BuddyInvitation(inviteeId, sealedInvitee, now, now + settings.InvitationLifetime),
                InvitationDay = today,
                InvitationsThatDay = sentToday + 1,
            };
        }, settings.Retention, cancellationToken);

        var buddyEnd = CheckInTexts.PhoneEnd(number.E164);
        if (!changed)
        {
            LogInviteRefused(logger, contactId, outcome == InviteOutcome.Already ? "already_buddy" : "limit");
            return Say(outcome == InviteOutcome.Already ? CheckInTexts.Already : CheckInTexts.Limit, record ?? speaking, discreet, phoneEnd: buddyEnd);
        }

        if (!message.IsTest)
        {
            var invitation = Say(CheckInTexts.Invitation, record!, discreet, phoneEnd: CheckInTexts.PhoneEnd(address), language: await LanguageOfAsync(inviteeId, cancellationToken));
            var sent = await outbound.EnqueueToTypedNumberAsync(number.E164, invitation, "buddy_invitation", cancellationToken);
            if (sent.IsFailed)
            {
                // Refused by the outbound gate (a cap reached, or STOP since the check): an invitation that never went
                // out waits for no answer, and the one it would have replaced waits on.
                await store.UpdateAsync(contactId, r => r?.Invitation?.ContactId == inviteeId ? r with { Invitation = replaced } : null, settings.Retention, cancellationToken);
                LogInviteRefused(logger, contactId, "outbound_gate");
                return Say(CheckInTexts.NotPossible, record!, discreet);
            }

            LogInvited(logger, contactId, inviteeId, sent.Id, replaced is not null);
        }

        if (replaced is not null)
        {
            await store.RemoveInviterAsync(replaced.ContactId, contactId, cancellationToken);
        }

        await store.SetInviterAsync(inviteeId, contactId, settings.InvitationLifetime, cancellationToken);
        return Say(outcome == InviteOutcome.Replaced ? CheckInTexts.Replaced : CheckInTexts.Invited, record!, discreet, phoneEnd: buddyEnd);
    }

    private async Task NoteMessageAsync(string contactId, string text, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var sealedText = dataKey.Seal(text.Trim());
        await store.UpdateAsync(contactId, r => r is null ? null : r with { SealedLastMessage = sealedText, LastMessageAt = now }, options.CurrentValue.Retention, cancellationToken);
    }

    /// <summary>A message that tells a buddy something: not a keyword, not a bare menu number, not empty.</summary>
    private static bool IsWorthTelling(string text, Turn turn) =>
        !string.IsNullOrWhiteSpace(text)
        && !text.Trim().All(char.IsDigit)
        && !turn.Trace.Any(t => t.StartsWith("keyword.", StringComparison.Ordinal));

    private static CheckInRecord Touch(CheckInRecord? record, string contactId, Session session, InboundMessage message, string? sealedNumber, DateTimeOffset now) =>
        (record ?? new CheckInRecord { ContactId = contactId }) with
        {
            Language = session.Language ?? record?.Language,
            Country = session.Country ?? record?.Country,
            Channel = message.Channel,
            IsTest = message.IsTest,
            SealedNumber = sealedNumber ?? record?.SealedNumber,
            UpdatedAt = now,
        };

    /// <summary>Whether the person asked for discreet replies.</summary>
    private async Task<bool> IsDiscreetAsync(string contactId, CancellationToken cancellationToken) =>
        (await contacts.LoadAsync(contactId, cancellationToken)).Profile?.Discreet == true;

    private string? LastMessage(CheckInRecord record, DateTimeOffset now, CheckInOptions settings)
    {
        if (record.SealedLastMessage is null || record.LastMessageAt is not { } at || now - at > settings.LastMessageMaxAge || Open(record.SealedLastMessage) is not { } text)
        {
            return null;
        }

        text = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return text.Length <= settings.LastMessageMaxLength ? text : string.Concat(text.AsSpan(0, settings.LastMessageMaxLength - 3), "...");
    }

    /// <summary>
    /// A text in the child's language, or in <paramref name="language"/> (a buddy's own) when given, for the child's
    /// country (whose danger line <c>{hotline_danger}</c> names: the child is in danger there), with the check-in placeholders.
    /// </summary>
    /// <remarks>
    /// <paramref name="discreet"/>: the child asked for discreet replies, so every text about their check-ins, to them
    /// or to their buddies (who may share their home), is said in its neutral wording.
    /// </remarks>
    private string Say(string key, CheckInRecord record, bool discreet, string? phoneEnd = null, int? minutes = null, string? lastMessage = null, string? language = null)
    {
        var session = new Session { Language = language ?? record.Language, Country = record.Country, Discreet = discreet };
        session.Variables["category"] = "child_at_risk";
        if (phoneEnd is not null)
        {
            session.Variables["phone_end"] = phoneEnd;
        }

        if (minutes is { } value)
        {
            session.Variables["minutes"] = value.ToString(CultureInfo.InvariantCulture);
        }

        if (lastMessage is not null)
        {
            session.Variables["last_message"] = lastMessage;
        }

        return SpokenText.Say(flows.Engine.Bundle, key, session, Channel.Sms, borrowed: null);
    }

    /// <summary>The language a buddy chose when they used the gateway themselves, or null: they read the child's.</summary>
    private async Task<string?> LanguageOfAsync(string buddyContactId, CancellationToken cancellationToken) =>
        (await contacts.LoadAsync(buddyContactId, cancellationToken)).Profile?.Language;

    private string PhoneEnd(string? sealedNumber) =>
        sealedNumber is not null && Open(sealedNumber) is { } number ? CheckInTexts.PhoneEnd(number) : "?";

    private string? Open(string sealedText)
    {
        try
        {
            return dataKey.Open(sealedText);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            LogUnreadable(logger);
            return null;
        }
    }

    private static bool IsPhone(string address) => address.StartsWith('+');

    private static Reply Answer(string text) => new([text], [], null, []);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in of {Minutes} minute(s) started for contact {ContactId}")]
    private static partial void LogStarted(ILogger logger, string contactId, int minutes);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {ContactId} is safe (SAFE after the timer ran out: {AfterExpiry})")]
    private static partial void LogSafe(ILogger logger, string contactId, bool afterExpiry);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Check-in {Job} for contact {ContactId} had nothing to do (a newer timer, SAFE, or done already)")]
    private static partial void LogStale(ILogger logger, string contactId, string job);

    [LoggerMessage(Level = LogLevel.Information, Message = "Check-in reminder for contact {ContactId}: outbound message {MessageId} (refused: {Refused})")]
    private static partial void LogReminded(ILogger logger, string contactId, string messageId, bool refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in of {Minutes} minute(s) for contact {ContactId} ran out without SAFE; {Buddies} buddy(ies) to alert")]
    private static partial void LogExpired(ILogger logger, string contactId, int minutes, int buddies);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in alert for contact {ContactId} to buddy {BuddyId}: outbound message {MessageId} (refused: {Refused})")]
    private static partial void LogAlerted(ILogger logger, string contactId, string buddyId, string messageId, bool refused);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Check-in of contact {ContactId} ran out: {Alerted} buddy(ies) alerted in this run, report {Reference}")]
    private static partial void LogAlertDone(ILogger logger, string contactId, int alerted, string reference);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {ContactId} invited {InviteeId} to be a buddy: outbound message {MessageId} (replaced a waiting invitation: {Replaced})")]
    private static partial void LogInvited(ILogger logger, string contactId, string inviteeId, string messageId, bool replaced);

    [LoggerMessage(Level = LogLevel.Information, Message = "BUDDY from contact {ContactId} refused: {Reason}")]
    private static partial void LogInviteRefused(ILogger logger, string contactId, string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {BuddyId} agreed to be a buddy of contact {ContactId}")]
    private static partial void LogConfirmed(ILogger logger, string contactId, string buddyId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Contact {InviteeId}, invited by {ContactId}, replied another number than the confirmation")]
    private static partial void LogWrongReply(ILogger logger, string inviteeId, string contactId);

    [LoggerMessage(Level = LogLevel.Error, Message = "A sealed check-in number or message cannot be opened with this Gateway__DataKey (was the key changed?)")]
    private static partial void LogUnreadable(ILogger logger);
}
