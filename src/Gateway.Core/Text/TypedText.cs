namespace Gateway.Core.Text;

/// <summary>
/// Free text a person typed (a place, an answer) as it is stored and shown to a responder: the words as typed,
/// and beside them their reading as Zawgyi converted to Unicode whenever the text may be Zawgyi. The stored value
/// is never converted: a Unicode word the detector finds doubtful (ကုမ္ပဏီ, "company", with its stacked
/// consonant) would be corrupted by a conversion, and a short Zawgyi word is rarely scored high enough to be
/// converted, so the responder gets both readings and judges.
/// </summary>
/// <remarks>
/// The alternative reading is offered above <see cref="ZawgyiDetector.UnicodeThreshold"/> (0.05): between the
/// thresholds the text is marked "may be Zawgyi", at <see cref="ZawgyiDetector.ZawgyiThreshold"/> (0.95) or more
/// it is marked "Zawgyi". Text scored at 0.05 or less, text without Burmese, and text whose Zawgyi reading is the
/// same (ပဲခူး is spelled alike in both) is shown as typed, alone.
/// </remarks>
/// <example>
/// <code>
/// TypedText.Of("ကုမ္ပဏီ").Display;  // "ကုမ္ပဏီ (may be Zawgyi; converted: ကုမ်ပဏီ)", score 0.65
/// TypedText.Of("ေစ်း").Display;     // "ေစ်း (may be Zawgyi; converted: ဈေး)", score 0.21
/// TypedText.Of("ရန္ကုန္").Display;  // "ရန္ကုန္ (Zawgyi; converted: ရန်ကုန်)", score 1.00
/// TypedText.Of("မန္တလေး").Display;  // "မန္တလေး", score 0.004: Unicode, shown as typed
/// </code>
/// </example>
/// <param name="AsTyped">The text exactly as stored.</param>
/// <param name="Converted">Its reading as Zawgyi converted to Unicode, when the text may be Zawgyi; otherwise null.</param>
/// <param name="ZawgyiScore">
/// <see cref="ZawgyiDetector.ZawgyiProbability(string)"/> of the text, rounded to four places; null without Burmese.
/// </param>
public sealed record TypedText(string AsTyped, string? Converted, double? ZawgyiScore)
{
    /// <summary>The readings of <paramref name="typed"/>; ICU missing means no converted reading.</summary>
    public static TypedText Of(string typed) => Of(typed, IcuLibrary.Default);

    internal static TypedText Of(string typed, IcuLibrary icu)
    {
        ArgumentNullException.ThrowIfNull(typed);
        var score = ZawgyiDetector.ZawgyiProbability(typed);
        if (double.IsNegativeInfinity(score))
        {
            return new TypedText(typed, null, null);
        }

        var rounded = Math.Round(score, 4);
        if (score <= ZawgyiDetector.UnicodeThreshold)
        {
            return new TypedText(typed, null, rounded);
        }

        var converted = InboundNormalizer.Normalize(typed, icu).AsIfZawgyi;
        return new TypedText(typed, converted, rounded);
    }

    /// <summary>The detector is sure the text is Zawgyi (at or above <see cref="ZawgyiDetector.ZawgyiThreshold"/>).</summary>
    public bool IsZawgyi => Converted is not null && ZawgyiScore >= ZawgyiDetector.ZawgyiThreshold;

    /// <summary>The mark put before a converted reading: "Zawgyi" when sure, "may be Zawgyi" when not; null without one.</summary>
    public string? Mark => Converted is null ? null : IsZawgyi ? "Zawgyi" : "may be Zawgyi";

    /// <summary>The text as typed and, when it may be Zawgyi, its converted reading in brackets, marked.</summary>
    public string Display => Converted is null ? AsTyped : $"{AsTyped} ({Mark}; converted: {Converted})";

    // The words are the person's own: they stay out of anything that prints this record.
    public override string ToString() => $"TypedText {{ ZawgyiScore = {ZawgyiScore}, Converted = {Converted is not null} }}";
}
