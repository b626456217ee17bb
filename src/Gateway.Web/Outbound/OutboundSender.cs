using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Gateway.Channels.Twilio;
using Gateway.Core.Outbound;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Sms;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Outbound;

/// <summary>What happened to a delivery status callback.</summary>
public enum StatusOutcome
{
    /// <summary>The message moved on (or learnt its provider id).</summary>
    Applied,

    /// <summary>A duplicate, a late status behind a newer one, or a status for another copy: nothing changed.</summary>
    Unchanged,

    /// <summary>No message of ours has that id or provider sid.</summary>
    Unknown,
}

/// <summary>
/// Outbound SMS through Twilio, with an outbox: every message is recorded (with an id of ours) before any attempt,
/// a worker leases it, checks it was not already sent, sends it, and stores Twilio's sid after the 201. 429s, 5xx
/// and timeouts are retried with backoff and jitter; a message whose lease ran out without a sid is sent again and
/// marked as a possible duplicate; 21610 marks the contact opted out; other refusals fail the message with a
/// sentence for operators. Only allowed countries, and no more than the daily caps, are ever texted.
/// Logs and metrics carry message ids, hashed contact ids, purposes and codes: never a number or a text.
/// </summary>
public sealed partial class OutboundSender(
    IOutbox outbox,
    OutboundGate gate,
    IContactStore contacts,
    DataKey dataKey,
    IServiceProvider services,
    TimeProvider clock,
    OutboundMetrics metrics,
    IOptionsMonitor<OutboundOptions> options,
    IOptionsMonitor<TwilioOptions> twilioOptions,
    IOptionsMonitor<GatewayOptions> gatewayOptions,
    ILogger<OutboundSender> logger) : IDisposable
{
    private const string Unreadable = OutboundGate.Unreadable;

    private readonly SemaphoreSlim _work = new(0, 1);

    /// <summary>
    /// Records a message for the contact and returns it: <see cref="OutboundState.Pending"/> when it will be sent,
    /// or <see cref="OutboundState.Refused"/> with <see cref="OutboundMessage.Error"/> saying why not (opted out, no
    /// consent to be texted, no number kept, a country not allowed, a daily cap reached, a text too long). Either way
    /// it is in the outbox under its id. The text is sealed before it is stored.
    /// </summary>
    /// <param name="contactId">The hashed contact id; the contact must have agreed to be texted and have a sealed number.</param>
    /// <param name="text">The message, at most 1600 characters; sealed before it is stored.</param>
    /// <param name="purpose">Why the gateway writes, in lowercase letters, digits, '_', '-' or '.' (e.g. report_followup): it tags metrics.</param>
    /// <param name="cancellationToken">Cancels the recording, not a send.</param>
    public async Task<OutboundMessage> EnqueueAsync(string contactId, string text, string purpose, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(contactId);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!PurposePattern().IsMatch(purpose ?? string.Empty))
        {
            throw new ArgumentException("A purpose is 1 to 40 lowercase letters, digits, '_', '-' or '.', e.g. report_followup.", nameof(purpose));
        }

        var now = clock.GetUtcNow();
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = contactId,
            Purpose = purpose!,
            SealedBody = dataKey.Seal(text),
            Audience = OutboundAudience.Contact,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var refusal = text.Length > TwilioOutboundSms.MaxBodyLength
            ? TooLong(text)
            : Refused(await gate.PassAsync(new OutboundRequest(OutboundAudience.Contact, contactId, null, message.Purpose, message.Id, Text: text), cancellationToken));

        if (refusal is not null)
        {
            message = message with { State = OutboundState.Refused, Error = refusal.Error };
        }

        if (!await outbox.TryAddAsync(message, cancellationToken))
        {
            throw new InvalidOperationException($"Outbound message id {message.Id} is taken already.");
        }

        if (refusal is not null)
        {
            metrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason));
            LogRefused(logger, message.Id, contactId, message.Purpose, refusal.Reason);
        }
        else
        {
            metrics.Enqueued.Add(1, new KeyValuePair<string, object?>("purpose", message.Purpose));
            LogEnqueued(logger, message.Id, contactId, message.Purpose);
            Wake();
        }

        return message;
    }

    /// <summary>
    /// Records a page to a responder's number, sent from the paging number. The number and the text are sealed; the
    /// message is named by the number's hashed contact id. No consent or per-person cap applies (a responder is not a
    /// person who wrote to the gateway), but allowed countries do. A number a person typed goes through
    /// <see cref="EnqueueToTypedNumberAsync"/> instead, and a verification code through <see cref="EnqueueCodeAsync"/>.
    /// </summary>
    /// <param name="number">The responder's number in E.164.</param>
    /// <param name="text">The page, at most 1600 characters.</param>
    /// <param name="purpose">Why the gateway writes (e.g. page, verify_number).</param>
    /// <param name="correlation">What the message belongs to, handed to <see cref="IOutboundFailureListener"/>s when it fails.</param>
    /// <param name="cancellationToken">Cancels the recording, not a send.</param>
    public Task<OutboundMessage> EnqueueToNumberAsync(string number, string text, string purpose, string? correlation, CancellationToken cancellationToken = default) =>
        RecordToNumberAsync(OutboundAudience.Responder, number, text, purpose, correlation, quotaKey: null, cancellationToken);

    /// <summary>
    /// Records a verification code to a number someone typed as their own, sent only from the paging number (refused
    /// while none is set). It never reads or writes a contact: whether the number ever wrote to the gateway must
    /// change nothing here, or the answer would tell. Allowed countries apply, and the daily caps, with the
    /// per-recipient cap counted under <paramref name="quotaKey"/> (e.g. the account) rather than the number's contact
    /// id, whose count would say that the number was texted today.
    /// </summary>
    /// <param name="number">The number in E.164.</param>
    /// <param name="text">The code's text, at most 1600 characters.</param>
    /// <param name="purpose">Why the gateway writes (e.g. responder_verify).</param>
    /// <param name="quotaKey">What the per-recipient daily cap counts, e.g. <c>responder:acc_…</c>.</param>
    /// <param name="cancellationToken">Cancels the recording, not a send.</param>
    public Task<OutboundMessage> EnqueueCodeAsync(string number, string text, string purpose, string quotaKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(quotaKey);
        return RecordToNumberAsync(OutboundAudience.ResponderCode, number, text, purpose, correlation: null, quotaKey, cancellationToken);
    }

    /// <summary>
    /// Records a message to a number a person typed (a BUDDY invitation, an alert to a buddy), sent from the public
    /// sender. It passes the gate as any message to a person does: nothing to a number that sent STOP, only to
    /// allowed countries, within the per-recipient cap (counted under the number's own contact id, whoever typed
    /// it) and the daily cap, with the operators' alert when a cap is reached. The number and text are sealed.
    /// </summary>
    /// <param name="number">The number in E.164, as the person typed it once normalised.</param>
    /// <param name="text">The message, at most 1600 characters.</param>
    /// <param name="purpose">Why the gateway writes (e.g. buddy_invitation).</param>
    /// <param name="cancellationToken">Cancels the recording, not a send.</param>
    public Task<OutboundMessage> EnqueueToTypedNumberAsync(string number, string text, string purpose, CancellationToken cancellationToken = default) =>
        RecordToNumberAsync(OutboundAudience.TypedNumber, number, text, purpose, correlation: null, quotaKey: null, cancellationToken);

    private async Task<OutboundMessage> RecordToNumberAsync(OutboundAudience audience, string number, string text, string purpose, string? correlation, string? quotaKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(number);
        ArgumentException.ThrowIfNullOrWhiteSpace(text);
        if (!PurposePattern().IsMatch(purpose ?? string.Empty))
        {
            throw new ArgumentException("A purpose is 1 to 40 lowercase letters, digits, '_', '-' or '.', e.g. page.", nameof(purpose));
        }

        var now = clock.GetUtcNow();
        var message = new OutboundMessage
        {
            Id = OutboundMessage.NewId(),
            ContactId = dataKey.ContactId(number),
            Purpose = purpose!,
            SealedBody = dataKey.Seal(text),
            SealedTo = dataKey.Seal(number),
            Audience = audience,
            PagingNumberOnly = audience == OutboundAudience.ResponderCode,
            Correlation = correlation,
            CreatedAt = now,
            UpdatedAt = now,
        };

        var refusal = text.Length > TwilioOutboundSms.MaxBodyLength
            ? TooLong(text)
            : await RefusalAsync(message, audience, number, quotaKey, text, cancellationToken);
        if (refusal is not null)
        {
            message = message with { State = OutboundState.Refused, Error = refusal.Error };
        }

        if (!await outbox.TryAddAsync(message, cancellationToken))
        {
            throw new InvalidOperationException($"Outbound message id {message.Id} is taken already.");
        }

        if (refusal is not null)
        {
            metrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason));
            LogRefused(logger, message.Id, message.ContactId, message.Purpose, refusal.Reason);
            await NotifyFailedAsync(message);
        }
        else
        {
            metrics.Enqueued.Add(1, new KeyValuePair<string, object?>("purpose", message.Purpose));
            LogEnqueued(logger, message.Id, message.ContactId, message.Purpose);
            Wake();
        }

        return message;
    }

    /// <summary>
    /// One attempt at message <paramref name="id"/>, if it is due: takes the lease, checks it was not sent already,
    /// re-checks the contact (opted out since? country still allowed?), calls Twilio and records the answer.
    /// Returns false when there was nothing to do (sent, final, not due, or leased by another process).
    /// </summary>
    public async Task<bool> SendAsync(string id, CancellationToken cancellationToken = default)
    {
        var settings = options.CurrentValue;
        var now = clock.GetUtcNow();
        var token = Guid.NewGuid().ToString("N");
        var leaseExpired = false;
        var exhausted = false;
        var (message, leased) = await outbox.UpdateAsync(id, m =>
        {
            // "Was this already sent?": a message with a provider sid, or in a final state, is never sent again.
            if (m.IsSettled || m.DueAt is not { } due || due > now)
            {
                return null;
            }

            leaseExpired = m.State == OutboundState.Sending;
            exhausted = leaseExpired && m.Attempts >= settings.MaxAttempts;
            if (exhausted)
            {
                // Attempts that never finish (a process that keeps dying on this message) end too.
                return m with
                {
                    State = OutboundState.Failed,
                    Error = $"Not sent after {m.Attempts} attempts (Outbound__MaxAttempts); the last attempt never finished (its process stopped or met an error), so the person may have received it.",
                    PossibleDuplicate = true,
                    LeaseUntil = null,
                    LeaseToken = null,
                    UpdatedAt = now,
                };
            }

            return m with
            {
                State = OutboundState.Sending,
                LeaseUntil = now + settings.LeaseDuration,
                LeaseToken = token,
                Attempts = m.Attempts + 1,
                PossibleDuplicate = m.PossibleDuplicate || leaseExpired,
                UpdatedAt = now,
            };
        }, cancellationToken: cancellationToken);
        if (!leased || message is null)
        {
            return false;
        }

        if (exhausted)
        {
            Failed(message, null);
            return true;
        }

        if (leaseExpired)
        {
            LogLeaseExpired(logger, id, message.ContactId, message.Attempts);
        }

        var recheck = await gate.CheckAsync(message.AudienceOrDefault, message.ContactId, message.SealedTo is { } sealedTo ? TryOpen(sealedTo) : null, cancellationToken);
        var number = recheck.Number;
        if ((PagingNumberMissing(message) ?? Refused(recheck)) is { } refusal)
        {
            await FinishAsync(id, token, OutboundState.Refused, null, "Not sent: " + refusal.Error);
            metrics.Refused.Add(1, new KeyValuePair<string, object?>("reason", refusal.Reason));
            LogRefused(logger, id, message.ContactId, message.Purpose, refusal.Reason);
            await NotifyFailedAsync(message);
            return true;
        }

        TwilioSendResult result;
        var twilio = twilioOptions.CurrentValue;
        if (string.IsNullOrEmpty(twilio.AccountSid) || string.IsNullOrEmpty(twilio.AuthToken)
            || (string.IsNullOrEmpty(twilio.FromNumber) && string.IsNullOrEmpty(twilio.MessagingServiceSid)))
        {
            await RetryAsync(message, token, settings, null, "Twilio__AccountSid, Twilio__AuthToken and Twilio__FromNumber or Twilio__MessagingServiceSid must be set to send.", "config", mayHaveBeenSent: false, cancellationToken: CancellationToken.None);
            return true;
        }

        string text;
        try
        {
            text = dataKey.Open(message.SealedBody);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            await FinishAsync(id, token, OutboundState.Failed, null, Unreadable);
            Failed(message, null);
            return true;
        }

        if (message.PossibleDuplicate && message.Purpose == Reports.EscalationRunner.PagePurpose)
        {
            // A page sent again after an attempt that may have gone out: the responder must be able to tell it
            // from a new report (a summary page is marked when it is written).
            text = Reports.PageSender.MarkRepeat(text);
        }

        try
        {
            var sms = FromPagingNumber(message, twilio)
                ? new TwilioOutboundSms(number!, text, twilio.PagingNumber, null, StatusCallbackUrl(id))
                : new TwilioOutboundSms(number!, text, twilio.FromNumber, twilio.MessagingServiceSid, StatusCallbackUrl(id));
            result = await services.GetRequiredService<TwilioMessagesClient>().SendAsync(sms, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The process is stopping mid-send: hand the message back now, marked as possibly sent, rather than
            // leave it to wait for the lease to run out.
            await RetryAsync(message, token, settings, null, "The gateway stopped while sending.", "stopped", mayHaveBeenSent: true, cancellationToken: CancellationToken.None);
            throw;
        }

        if (result.Outcome == TwilioSendOutcome.Accepted && services.GetService<Faults.ICrashPoints>() is { } crashPoints)
        {
            await crashPoints.ReachedAsync(Faults.CrashPoint.AfterProviderAcceptedBeforeIdStored, message.Correlation ?? id);
        }

        switch (result.Outcome)
        {
            case TwilioSendOutcome.Accepted:
                await AcceptedAsync(message, result);
                if (message.PossibleDuplicate)
                {
                    await NotifySentAgainAsync(message);
                }

                break;
            case TwilioSendOutcome.Retry:
                await RetryAsync(message, token, settings, result.RetryAfter, result.Describe(), result.HttpStatus == 0 ? "network" : result.HttpStatus.ToString(CultureInfo.InvariantCulture), result.MayHaveBeenSent, result.ErrorCode, CancellationToken.None);
                break;
            case TwilioSendOutcome.OptedOut:
                // The contact first, so nothing is accepted for them once this message shows as failed. A 21610 from
                // the paging number says the number refused the paging number only: the record of whoever texts the
                // public line from it is not the paging number's business, and is left as it is.
                if (!FromPagingNumber(message, twilio))
                {
                    await MarkOptedOutAsync(message);
                }

                await FinishAsync(id, token, OutboundState.Failed, result.ErrorCode, result.Describe());
                Failed(message, result.ErrorCode);
                break;
            default:
                await FinishAsync(id, token, OutboundState.Failed, result.ErrorCode, result.Describe());
                Failed(message, result.ErrorCode);
                break;
        }

        return true;
    }

    /// <summary>
    /// Applies a delivery status from Twilio. Statuses only move forward (a late "sent" after "delivered" changes
    /// nothing; failed and undelivered are final), so duplicates and any order of arrival are harmless.
    /// </summary>
    /// <param name="id">Our id, from the callback URL; when absent the message is found by its provider sid.</param>
    /// <param name="callback">The verified callback.</param>
    /// <param name="cancellationToken">Cancels the store calls.</param>
    public async Task<StatusOutcome> ApplyStatusAsync(string? id, TwilioStatusCallback callback, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callback);
        id = string.IsNullOrEmpty(id) ? await outbox.FindIdByProviderSidAsync(callback.MessageSid, cancellationToken) : id;
        if (id is null)
        {
            return StatusOutcome.Unknown;
        }

        var now = clock.GetUtcNow();
        var (message, changed) = await outbox.UpdateAsync(id, m =>
        {
            // A status for another copy (an earlier attempt that Twilio took after all) leaves this one as it is.
            if ((m.ProviderSid is { } sid && sid != callback.MessageSid) || m.State == OutboundState.Refused)
            {
                return null;
            }

            var status = DeliveryStatus.Advance(m.ProviderStatus, callback.Status);
            if (status == m.ProviderStatus && m.ProviderSid is not null)
            {
                return null;
            }

            var failed = DeliveryStatus.IsFailure(status);
            return m with
            {
                // The callback may come before the 201 was recorded, or after a 5xx that hid a message Twilio took.
                ProviderSid = callback.MessageSid,
                ProviderStatus = status,
                State = failed ? OutboundState.Failed : OutboundState.Sent,
                StatusAt = now,
                UpdatedAt = now,
                SentAt = m.SentAt ?? now,
                NextAttemptAt = null,
                LeaseUntil = null,
                LeaseToken = null,
                ErrorCode = failed ? callback.ErrorCode : null,
                Error = failed ? $"Twilio reports the message {status}: {TwilioErrors.Describe(callback.ErrorCode)}" : null,
            };
        }, cancellationToken: cancellationToken);

        if (message is null)
        {
            return StatusOutcome.Unknown;
        }

        if (!changed)
        {
            return StatusOutcome.Unchanged;
        }

        metrics.Statuses.Add(1, new KeyValuePair<string, object?>("status", message.ProviderStatus));
        if (message.State == OutboundState.Failed)
        {
            Failed(message, message.ErrorCode);
        }

        LogStatus(logger, id, message.ContactId, message.ProviderStatus ?? "-", message.ErrorCode);
        return StatusOutcome.Applied;
    }

    /// <summary>Waits until a message is enqueued in this process or <paramref name="timeout"/> passes.</summary>
    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) => _work.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _work.Dispose();

    private void Wake()
    {
        try
        {
            _work.Release();
        }
        catch (SemaphoreFullException)
        {
            // The worker is already woken.
        }
    }

    private string? StatusCallbackUrl(string id) =>
        gatewayOptions.CurrentValue.PublicBaseUrl is { Length: > 0 } baseUrl
            ? $"{baseUrl.TrimEnd('/')}{TwilioStatusApi.Path}?id={Uri.EscapeDataString(id)}"
            : null;

    private async Task AcceptedAsync(OutboundMessage leased, TwilioSendResult result)
    {
        var now = clock.GetUtcNow();
        var (message, _) = await outbox.UpdateAsync(leased.Id, m =>
        {
            if (m.ProviderSid is { } existing && existing != result.Sid)
            {
                // Another attempt's sid is stored already: this one went out as well.
                return m.PossibleDuplicate ? null : m with { PossibleDuplicate = true, UpdatedAt = now };
            }

            // A status callback may have come first: keep the further status, and a failure it reported.
            var status = DeliveryStatus.Advance(m.ProviderStatus, result.Status ?? "queued");
            var failed = DeliveryStatus.IsFailure(status);
            return m with
            {
                State = failed ? OutboundState.Failed : OutboundState.Sent,
                ProviderSid = result.Sid,
                ProviderStatus = status,
                SentAt = m.SentAt ?? now,
                StatusAt = m.StatusAt ?? now,
                NextAttemptAt = null,
                LeaseUntil = null,
                LeaseToken = null,
                ErrorCode = failed ? m.ErrorCode : null,
                Error = failed ? m.Error : null,
                UpdatedAt = now,
            };
        }, cancellationToken: CancellationToken.None);

        metrics.Sent.Add(1, new KeyValuePair<string, object?>("purpose", leased.Purpose));
        LogSent(logger, leased.Id, leased.ContactId, result.Sid!, message?.Attempts ?? leased.Attempts, message?.PossibleDuplicate ?? false);
    }

    private async Task RetryAsync(
        OutboundMessage leased,
        string token,
        OutboundOptions settings,
        TimeSpan? retryAfter,
        string problem,
        string reason,
        bool mayHaveBeenSent,
        int? errorCode = null,
        CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var delay = RetryBackoff.Delay(leased.Attempts, settings.RetryBaseDelay, settings.RetryMaxDelay, Random.Shared.NextDouble(), retryAfter);
        var giveUp = leased.Attempts >= settings.MaxAttempts;
        var (message, changed) = await outbox.UpdateAsync(leased.Id, m =>
        {
            // Only the attempt holding the lease decides; a callback or another process may have settled it meanwhile.
            if (m.LeaseToken != token || m.State != OutboundState.Sending)
            {
                return null;
            }

            return m with
            {
                State = giveUp ? OutboundState.Failed : OutboundState.Pending,
                NextAttemptAt = giveUp ? null : now + delay,
                LeaseUntil = null,
                LeaseToken = null,
                PossibleDuplicate = m.PossibleDuplicate || mayHaveBeenSent,
                ErrorCode = errorCode,
                Error = giveUp
                    ? $"Not sent after {m.Attempts} attempts (Outbound__MaxAttempts); the last: {problem}"
                    : $"Attempt {m.Attempts}: {problem} Trying again.",
                UpdatedAt = now,
            };
        }, cancellationToken: cancellationToken);

        if (!changed || message is null)
        {
            return;
        }

        if (giveUp)
        {
            Failed(message, errorCode);
        }
        else
        {
            metrics.Retried.Add(1, new KeyValuePair<string, object?>("reason", reason));
            LogRetry(logger, message.Id, message.ContactId, message.Attempts, reason, delay);
        }
    }

    private async Task FinishAsync(string id, string token, OutboundState state, int? errorCode, string error)
    {
        var now = clock.GetUtcNow();
        await outbox.UpdateAsync(id, m => m.LeaseToken != token || m.ProviderSid is not null
            ? null
            : m with
            {
                State = state,
                ErrorCode = errorCode,
                Error = error,
                NextAttemptAt = null,
                LeaseUntil = null,
                LeaseToken = null,
                UpdatedAt = now,
            }, cancellationToken: CancellationToken.None);
    }

    private async Task MarkOptedOutAsync(OutboundMessage message)
    {
        // A number a person typed that replied STOP is remembered as a contact of its own, opted out, so that the
        // gate refuses the next message to it before any attempt, whoever types it.
        var contactId = message.ContactId;
        var remember = message.AudienceOrDefault == OutboundAudience.TypedNumber;
        if (!remember && (await contacts.LoadAsync(contactId)).Profile is null)
        {
            return;
        }

        var now = clock.GetUtcNow();
        await contacts.UpdateAsync(contactId, snapshot =>
        {
            var profile = snapshot.Profile ?? new ContactProfile { Id = contactId, FirstSeen = now, LastSeen = now };
            profile.OptedOut = true;
            return (snapshot with { Profile = profile }, true);
        }, gatewayOptions.CurrentValue.SessionTtl, cancellationToken: CancellationToken.None);
        LogOptedOut(logger, contactId);
    }

    private void Failed(OutboundMessage message, int? errorCode)
    {
        var code = errorCode?.ToString(CultureInfo.InvariantCulture) ?? "none";
        metrics.Failed.Add(1, new KeyValuePair<string, object?>("code", code));
        LogFailed(logger, message.Id, message.ContactId, message.Purpose, code);
        if (message.Correlation is not null)
        {
            // Listeners record durably what the failure means (a chain moves on); they must not fail the sender.
            _ = NotifyFailedAsync(message with { ErrorCode = errorCode ?? message.ErrorCode });
        }
    }

    private async Task NotifySentAgainAsync(OutboundMessage message)
    {
        if (message.Correlation is null)
        {
            return;
        }

        foreach (var listener in services.GetServices<IOutboundRepeatListener>())
        {
            try
            {
                await listener.OnSentAgainAsync(message, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogListenerFailed(logger, e, message.Id, message.Correlation);
            }
        }
    }

    private async Task NotifyFailedAsync(OutboundMessage message)
    {
        if (message.Correlation is null)
        {
            return;
        }

        // Resolved when needed: listeners (the escalation runner) send through this sender themselves.
        foreach (var listener in services.GetServices<IOutboundFailureListener>())
        {
            try
            {
                await listener.OnFailedAsync(message, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                LogListenerFailed(logger, e, message.Id, message.Correlation);
            }
        }
    }

    [GeneratedRegex("^[a-z0-9_.-]{1,40}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound {MessageId} recorded for contact {ContactId} ({Purpose})")]
    private static partial void LogEnqueued(ILogger logger, string messageId, string contactId, string purpose);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound {MessageId} for contact {ContactId} ({Purpose}) refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string messageId, string contactId, string purpose, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound {MessageId} for contact {ContactId}: the lease of an earlier attempt ran out without a provider id; sending again (attempt {Attempt}) as a possible duplicate")]
    private static partial void LogLeaseExpired(ILogger logger, string messageId, string contactId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound {MessageId} for contact {ContactId} taken by Twilio as {ProviderSid} after {Attempts} attempt(s) (possible duplicate: {PossibleDuplicate})")]
    private static partial void LogSent(ILogger logger, string messageId, string contactId, string providerSid, int attempts, bool possibleDuplicate);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Outbound {MessageId} for contact {ContactId}: attempt {Attempt} met {Reason}; trying again in {Delay}")]
    private static partial void LogRetry(ILogger logger, string messageId, string contactId, int attempt, string reason, TimeSpan delay);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound {MessageId} for contact {ContactId} ({Purpose}) failed with error {ErrorCode}")]
    private static partial void LogFailed(ILogger logger, string messageId, string contactId, string purpose, string errorCode);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Contact {ContactId} marked opted out: Twilio answered 21610 (they replied STOP to this sender)")]
    private static partial void LogOptedOut(ILogger logger, string contactId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Outbound {MessageId} for contact {ContactId}: delivery status {Status} (error {ErrorCode})")]
    private static partial void LogStatus(ILogger logger, string messageId, string contactId, string status, int? errorCode);

    [LoggerMessage(Level = LogLevel.Error, Message = "Outbound {MessageId} ({Correlation}) failed and what it belongs to could not be told")]
    private static partial void LogListenerFailed(ILogger logger, Exception exception, string messageId, string correlation);

    private string? TryOpen(string sealedText)
    {
        try
        {
            return dataKey.Open(sealedText);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }

    /// <summary>
    /// The gate's answer for a message to a number, counted against the caps when it may go. A code that may only go
    /// from the paging number is refused for a country first, then for a missing paging number, before it counts.
    /// </summary>
    private async Task<Refusal?> RefusalAsync(OutboundMessage message, OutboundAudience audience, string number, string? quotaKey, string text, CancellationToken cancellationToken)
    {
        if (message.PagingNumberOnly
            && (Refused(await gate.CheckAsync(audience, message.ContactId, number, cancellationToken)) ?? PagingNumberMissing(message)) is { } early)
        {
            return early;
        }

        return Refused(await gate.PassAsync(new OutboundRequest(audience, message.ContactId, number, message.Purpose, message.Id, quotaKey, text), cancellationToken));
    }

    /// <summary>Pages and verification codes go from the paging number when one is set; everything else from the public sender.</summary>
    private static bool FromPagingNumber(OutboundMessage message, TwilioOptions twilio) =>
        message.AudienceOrDefault is OutboundAudience.Responder or OutboundAudience.ResponderCode && !string.IsNullOrEmpty(twilio.PagingNumber);

    private Refusal? PagingNumberMissing(OutboundMessage message) =>
        message.PagingNumberOnly && string.IsNullOrEmpty(twilioOptions.CurrentValue.PagingNumber)
            ? new Refusal("no_paging_number", "Twilio__PagingNumber is not set, and this text goes only from the paging number, never from the public one.")
            : null;

    private static Refusal TooLong(string text) =>
        new("too_long", $"The text is {text.Length} characters long; Twilio takes at most {TwilioOutboundSms.MaxBodyLength}.");

    private static Refusal? Refused(OutboundDecision decision) => decision.Allowed ? null : new Refusal(decision.Reason!, decision.Error!);

    private sealed record Refusal(string Reason, string Error);
}
