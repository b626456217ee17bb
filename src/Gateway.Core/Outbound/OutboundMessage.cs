using System.Text.Json.Serialization;

namespace Gateway.Core.Outbound;

/// <summary>
/// One message the gateway means to send, recorded before any attempt so that it survives a restart and is never
/// lost between "decided to send" and "sent". The body is sealed with the data key and the recipient is named by
/// contact id only: the outbox holds no number and no readable text.
/// </summary>
/// <example>
/// A message after Twilio took it and reported it delivered:
/// <code>
/// { "id": "ob-0196…", "contactId": "Xk3…", "purpose": "report_followup", "state": "Sent", "attempts": 1,
///   "providerSid": "SM…", "providerStatus": "delivered", … }
/// </code>
/// </example>
public sealed record OutboundMessage
{
    /// <summary>The gateway's own id, known before the provider's: it names the message in callbacks and logs.</summary>
    public required string Id { get; init; }

    public required string ContactId { get; init; }

    /// <summary>Why the gateway writes (e.g. report_followup, checkin_reminder): safe for logs and metrics.</summary>
    public required string Purpose { get; init; }

    /// <summary>The text, sealed with the data key.</summary>
    public required string SealedBody { get; init; }

    public OutboundState State { get; init; } = OutboundState.Pending;

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>
    /// For a message to a number rather than to a contact's kept number: the number, sealed. A page to a responder
    /// (or a code to verify a responder's number) goes from the paging sender and needs no consent; a message to a
    /// number a person typed (<see cref="OutboundAudience.TypedNumber"/>) goes from the public sender.
    /// </summary>
    public string? SealedTo { get; init; }

    /// <summary>
    /// Goes only from the paging number, never the public one (a verification code to a number someone typed): while
    /// no paging number is set, it is refused rather than sent from the public number, which would tell whoever holds
    /// the phone what it texted.
    /// </summary>
    public bool PagingNumberOnly { get; init; }

    /// <summary>
    /// Who the message is for, which decides what is checked before each attempt. Absent on messages recorded before
    /// it existed: those with <see cref="SealedTo"/> are for a responder, the others for a contact.
    /// </summary>
    public OutboundAudience? Audience { get; init; }

    /// <summary>Who the message is for, reading a message recorded before <see cref="Audience"/> existed as it was meant.</summary>
    [JsonIgnore]
    public OutboundAudience AudienceOrDefault => Audience ?? (SealedTo is null ? OutboundAudience.Contact : OutboundAudience.Responder);

    /// <summary>What the message belongs to (e.g. <c>page:K7M2QXH:n-…</c>), so that its failure can move a chain on.</summary>
    public string? Correlation { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When a pending message may be tried (again); null means at once.</summary>
    public DateTimeOffset? NextAttemptAt { get; init; }

    /// <summary>Until when the process sending it holds it; after that another process sends it again.</summary>
    public DateTimeOffset? LeaseUntil { get; init; }

    /// <summary>Names the attempt that holds the lease, so a late answer to an older attempt changes nothing it should not.</summary>
    public string? LeaseToken { get; init; }

    public int Attempts { get; init; }

    /// <summary>An earlier attempt may have reached the provider (a crash mid-send, a 5xx or a timeout): the person may get it twice.</summary>
    public bool PossibleDuplicate { get; init; }

    /// <summary>The provider's id for the message (Twilio's SM…), stored as soon as it is known.</summary>
    public string? ProviderSid { get; init; }

    /// <summary>The latest delivery status in <see cref="DeliveryStatus"/> order (queued, sent, delivered, undelivered…).</summary>
    public string? ProviderStatus { get; init; }

    public DateTimeOffset? SentAt { get; init; }

    public DateTimeOffset? StatusAt { get; init; }

    /// <summary>The provider's error code (e.g. Twilio 21211, 30003) for a failed message.</summary>
    public int? ErrorCode { get; init; }

    /// <summary>What went wrong, as a sentence for an operator; never contains a number or the text.</summary>
    public string? Error { get; init; }

    /// <summary>When the message is due for an attempt: pending ones at their next attempt, leased ones when the lease ends.</summary>
    [JsonIgnore]
    public DateTimeOffset? DueAt => State switch
    {
        OutboundState.Pending => NextAttemptAt ?? CreatedAt,
        OutboundState.Sending => LeaseUntil,
        _ => null,
    };

    /// <summary>Did not and will not reach the person: failed or refused.</summary>
    [JsonIgnore]
    public bool IsFailed => State is OutboundState.Failed or OutboundState.Refused;

    /// <summary>"Was this already sent?": true once the provider gave an id or the message reached a final state.</summary>
    [JsonIgnore]
    public bool IsSettled => ProviderSid is not null || State is OutboundState.Sent or OutboundState.Failed or OutboundState.Refused;

    /// <summary>A new id: time-ordered, so ids sort roughly by creation.</summary>
    public static string NewId() => "ob-" + Guid.CreateVersion7().ToString("N");
}
