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

    public required IReadOnlyDictionary<string, TextEntry> Texts { get; init; }

    public required SourceLocation Location { get; init; }
}
