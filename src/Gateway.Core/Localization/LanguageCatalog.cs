using Gateway.Core.Flows;

namespace Gateway.Core.Localization;

/// <summary>One language file, localization/&lt;code&gt;.yaml.</summary>
public sealed class LanguageCatalog
{
    public required string Code { get; init; }

    /// <summary>The language's name in its own script, shown in the language menu.</summary>
    public required string Name { get; init; }

    public string? Script { get; init; }

    /// <summary>Languages to borrow a missing text from, in order (shn → my → en); en is always last.</summary>
    public IReadOnlyList<string> Fallback { get; init; } = [];

    /// <summary>Facts older than this many days are reported by the validator.</summary>
    public int MaxFactAgeDays { get; init; } = 365;

    /// <summary>The voice a call speaks this language's texts with where they have no recording; null: none exists.</summary>
    public SpeechVoice? Speech { get; init; }

    /// <summary>
    /// Words that never appear in a text said to a person who asked for discreet replies, in this language's
    /// script: its words for trafficking, SOS and hotline (<c>discreet_words:</c> in the file). English's apply to
    /// every language too.
    /// </summary>
    public IReadOnlyList<string> DiscreetWords { get; init; } = [];

    public required IReadOnlyDictionary<string, TextEntry> Texts { get; init; }

    public required SourceLocation Location { get; init; }
}

/// <summary>
/// A text-to-speech voice of the call provider for one language, written in the language file as
/// <c>speech: { language: th-TH, voice: Google.th-TH-Standard-A }</c>: the <c>language</c> and <c>voice</c> of
/// Twilio's <c>&lt;Say&gt;</c>. The voice may be left out for the account's default one.
/// </summary>
public sealed record SpeechVoice(string Language, string? Voice);
