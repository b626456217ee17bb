using System.Text.Json.Serialization;
using Gateway.Core.Flows;

namespace Gateway.Core.Cases;

/// <summary>
/// One target of an escalation level as flows/escalation.yaml writes it, resolved against the directory: who
/// is paged, how, and (from the directory) their name, page number, languages, hours and country.
/// </summary>
/// <example>
/// <code>
/// targets:
///   - { contact: th-ngo-burmese, by: sms }                 # Id "th-ngo-burmese/sms"
///   - { organisation: partner-ngo, by: voice }             # Id "partner-ngo/voice": its verified responders
///   - { contact: th-1300, by: webhook, webhook: th_1300 }  # Id "th-1300": a webhook configured at deployment
/// </code>
/// </example>
public sealed record EscalationTarget
{
    public const string BySms = "sms";
    public const string ByVoice = "voice";
    public const string ByWebhook = "webhook";

    /// <summary>The ways a target can be paged, as <c>by:</c> writes them.</summary>
    public static readonly IReadOnlyList<string> Ways = [BySms, ByVoice, ByWebhook];

    /// <summary>
    /// Unique in the policy: the contact id (or, without one, the organisation id) and "/" and <see cref="By"/>
    /// for sms and voice, the webhook's name for a webhook.
    /// </summary>
    public required string Id { get; init; }

    /// <summary>"sms", "voice" or "webhook".</summary>
    public required string By { get; init; }

    /// <summary>The directory entry id the name, hours and languages come from.</summary>
    public string? Contact { get; init; }

    /// <summary>An organisation whose verified responders are paged (sms or voice); their numbers live in the account store.</summary>
    public string? Organisation { get; init; }

    /// <summary>The name of a webhook configured at deployment (its address and secret live in settings, never in git).</summary>
    public string? Webhook { get; init; }

    /// <summary>
    /// What the target is, for telling the person who receives their report (<see cref="RecipientKinds"/>): the
    /// directory entry's kind (ngo, hotline, operation_centre, police), else the target's own <c>kind:</c>
    /// in escalation.yaml; a webhook without a contact is the gateway's own operators, an organisation an NGO.
    /// </summary>
    public string Kind { get; init; } = RecipientKinds.Operators;

    /// <summary>From the directory, for timelines.</summary>
    public string Name { get; init; } = "";

    /// <summary>The directory's page_number (E.164), or null while it is a placeholder.</summary>
    public string? PageNumber { get; init; }

    /// <summary>Languages the target's staff speak; none listed means any.</summary>
    public IReadOnlyList<string> Languages { get; init; } = [];

    /// <summary>The provinces the target serves (directory.yaml <c>provinces</c>); empty: its whole country.</summary>
    public IReadOnlyList<string> Provinces { get; init; } = [];

    /// <summary>Opening hours as the directory writes them (see <see cref="Contacts.OpeningHours"/>).</summary>
    public string Hours { get; init; } = "unknown";

    /// <summary>The directory entry's country, whose time zone the hours are in.</summary>
    public string? Country { get; init; }

    /// <summary>Where the target is written in escalation.yaml.</summary>
    public SourceLocation Location { get; init; }

    /// <summary>Where its <c>contact:</c> value is written, for findings about it.</summary>
    public SourceLocation ContactLocation { get; init; }

    /// <summary>
    /// Whether a page could reach the target at all: a webhook (whether it is configured is the host's
    /// business), or sms and voice with a page number or an organisation's responders.
    /// </summary>
    [JsonIgnore]
    public bool IsReachable => By == ByWebhook || PageNumber is not null || Organisation is not null;
}
