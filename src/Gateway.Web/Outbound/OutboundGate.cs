using System.Security.Cryptography;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Outbound;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Gateway.Web.Voice;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Outbound;

/// <summary>What the gateway means to start: a message or a call, for whom, and why.</summary>
/// <param name="Audience">Who it is for; decides what is checked.</param>
/// <param name="ContactId">The recipient's hashed contact id (for a typed number, the hash of that number).</param>
/// <param name="Number">The number in E.164 when the caller has it (a typed number, a responder's, the caller of CALL); for a contact it is read from their profile.</param>
/// <param name="Purpose">Why (e.g. buddy_invitation): for logs and metrics.</param>
/// <param name="Name">What the alert names: the outbox message id, or "a call-back".</param>
/// <param name="QuotaKey">What the per-recipient cap counts when it is not the contact id (a verification code: the account).</param>
/// <param name="Text">The message's words, held against the recipient's wish for discreet replies; null for a call.</param>
public sealed record OutboundRequest(OutboundAudience Audience, string ContactId, string? Number, string Purpose, string Name, string? QuotaKey = null, string? Text = null);

/// <summary>The gate's answer: the number to use, or why not (a short reason for metrics and a sentence for operators).</summary>
public sealed record OutboundDecision(string? Number, string? Reason, string? Error)
{
    public bool Allowed => Reason is null;

    public static OutboundDecision To(string number) => new(number, null, null);

    public static OutboundDecision Refused(string reason, string error) => new(null, reason, error);
}

/// <summary>
/// The one gate every message and call the gateway starts goes through, whoever starts it (replies, reminders,
/// BUDDY invitations and alerts, call-backs, pages, and any later sender such as a broadcast): the guard against
/// SMS pumping and toll fraud, and the promise that STOP means nothing more. In order: the recipient has not
/// opted out (a typed number is looked up as a contact of its own, so a number that sent STOP gets nothing);
/// a contact agreed to be texted and has a number kept; the number is in <c>Outbound__AllowedCountries</c>; and
/// the per-recipient and daily caps (<c>Outbound__MaxPerContactPerDay</c>, <c>Voice__MaxCallBacksPerDay</c>,
/// <c>Outbound__MaxPerDay</c>, counted across processes) are not reached; and a person who asked for discreet replies
/// is sent no text that names what the gateway is about (<see cref="FlowBundle.DiscreetWords"/>: "trafficking", "SOS",
/// a hotline's name, in any language), whoever wrote it: the flows' own texts have a discreet wording, so this stops a
/// responder's words, a broadcast or any sender added later. A cap reached is an ALERT: a warning
/// log line and the <c>gateway.outbound.cap_reached</c> counter. Responders' pages are checked for country only;
/// verification codes for country and caps, never against a contact.
/// </summary>
public sealed partial class OutboundGate(
    IOutboundQuota quota,
    IContactStore contacts,
    DataKey dataKey,
    TimeProvider clock,
    OutboundMetrics metrics,
    IOptionsMonitor<OutboundOptions> options,
    IOptionsMonitor<VoiceOptions> voiceOptions,
    FlowHost flows,
    ILogger<OutboundGate> logger)
{
    /// <summary>Refused: the text cannot be read with this key.</summary>
    public const string Unreadable = "The sealed number or text cannot be opened with this Gateway__DataKey (was the key changed?).";

    /// <summary>Checks <paramref name="request"/> and, when it may go, counts it against the caps.</summary>
    public async Task<OutboundDecision> PassAsync(OutboundRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var decision = await CheckAsync(request.Audience, request.ContactId, request.Number, request.Text, cancellationToken);
        return decision.Allowed ? await TakeQuotaAsync(request, decision, cancellationToken) : decision;
    }

    /// <summary>
    /// The checks without counting, before each attempt of a message recorded earlier: the person may have sent
    /// STOP, or the allowed countries changed, since.
    /// </summary>
    public Task<OutboundDecision> CheckAsync(OutboundAudience audience, string contactId, string? number, CancellationToken cancellationToken = default) =>
        CheckAsync(audience, contactId, number, text: null, cancellationToken);

    private async Task<OutboundDecision> CheckAsync(OutboundAudience audience, string contactId, string? number, string? text, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        if (audience is OutboundAudience.Responder or OutboundAudience.ResponderCode)
        {
            return Country(number, settings);
        }

        var profile = (await contacts.LoadAsync(contactId, cancellationToken)).Profile;
        if (profile?.OptedOut == true)
        {
            return OutboundDecision.Refused("opted_out", audience == OutboundAudience.TypedNumber
                ? "That number replied STOP to the gateway: it is sent nothing more."
                : "The person opted out (STOP): the gateway sends them nothing more.");
        }

        if (profile?.Discreet == true && text is not null && DiscreetWords.Find(text, flows.Engine.Bundle.DiscreetWords) is { } word)
        {
            return OutboundDecision.Refused("discreet", $"The person asked for discreet replies (someone else may read their phone), and this message says \"{word}\": write it again without that word or anything else that names what it is about.");
        }

        if (audience == OutboundAudience.Contact)
        {
            if (profile is null)
            {
                return OutboundDecision.Refused("unknown_contact", "The gateway has never heard from this contact, so it has no number to text.");
            }

            if (!profile.MayText)
            {
                return OutboundDecision.Refused("no_consent", "The person has not agreed to be texted, and the gateway never writes first without consent.");
            }

            if (profile.EncryptedAddress is null)
            {
                return OutboundDecision.Refused("no_number", "No number is kept for this contact.");
            }

            number = TryOpen(profile.EncryptedAddress);
        }

        return Country(number, settings);
    }

    private async Task<OutboundDecision> TakeQuotaAsync(OutboundRequest request, OutboundDecision allowed, CancellationToken cancellationToken)
    {
        if (request.Audience == OutboundAudience.Responder)
        {
            return allowed;
        }

        var settings = options.CurrentValue;
        var call = request.Audience == OutboundAudience.CallBack;
        var perRecipient = call ? voiceOptions.CurrentValue.MaxCallBacksPerDay : settings.MaxPerContactPerDay;
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var outcome = await quota.TryTakeAsync(request.QuotaKey ?? (call ? "call:" + request.ContactId : request.ContactId), day, perRecipient, settings.MaxPerDay, cancellationToken);
        var (cap, limit, setting) = outcome switch
        {
            QuotaOutcome.ContactCapReached => ("contact", perRecipient, call ? "Voice__MaxCallBacksPerDay" : "Outbound__MaxPerContactPerDay"),
            QuotaOutcome.DailyCapReached => ("daily", settings.MaxPerDay, "Outbound__MaxPerDay"),
            _ => (null, 0, null),
        };
        if (cap is null)
        {
            return allowed;
        }

        // The alert: operators watch this warning and counter; a burst of them looks like SMS pumping or toll fraud.
        metrics.CapReached.Add(1, new KeyValuePair<string, object?>("cap", cap));
        LogCapReached(logger, cap, limit, request.Name, request.ContactId, request.Purpose);
        var what = call && cap == "contact" ? "call-backs" : "messages";
        var who = cap == "daily"
            ? "The gateway has sent"
            : request.Audience switch
            {
                OutboundAudience.TypedNumber => "This number has been sent",
                OutboundAudience.ResponderCode => "This account's numbers have been sent",
                _ => "This contact has been sent",
            };
        return OutboundDecision.Refused(cap + "_cap", $"{who} {limit} {what} today, the most {setting} allows: refused, and operators were alerted.");
    }

    private static OutboundDecision Country(string? number, OutboundOptions settings)
    {
        if (number is null)
        {
            return OutboundDecision.Refused("unreadable", Unreadable);
        }

        return settings.Allows(number, out var country)
            ? OutboundDecision.To(number)
            : OutboundDecision.Refused("country", $"Outbound SMS to {country ?? "a number of no known country"} is not allowed (Outbound__AllowedCountries is {string.Join(',', settings.AllowedCountryCodes().Order(StringComparer.Ordinal))}).");
    }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "ALERT outbound cap reached: the {Cap} cap of {Limit} a day refused {MessageId} for contact {ContactId} ({Purpose}); a burst of these may be SMS pumping or toll fraud")]
    private static partial void LogCapReached(ILogger logger, string cap, int limit, string messageId, string contactId, string purpose);
}
