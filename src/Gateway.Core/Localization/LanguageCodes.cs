namespace Gateway.Core.Localization;

/// <summary>The languages of the region the gateway is built for, by the codes localization files use.</summary>
public static class LanguageCodes
{
    /// <summary>
    /// en, th, my (Burmese), km (Khmer), lo (Lao), vi (Vietnamese), shn (Shan), pwo (Pwo Karen), ksw (S'gaw Karen).
    /// </summary>
    public static readonly IReadOnlyList<string> Known = ["en", "th", "my", "km", "lo", "vi", "shn", "pwo", "ksw"];
}
