namespace Gateway.Core.Localization;

/// <summary>Maps a BCP 47 locale, as chat channels and browsers send it, to the language codes of <see cref="LanguageCodes"/>.</summary>
public static class LanguageTags
{
    // ISO 639-2/3 codes some systems send instead of the two-letter ones.
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.Ordinal)
    {
        ["eng"] = "en",
        ["tha"] = "th",
        ["mya"] = "my",
        ["bur"] = "my",
        ["khm"] = "km",
        ["lao"] = "lo",
        ["vie"] = "vi",
    };

    /// <summary>
    /// The language of <paramref name="locale"/>, or null when it is none the gateway knows:
    /// <c>my-MM</c> → <c>my</c>, <c>en-GB</c> → <c>en</c>, <c>shn-MM</c> → <c>shn</c>, <c>km_KH</c> → <c>km</c>,
    /// <c>fr-FR</c> → null. Only the primary subtag counts.
    /// </summary>
    public static string? FromLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        var primary = locale.Trim().Split('-', '_')[0].ToLowerInvariant();
        primary = Aliases.GetValueOrDefault(primary, primary);
        return LanguageCodes.Known.Contains(primary, StringComparer.Ordinal) ? primary : null;
    }
}
