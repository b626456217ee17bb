using System.Globalization;
using Gateway.Core.Localization;

namespace Gateway.Core.Flows.Validation;

/// <summary>
/// What a language that has most of its texts must not borrow. A language with at least
/// <see cref="CompleteShare"/> of the needed texts in its own file is one its readers rely on: they must get
/// every text about danger, SOS, a report, their consent, a child's safety and check-ins in it, and be able to
/// type every keyword in it. A new language, or one a translator has only started (Shan, Pwo Karen), stays below
/// the share and only gets the <c>text.fallback</c> warnings; texts of other purposes (advice, menus) stay warnings
/// too, so a new topic can be written in English first.
/// </summary>
internal static class LanguageChecks
{
    /// <summary>The share of needed texts from which a language must have every text and keyword it may not borrow.</summary>
    public const double CompleteShare = 0.9;

    /// <summary>The purposes whose texts a complete language never borrows.</summary>
    public static readonly IReadOnlyList<TextPurpose> Required =
        [TextPurpose.Danger, TextPurpose.Sos, TextPurpose.Report, TextPurpose.Consent, TextPurpose.Child, TextPurpose.Checkin];

    public static void Check(FlowBundle bundle, FindingList findings)
    {
        var needed = FlowValidator.NeededKeys(bundle);
        var complete = TextCoverage.Compute(bundle)
            .Where(c => c.Language != TextCatalog.DefaultLanguage && c.OwnShare >= CompleteShare)
            .ToDictionary(c => c.Language, StringComparer.Ordinal);
        foreach (var language in bundle.Texts.Languages.Where(l => complete.ContainsKey(l.Code)).OrderBy(l => l.Code, StringComparer.Ordinal))
        {
            var share = Percent(complete[language.Code].OwnShare);
            foreach (var key in needed.Where(k => !language.Texts.ContainsKey(k)))
            {
                // A country text the language lacks is said from its plain text, in the reader's own language.
                var (plainKey, country) = TextCatalog.SplitCountry(key);
                if ((country is not null && language.Texts.ContainsKey(plainKey)) || bundle.Texts.PurposeOf(key) is not { } purpose || !Required.Contains(purpose))
                {
                    continue;
                }

                var from = bundle.Texts.Resolve(plainKey, language.Code, Channel.Sms, country).Language;
                findings.Error("text.required", language.Location,
                    $"{language.Code} has {share} of its texts but not \"{key}\", a {purpose.Name()} text, so {language.Name} readers would get it in {from}; "
                    + $"add it to localization/{language.Code}.yaml (a draft is enough until a reviewer reads it). Texts about danger, SOS, reports, consent, children and check-ins are never borrowed in a language this complete.");
            }
        }

        foreach (var keyword in bundle.Keywords.Global.Concat(bundle.Keywords.Scoped))
        {
            // A keyword only in English (ACK, which responders type) asks nothing of other languages yet; once one
            // language has its own words for it, every complete language needs them.
            if (!keyword.Words.Keys.Any(l => l != TextCatalog.DefaultLanguage))
            {
                continue;
            }

            foreach (var code in complete.Keys.Where(c => !keyword.Words.ContainsKey(c)).Order(StringComparer.Ordinal))
            {
                var others = string.Join(", ", keyword.Words.Keys.Where(l => l != TextCatalog.DefaultLanguage).Order(StringComparer.Ordinal));
                findings.Error("keyword.required", keyword.Location,
                    $"keyword \"{keyword.Id}\" has words in {others} but none in {code}, which has {Percent(complete[code].OwnShare)} of its texts; "
                    + $"add \"{code}: [...]\" with the word {code} readers would type, in their own script (the English words keep working).");
            }
        }
    }

    /// <summary>"92%": rounded down, so a language just below the share never reads as 90%.</summary>
    private static string Percent(double share) => ((int)Math.Floor(share * 100)).ToString(CultureInfo.InvariantCulture) + "%";
}
