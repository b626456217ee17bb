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
public sealed class TextCatalog
{
    public const string DefaultLanguage = "en";

    private readonly Dictionary<string, LanguageCatalog> _languages;
    private readonly Dictionary<string, string[]> _chains = [];

    public TextCatalog(IEnumerable<LanguageCatalog> languages)
    {
        _languages = languages.ToDictionary(l => l.Code, StringComparer.Ordinal);
        foreach (var language in _languages.Values)
        {
            _chains[language.Code] = BuildChain(language);
        }
    }

    public IReadOnlyCollection<LanguageCatalog> Languages => _languages.Values;

    public LanguageCatalog? Language(string code) => _languages.GetValueOrDefault(code);

    public bool Has(string code) => _languages.ContainsKey(code);

    /// <summary>The languages tried for <paramref name="language"/>, itself first.</summary>
    public IReadOnlyList<string> Chain(string? language) =>
        language is not null && _chains.TryGetValue(language, out var chain) ? chain : [DefaultLanguage];

    public ResolvedText Resolve(string key, string? language, Channel channel)
    {
        var chain = Chain(language);
        for (var i = 0; i < chain.Count; i++)
        {
            if (_languages.TryGetValue(chain[i], out var catalog) && catalog.Texts.TryGetValue(key, out var entry))
            {
                return new ResolvedText(entry.For(channel), catalog.Code, i > 0, entry);
            }
        }

        return new ResolvedText($"[{key}]", DefaultLanguage, true, null);
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
