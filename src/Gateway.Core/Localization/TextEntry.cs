using Gateway.Core.Flows;

namespace Gateway.Core.Localization;

/// <summary>Whether a person who can vouch for a text has read it.</summary>
public enum TextStatus
{
    /// <summary>Nobody has vouched for it yet; coverage reports count it apart.</summary>
    Draft,

    /// <summary>Read and approved by the named reviewer on a date.</summary>
    Reviewed,
}

/// <summary>Where a text's recording comes from.</summary>
public enum AudioStatus
{
    /// <summary>A person read it.</summary>
    Recorded,

    /// <summary>A placeholder made by speech synthesis (espeak-ng) until someone records it; the validator says so.</summary>
    Synthetic,
}

/// <summary>
/// One text of a language file: the words, optional shorter variants per channel, and where they come from.
/// </summary>
/// <example>
/// <code>
/// help.hotlines:
///   text: "Call 1506 for work problems, 1300 if you are in danger."
///   ussd: "1506 work, 1300 danger"
///   status: reviewed
///   reviewer: "Name of reviewer"
///   reviewed_on: 2026-11-01
///   source: "seed 002 L1449-1454"
///   fact: hotline
///   verified_on: 2026-11-01
///   purpose: hotline
/// </code>
/// </example>
public sealed class TextEntry
{
    public required string Key { get; init; }

    public required string Text { get; init; }

    /// <summary>Channel name (sms, ussd, chat, voice) → a variant that replaces the text on that channel.</summary>
    public IReadOnlyDictionary<string, string> Variants { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The neutral wording said instead, on every channel, to a person who asked for discreet replies: no
    /// "trafficking", no "SOS", no hotline's name (docs/content.md, "Discreet replies"). <see cref="DiscreetSame"/>
    /// says the text is neutral already; null when the file gives none.
    /// </summary>
    public string? Discreet { get; init; }

    public TextStatus Status { get; init; } = TextStatus.Draft;

    public string? Reviewer { get; init; }

    public DateOnly? ReviewedOn { get; init; }

    public string? Source { get; init; }

    /// <summary>
    /// What in the text goes stale (wage, law, agencies, hotline …); such a text needs <see cref="VerifiedOn"/>,
    /// and the validator says so until someone has checked it.
    /// </summary>
    public string? Fact { get; init; }

    /// <summary>For facts that go stale (wages, agencies, numbers): when they were last checked.</summary>
    public DateOnly? VerifiedOn { get; init; }

    /// <summary>
    /// What the text is for, as written in this file; only localization/en.yaml writes it, and every language
    /// shares English's (see <see cref="TextCatalog.PurposeOf"/>). Null when the file gives none.
    /// </summary>
    public TextPurpose? Purpose { get; init; }

    /// <summary>
    /// What the text promises will happen (<c>promise: page</c>, someone is paged about the request; <c>promise: ngo</c>,
    /// an NGO speaking the person's language is), as written in localization/en.yaml for every language. The text is
    /// sent only when the promise holds at that moment (<see cref="Cases.PagingOutlook"/>); otherwise
    /// <see cref="Otherwise"/> is sent. Null for a text that promises nothing.
    /// </summary>
    public string? Promise { get; init; }

    /// <summary>The key of the true sentence sent instead of a <see cref="Promise"/> that would not hold.</summary>
    public string? Otherwise { get; init; }

    /// <summary>
    /// Path of the text's recording for calls, relative to the localization folder, always
    /// <c>audio/&lt;language&gt;/&lt;file&gt;.mp3</c> or <c>.wav</c>; served at <c>/voice/audio/&lt;language&gt;/&lt;file&gt;</c>.
    /// </summary>
    public string? Audio { get; init; }

    /// <summary>Whether <see cref="Audio"/> is a person's recording or a synthetic placeholder (espeak-ng).</summary>
    public AudioStatus AudioStatus { get; init; } = AudioStatus.Recorded;

    public required SourceLocation Location { get; init; }

    /// <summary>Written as <c>discreet: same</c>: the text's own words are neutral and are said in discreet mode too.</summary>
    public const string DiscreetSame = "same";

    /// <summary>The text has its own neutral wording (not <c>discreet: same</c>).</summary>
    public bool HasDiscreetWording => Discreet is not null && Discreet != DiscreetSame;

    /// <summary>What a person who asked for discreet replies reads: the neutral wording, or the channel's text when the words are neutral already.</summary>
    public string ForDiscreet(Channel channel) => HasDiscreetWording ? Discreet! : For(channel);

    public string For(Channel channel) =>
        Variants.Count > 0 && Variants.TryGetValue(channel.Name(), out var variant) ? variant : Text;
}
