namespace Gateway.Core.Localization;

/// <summary>A text found for a language, and the language it really came from.</summary>
public readonly record struct ResolvedText(string Text, string Language, bool IsFallback, TextEntry? Entry)
{
    public bool IsMissing => Entry is null;
}

/// <summary>
/// All language files. A missing text falls back along the language's chain and finally to English,
/// so a person always gets something; the validator reports every such gap.
/// </summary>
/// <remarks>
/// A text can have a variant for one country, written as the key with <c>@</c> and the country code
/// (<c>work.wage@TH</c>). For a person in that country each language of the chain is tried for the
/// variant first and then for the plain key, so a person reads their own language before a more
/// specific text in a language they may not read. The plain key must therefore be true in every country.
/// </remarks>
public sealed class TextCatalog
{
    public const string DefaultLanguage = "en";

    /// <summary>Separates a text key from the country its variant is for: <c>work.wage@TH</c>.</summary>
    public const char CountrySeparator = '@';

    private readonly Dictionary<string, LanguageCatalog> _languages;
    private readonly Dictionary<string, string[]> _chains = [];
    private readonly HashSet<string> _keysWithCountryVariants = new(StringComparer.Ordinal);

    public TextCatalog(IEnumerable<LanguageCatalog> languages)
    {
        _languages = languages.ToDictionary(l => l.Code, StringComparer.Ordinal);
        foreach (var language in _languages.Values)
        {
            _chains[language.Code] = BuildChain(language);
            foreach (var key in language.Texts.Keys)
            {
                if (SplitCountry(key) is { Country: not null } split)
                {
                    _keysWithCountryVariants.Add(split.Key);
                }
            }
        }
    }

    public IReadOnlyCollection<LanguageCatalog> Languages => _languages.Values;

    public LanguageCatalog? Language(string code) => _languages.GetValueOrDefault(code);

    public bool Has(string code) => _languages.ContainsKey(code);

    /// <summary>The languages tried for <paramref name="language"/>, itself first.</summary>
    public IReadOnlyList<string> Chain(string? language) =>
        language is not null && _chains.TryGetValue(language, out var chain) ? chain : [DefaultLanguage];

    public ResolvedText Resolve(string key, string? language, Channel channel) => Resolve(key, language, channel, country: null);

    /// <summary>
    /// The text for <paramref name="key"/> in <paramref name="language"/> or the first language of its chain
    /// that has it; for a person in <paramref name="country"/> a language's <c>key@country</c> comes before its
    /// plain <c>key</c>.
    /// </summary>
    public ResolvedText Resolve(string key, string? language, Channel channel, string? country)
    {
        var variant = country is not null && _keysWithCountryVariants.Contains(key) ? CountryKey(key, country) : null;
        var chain = Chain(language);
        for (var i = 0; i < chain.Count; i++)
        {
            if (!_languages.TryGetValue(chain[i], out var catalog))
            {
                continue;
            }

            if ((variant is not null && catalog.Texts.TryGetValue(variant, out var entry)) || catalog.Texts.TryGetValue(key, out entry))
            {
                return new ResolvedText(entry.For(channel), catalog.Code, i > 0, entry);
            }
        }

        return new ResolvedText($"[{key}]", DefaultLanguage, true, null);
    }

    /// <summary>
    /// What the text <paramref name="key"/> is for, in every language: English's purpose for the key, or, for a
    /// country text English does not give a purpose of its own (<c>work.wage@TH</c>), the plain key's. Null when
    /// English gives none; <see cref="Content.ApprovalGate"/> then guards the text as strictly as it can.
    /// </summary>
    public TextPurpose? PurposeOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (Language(DefaultLanguage) is not { } english)
        {
            return null;
        }

        return english.Texts.GetValueOrDefault(key)?.Purpose ?? english.Texts.GetValueOrDefault(SplitCountry(key).Key)?.Purpose;
    }

    /// <summary>
    /// What the text <paramref name="key"/> promises and the key sent instead when the promise would not hold, from
    /// English, which writes them for every language; null when it promises nothing.
    /// </summary>
    public (string Promise, string Otherwise)? PromiseOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Language(DefaultLanguage)?.Texts.GetValueOrDefault(key) is { Promise: { } promise, Otherwise: { } otherwise }
            ? (promise, otherwise)
            : null;
    }

    /// <summary>The key of <paramref name="key"/>'s variant for <paramref name="country"/>: <c>work.wage@TH</c>.</summary>
    public static string CountryKey(string key, string country) => $"{key}{CountrySeparator}{country}";

    /// <summary>Splits <c>work.wage@TH</c> into its plain key and country; a plain key has no country.</summary>
    public static (string Key, string? Country) SplitCountry(string key)
    {
        var at = key.LastIndexOf(CountrySeparator);
        return at > 0 && at < key.Length - 1 ? (key[..at], key[(at + 1)..]) : (key, null);
    }

    private static string[] BuildChain(LanguageCatalog language)
    {
        var chain = new List<string> { language.Code };
        foreach (var code in language.Fallback)
        {
            if (!chain.Contains(code))
            {
                chain.Add(code);
            }
        }

        if (!chain.Contains(DefaultLanguage))
        {
            chain.Add(DefaultLanguage);
        }

        return [.. chain];
    }
}
