namespace Gateway.Core.Sessions;

/// <summary>
/// What the gateway keeps about a person between conversations. The id is an HMAC of their number (or chat id):
/// the number itself is only kept, encrypted, where the gateway must write to them first.
/// </summary>
public sealed class ContactProfile
{
    public required string Id { get; init; }

    /// <summary>The E.164 number encrypted with the data key; null unless the gateway must text back.</summary>
    public string? EncryptedAddress { get; set; }

    public string? Language { get; set; }

    public bool ZawgyiOutput { get; set; }

    public string? Country { get; set; }

    public bool MayText { get; set; }

    public bool MayCall { get; set; }

    public bool OptedOut { get; set; }

    /// <summary>
    /// The person asked for discreet replies: someone else may read their phone. Every text the gateway sends them,
    /// in any conversation and from any sender (replies, reminders, a responder's words, a broadcast), uses neutral
    /// words. Stored sealed, apart from the rest of the profile.
    /// </summary>
    public bool Discreet { get; set; }

    /// <summary>The person started a check-in or asked for a buddy: their later messages are noted for the check-in (sealed).</summary>
    public bool UsesCheckIns { get; set; }

    /// <summary>Channels the person has used (sms, ussd, voice, chat, simulator).</summary>
    public List<string> Channels { get; init; } = [];

    public DateTimeOffset FirstSeen { get; init; }

    public DateTimeOffset LastSeen { get; set; }

    /// <summary>Contacts made in the simulator; their reports never page anyone.</summary>
    public bool IsTest { get; init; }
}
