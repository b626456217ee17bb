using System.Text.Json;
using System.Text.Json.Serialization;
using Gateway.Core.Cases;
using Gateway.Core.Text;

namespace Gateway.Channels.Webhooks;

/// <summary>
/// The JSON body of a page sent to a hotline's system: what an operator needs to take up a report and nothing
/// more. Names are snake_case; absent facts are <c>null</c>, never left out. There is no phone number and no
/// contact id: the hotline reaches the person only through the gateway, and only as the consents allow.
/// <c>place</c> is the free text the person typed (opened from its sealed form just for this page) and may say
/// more than a place; the hotline needs it to send help, and must treat it as personal data. It is never
/// converted: when it may be Burmese typed in Zawgyi, <c>place_converted</c> carries its reading converted to
/// Unicode and <c>place_zawgyi_score</c> how sure the detector is (see <see cref="TypedText"/>).
/// </summary>
/// <example>
/// <code>
/// {"type":"report.page","reference":"K7M2QXH","category":"labour","urgent":false,"language":"my","country":"TH",
///  "under18":false,"place":"Mae Sot, the fish factory","place_converted":null,"place_zawgyi_score":null,"consents":{"may_text":true,"may_call":false},
///  "for_someone_else":false,"level":"ngo","opened_at":"2026-01-05T03:12:09+00:00","possible_duplicate":false,
///  "recipients":null,"acknowledge_url":"https://gateway.example.org/a/AQAAAABpW…"}
/// </code>
/// </example>
public sealed record PagePayload
{
    /// <summary>The value of <see cref="Type"/> for a page.</summary>
    public const string PageType = "report.page";

    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.Never };

    /// <summary>What the body is, so that one endpoint can take more kinds of message later.</summary>
    [JsonPropertyName("type")]
    public string Type { get; init; } = PageType;

    /// <summary>The report's reference, as the person was told it (e.g. K7M2QXH).</summary>
    [JsonPropertyName("reference")]
    public required string Reference { get; init; }

    /// <summary>trafficking, labour, child_at_risk or other.</summary>
    [JsonPropertyName("category")]
    public required string Category { get; init; }

    /// <summary>The person asked for help at once (SOS).</summary>
    [JsonPropertyName("urgent")]
    public bool Urgent { get; init; }

    /// <summary>The language the person used (ISO 639: my, km, th, shn…).</summary>
    [JsonPropertyName("language")]
    public string? Language { get; init; }

    /// <summary>ISO 3166 alpha-2, from the number's prefix or as the person said.</summary>
    [JsonPropertyName("country")]
    public string? Country { get; init; }

    /// <summary>True when the person (or the one they report for) is under 18; null when not said.</summary>
    [JsonPropertyName("under18")]
    public bool? Under18 { get; init; }

    /// <summary>The coarse place the person typed, or null.</summary>
    [JsonPropertyName("place")]
    public string? Place { get; init; }

    /// <summary>
    /// <see cref="Place"/> read as Zawgyi and converted to Unicode, when the detector's score is above 0.05;
    /// null otherwise. Below 0.95 the place may well be Unicode already, and this reading may be wrong.
    /// </summary>
    [JsonPropertyName("place_converted")]
    public string? PlaceConverted { get; init; }

    /// <summary>The probability (0 to 1) that <see cref="Place"/> is Zawgyi; null when it has no Burmese.</summary>
    [JsonPropertyName("place_zawgyi_score")]
    public double? PlaceZawgyiScore { get; init; }

    [JsonPropertyName("consents")]
    public required PageConsents Consents { get; init; }

    /// <summary>Filed by someone (a peer educator, a volunteer) for another person.</summary>
    [JsonPropertyName("for_someone_else")]
    public bool ForSomeoneElse { get; init; }

    /// <summary>The name of the escalation level paging this target.</summary>
    [JsonPropertyName("level")]
    public required string Level { get; init; }

    [JsonPropertyName("opened_at")]
    public required DateTimeOffset OpenedAt { get; init; }

    /// <summary>This page may have reached the target before (an earlier attempt's answer was lost).</summary>
    [JsonPropertyName("possible_duplicate")]
    public bool PossibleDuplicate { get; init; }

    /// <summary>
    /// Whom the person accepts: "ngo_only" when they asked that the report go only to NGOs (never to police,
    /// government or a hotline), null when they accepted the policy as it stands. A hotline paged for such a report
    /// was paged before they asked; it must not pass the report on to police.
    /// </summary>
    [JsonPropertyName("recipients")]
    public string? Recipients { get; init; }

    /// <summary>The signed, single-use link that shows the report and acknowledges it.</summary>
    [JsonPropertyName("acknowledge_url")]
    public required Uri AcknowledgeUrl { get; init; }

    /// <summary>The page for <paramref name="report"/> at <paramref name="level"/>, with the place already opened.</summary>
    public static PagePayload For(Report report, string? place, string level, Uri acknowledgeUrl, bool possibleDuplicate = false)
    {
        ArgumentNullException.ThrowIfNull(report);
        var typed = string.IsNullOrWhiteSpace(place) ? null : TypedText.Of(place);
        return new PagePayload
        {
            Reference = report.Reference,
            Category = report.Category,
            Urgent = report.Urgent,
            Language = report.Language,
            Country = report.Country,
            Under18 = report.UnderEighteen switch { "yes" => true, "no" => false, _ => null },
            Place = typed?.AsTyped,
            PlaceConverted = typed?.Converted,
            PlaceZawgyiScore = typed?.ZawgyiScore,
            Consents = new PageConsents(report.MayText, report.MayCall),
            ForSomeoneElse = report.ForSomeoneElse,
            Level = level,
            OpenedAt = report.OpenedAt.ToUniversalTime(),
            PossibleDuplicate = possibleDuplicate,
            Recipients = report.Recipients,
            AcknowledgeUrl = acknowledgeUrl,
        };
    }

    public string ToJson() => JsonSerializer.Serialize(this, Json);

    // The place is the person's own words: it stays out of anything that prints this record.
    public override string ToString() => $"PagePayload {{ Reference = {Reference}, Category = {Category}, Level = {Level} }}";
}

/// <summary>What the person allowed: may the hotline text them back, may it call them back.</summary>
public sealed record PageConsents(
    [property: JsonPropertyName("may_text")] bool MayText,
    [property: JsonPropertyName("may_call")] bool MayCall);
