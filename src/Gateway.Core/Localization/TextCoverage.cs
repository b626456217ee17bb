using System.Globalization;
using Gateway.Core.Flows;
using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Localization;

/// <summary>
/// How much of what the flows say one language has in its own file, how much of that a reviewer has vouched for,
/// how much it borrows along its fallback chain, and what its own texts cost as SMS.
/// </summary>
/// <param name="Language">The language code, e.g. "th".</param>
/// <param name="Name">The language's name in its own script.</param>
/// <param name="Chain">The language and those it borrows from, in order, ending with en.</param>
/// <param name="Needed">Texts the flows, keywords and engine use and those the host says to a person about their report, with English's country variants of them.</param>
/// <param name="Reviewed">Of the language's own texts, those a named reviewer has vouched for.</param>
/// <param name="Draft">Of the language's own texts, those nobody has vouched for yet.</param>
/// <param name="Fallback">Needed texts the language does not have: its speakers read a borrowed one.</param>
/// <param name="SmsSegmentsAverage">The average SMS segments of the language's own texts (0 when it has none).</param>
/// <param name="SmsSegmentsMax">The most SMS segments one of its own texts takes.</param>
/// <param name="Longest">The key of that text when it takes more than one segment, else null.</param>
public sealed record LanguageCoverage(
    string Language,
    string Name,
    IReadOnlyList<string> Chain,
    int Needed,
    int Reviewed,
    int Draft,
    int Fallback,
    double SmsSegmentsAverage,
    int SmsSegmentsMax,
    string? Longest)
{
    /// <summary>Texts in the language's own file and script, not borrowed.</summary>
    public int Own => Reviewed + Draft;

    public double OwnShare => Needed == 0 ? 1 : (double)Own / Needed;

    public double ReviewedShare => Needed == 0 ? 1 : (double)Reviewed / Needed;

    /// <summary>"th → en" for a language that borrows from en.</summary>
    public string ChainText => string.Join(" → ", Chain);

    public string SmsText => Own == 0
        ? "-"
        : string.Create(CultureInfo.InvariantCulture, $"{SmsSegmentsAverage:0.0} / {SmsSegmentsMax}");
}

public static class TextCoverage
{
    /// <summary>
    /// Coverage of every language over the texts the flows, keywords and engine use and the host says to a person about
    /// their report; en first, then by code.
    /// </summary>
    public static IReadOnlyList<LanguageCoverage> Compute(FlowBundle bundle)
    {
        var needed = FlowValidator.NeededKeys(bundle);
        var result = new List<LanguageCoverage>();
        foreach (var language in bundle.Texts.Languages.OrderBy(l => l.Code == TextCatalog.DefaultLanguage ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal))
        {
            int reviewed = 0, draft = 0, fallback = 0, segments = 0, max = 0;
            string? longest = null;
            foreach (var key in needed)
            {
                if (!language.Texts.TryGetValue(key, out var entry))
                {
                    fallback++;
                    continue;
                }

                if (entry.Status == TextStatus.Reviewed)
                {
                    reviewed++;
                }
                else
                {
                    draft++;
                }

                var sms = SmsSegmentCalculator.Measure(entry.For(Channel.Sms)).Segments;
                segments += sms;
                if (sms > max)
                {
                    max = sms;
                    longest = key;
                }
            }

            var own = reviewed + draft;
            result.Add(new LanguageCoverage(
                language.Code,
                language.Name,
                bundle.Texts.Chain(language.Code),
                needed.Count,
                reviewed,
                draft,
                fallback,
                own == 0 ? 0 : (double)segments / own,
                max,
                max > 1 ? longest : null));
        }

        return result;
    }
}
