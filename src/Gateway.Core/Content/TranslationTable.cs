using Gateway.Core.Flows;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;

namespace Gateway.Core.Content;

/// <summary>Where one text of one language stands.</summary>
public enum TranslationStatus
{
    /// <summary>The language's file lacks a text the gateway says: its readers get a borrowed one.</summary>
    Missing,

    /// <summary>In the language's file, not yet vouched for.</summary>
    Draft,

    /// <summary>In the language's file and checked by a named reviewer.</summary>
    Reviewed,
}

/// <summary>
/// One text key in one language, as the translations page shows it: the words, who vouched for them, where they
/// come from, what they cost as SMS and whether they fit a USSD screen; for a missing text, the language its readers
/// get instead.
/// </summary>
/// <param name="Key">The text key (menu.intro, work.wage@TH).</param>
/// <param name="Language">The language code.</param>
/// <param name="Entry">The language's own text, or null when its file lacks it.</param>
/// <param name="English">The English text, the source translators work from; null when English lacks the key.</param>
/// <param name="Needed">True when the flows, keywords or the gateway itself say this key.</param>
/// <param name="ServedFrom">The language a reader of <paramref name="Language"/> gets the text in (itself unless missing).</param>
/// <param name="Sms">What the SMS wording costs (its sms: variant or its text); null when missing.</param>
/// <param name="UssdUnits">The USSD wording's size in its alphabet's units; 0 when missing.</param>
/// <param name="UssdLimit">One USSD screen in those units: 182 GSM-7 or 80 UCS-2.</param>
/// <param name="States">The flow states ("main:menu") that say this key, for links from the flow diagrams.</param>
public sealed record TranslationRow(
    string Key,
    string Language,
    TextEntry? Entry,
    string? English,
    bool Needed,
    string ServedFrom,
    SmsSegmentInfo? Sms,
    int UssdUnits,
    int UssdLimit,
    IReadOnlyList<string> States)
{
    public TranslationStatus Status => Entry is null
        ? TranslationStatus.Missing
        : Entry.Status == TextStatus.Reviewed ? TranslationStatus.Reviewed : TranslationStatus.Draft;

    /// <summary>True when the USSD wording fits one screen (with no room left for the menu's own lines).</summary>
    public bool UssdFits => Entry is not null && UssdUnits <= UssdLimit;

    /// <summary>True when a needed text is missing: the page highlights it.</summary>
    public bool IsGap => Needed && Entry is null;
}

/// <summary>
/// Every text key by every language: the table the operator console's translations page shows and filters. Keys are
/// those any language file has and those the gateway says, in English's file order, then the rest by name.
/// </summary>
public static class TranslationTable
{
    public static IReadOnlyList<TranslationRow> Build(FlowBundle bundle, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var needed = FlowValidator.NeededKeys(bundle).ToHashSet(StringComparer.Ordinal);
        var states = StatesByKey(bundle);
        var english = bundle.Texts.Language(TextCatalog.DefaultLanguage);
        var keys = Keys(bundle, needed);
        var rows = new List<TranslationRow>();
        foreach (var catalog in Languages(bundle).Where(l => language is null || l.Code == language))
        {
            foreach (var key in keys)
            {
                var entry = catalog.Texts.GetValueOrDefault(key);
                if (entry is null && !needed.Contains(key) && !(english?.Texts.ContainsKey(key) ?? false))
                {
                    // A key only another translation has is that file's business, not a gap of this one.
                    continue;
                }

                var sms = entry is null ? (SmsSegmentInfo?)null : SmsSegmentCalculator.Measure(entry.For(Channel.Sms));
                var encoding = SmsEncoding.Gsm7;
                var ussdUnits = entry is null ? 0 : UssdScreen.Cost(entry.For(Channel.Ussd), out encoding);
                var limit = UssdScreen.Limit(encoding);
                var servedFrom = entry is not null ? catalog.Code : ServedFrom(bundle, key, catalog.Code);
                rows.Add(new TranslationRow(
                    key,
                    catalog.Code,
                    entry,
                    english?.Texts.GetValueOrDefault(key)?.Text,
                    needed.Contains(key),
                    servedFrom,
                    sms,
                    ussdUnits,
                    limit,
                    states.GetValueOrDefault(key) ?? []));
            }
        }

        return rows;
    }

    /// <summary>The languages, English first, then by code.</summary>
    public static IEnumerable<LanguageCatalog> Languages(FlowBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        return bundle.Texts.Languages
            .OrderBy(l => l.Code == TextCatalog.DefaultLanguage ? 0 : 1)
            .ThenBy(l => l.Code, StringComparer.Ordinal);
    }

    /// <summary>Every key: English's in file order, then any other language's, then needed keys nobody has yet.</summary>
    public static IReadOnlyList<string> Keys(FlowBundle bundle, IReadOnlySet<string>? needed = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        needed ??= FlowValidator.NeededKeys(bundle).ToHashSet(StringComparer.Ordinal);
        var keys = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var catalog in Languages(bundle))
        {
            foreach (var key in catalog.Texts.Values.OrderBy(e => e.Location.Line).Select(e => e.Key))
            {
                if (seen.Add(key))
                {
                    keys.Add(key);
                }
            }
        }

        keys.AddRange(needed.Where(seen.Add).Order(StringComparer.Ordinal));
        return keys;
    }

    /// <summary>For each key, the states ("flow:state") whose texts, options or state keywords say it.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> StatesByKey(FlowBundle bundle)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var flow in bundle.Flows.Values.OrderBy(f => f.Id, StringComparer.Ordinal))
        {
            foreach (var state in flow.States.Values)
            {
                foreach (var key in KeysOf(state))
                {
                    var list = result.TryGetValue(key, out var existing) ? existing : result[key] = [];
                    if (!list.Contains(state.QualifiedName))
                    {
                        list.Add(state.QualifiedName);
                    }
                }
            }
        }

        return result.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)r.Value, StringComparer.Ordinal);
    }

    /// <summary>The text keys one state says: its texts, its options' labels and its own keywords' replies.</summary>
    public static IReadOnlyList<string> KeysOf(StateDefinition state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Say.Select(t => t.Key)
            .Concat(state.Options.Select(o => o.Text.Key))
            .Concat(state.Keywords.SelectMany(k => k.Say).Select(t => t.Key))
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static string ServedFrom(FlowBundle bundle, string key, string language)
    {
        foreach (var code in bundle.Texts.Chain(language))
        {
            if (bundle.Texts.Language(code)?.Texts.ContainsKey(key) ?? false)
            {
                return code;
            }
        }

        return TextCatalog.DefaultLanguage;
    }
}
