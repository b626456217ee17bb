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

    // (language, key) of texts never said in discreet mode as they are: English rewords them and this language has
    // no neutral wording of its own yet, or their words name what the gateway is about.
    private readonly HashSet<(string Language, string Key)> _notDiscreet = [];

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

        var english = _languages.GetValueOrDefault(DefaultLanguage);
        foreach (var language in _languages.Values)
        {
            var words = DiscreetWordsOf(language.Code);
            foreach (var entry in language.Texts.Values)
            {
                if (entry.Discreet is null
                    && (english?.Texts.GetValueOrDefault(entry.Key)?.HasDiscreetWording == true
                        || entry.Variants.Values.Prepend(entry.Text).Any(t => DiscreetWords.Find(t, words) is not null)))
                {
                    _notDiscreet.Add((language.Code, entry.Key));
                }
            }
        }
    }

    /// <summary>The words a discreet text in <paramref name="language"/> never says: the language's own and English's.</summary>
    public IReadOnlyList<string> DiscreetWordsOf(string? language)
    {
        var own = language is null ? null : Language(language)?.DiscreetWords;
        var english = Language(DefaultLanguage)?.DiscreetWords ?? [];
        return own is null || language == DefaultLanguage ? english : [.. own, .. english];
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
    public ResolvedText Resolve(string key, string? language, Channel channel, string? country) => Resolve(key, language, channel, country, discreet: false);

    /// <summary>
    /// As <see cref="Resolve(string, string?, Channel, string?)"/>; for a person who asked for discreet replies
    /// (<paramref name="discreet"/>) each language's neutral wording (<c>discreet:</c>) is said instead, and a
    /// language that has none where English rewords the text, or whose words name what the gateway is about, is
    /// passed over for the next language of the chain, as a missing text is.
    /// </summary>
    public ResolvedText Resolve(string key, string? language, Channel channel, string? country, bool discreet)
    {
        var variant = country is not null && _keysWithCountryVariants.Contains(key) ? CountryKey(key, country) : null;
        var chain = Chain(language);
        ResolvedText? notDiscreet = null;
        for (var i = 0; i < chain.Count; i++)
        {
            if (!_languages.TryGetValue(chain[i], out var catalog))
            {
                continue;
            }

            if ((variant is not null && catalog.Texts.TryGetValue(variant, out var entry)) || catalog.Texts.TryGetValue(key, out entry))
            {
                // A call leaves no words on the phone: it is said as it is.
                if (!discreet || channel == Channel.Voice)
                {
                    return new ResolvedText(entry.For(channel), catalog.Code, i > 0, entry);
                }

                if (!_notDiscreet.Contains((catalog.Code, entry.Key)))
                {
                    return new ResolvedText(entry.ForDiscreet(channel), catalog.Code, i > 0, entry);
                }

                // The validator makes English's wording neutral; this is only reached when it was not (text.discreet).
                notDiscreet ??= new ResolvedText(entry.For(channel), catalog.Code, i > 0, entry);
            }
        }

        return notDiscreet ?? new ResolvedText($"[{key}]", DefaultLanguage, true, null);
    }

    /// <summary>Whether <paramref name="language"/>'s own <paramref name="key"/> is passed over in discreet mode.</summary>
    public bool IsPassedOverWhenDiscreet(string language, string key) => _notDiscreet.Contains((language, key));

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
