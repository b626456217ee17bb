using Gateway.Core.Flows;
using Gateway.Core.Flows.Validation;

namespace Gateway.Core.Localization;

/// <summary>
/// How much of what the flows say exists in one language, and how much of it a reviewer has vouched for.
/// </summary>
public sealed record LanguageCoverage(string Language, string Name, int Needed, int Reviewed, int Draft, int Fallback)
{
    public int Present => Reviewed + Draft;

    public double PresentShare => Needed == 0 ? 1 : (double)Present / Needed;

    public double ReviewedShare => Needed == 0 ? 1 : (double)Reviewed / Needed;
}

public static class TextCoverage
{
    /// <summary>Coverage of every language over the texts the flows, keywords and engine use.</summary>
    public static IReadOnlyList<LanguageCoverage> Compute(FlowBundle bundle)
    {
        var needed = FlowValidator.UsedTexts(bundle).Select(t => t.Key).Concat(SystemTexts.All)
            .Distinct(StringComparer.Ordinal).ToList();
        var result = new List<LanguageCoverage>();
        foreach (var language in bundle.Texts.Languages.OrderBy(l => l.Code == TextCatalog.DefaultLanguage ? 0 : 1).ThenBy(l => l.Code, StringComparer.Ordinal))
        {
            int reviewed = 0, draft = 0, fallback = 0;
            foreach (var key in needed)
            {
                if (!language.Texts.TryGetValue(key, out var entry))
                {
                    fallback++;
                }
                else if (entry.Status == TextStatus.Reviewed)
                {
                    reviewed++;
                }
                else
                {
                    draft++;
                }
            }

            result.Add(new LanguageCoverage(language.Code, language.Name, needed.Count, reviewed, draft, fallback));
        }

        return result;
    }
}
