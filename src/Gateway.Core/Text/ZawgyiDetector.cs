namespace Gateway.Core.Text;

/// <summary>
/// Tells Zawgyi-encoded Burmese from Unicode Burmese. Both use the same code points, in a different
/// order (Zawgyi stores glyphs in visual order: vowel sign E and medial RA before their consonant) and with a
/// different meaning for some (Zawgyi uses U+1060–U+109F for stacked and variant glyphs, which Unicode
/// assigns to Shan, Karen and Mon), so the detector scores each pair of neighbouring characters.
/// </summary>
/// <remarks>
/// Thresholds: convert automatically at 0.95 or more, treat as Unicode at 0.05 or less; between the two the
/// text is too short or too plain to tell (a single consonant, a word spelled the same in both).
/// <example>
/// <code>
/// ZawgyiDetector.ZawgyiProbability("ကယ္ပါ");   // 0.67: leans Zawgyi, too short to be sure, not converted
/// ZawgyiDetector.ZawgyiProbability("ရန္ကုန္");  // 1.00 (above 0.95): Zawgyi, converted
/// ZawgyiDetector.ZawgyiProbability("ကယ်ပါ");   // 0.02 (below 0.05): Unicode
/// ZawgyiDetector.ZawgyiProbability("STOP 12"); // negative infinity: no Burmese at all
/// </code>
/// </example>
/// </remarks>
public static class ZawgyiDetector
{
    /// <summary>At or above this probability, text is taken to be Zawgyi and converted.</summary>
    public const double ZawgyiThreshold = 0.95;

    /// <summary>At or below this probability, text is taken to be Unicode.</summary>
    public const double UnicodeThreshold = 0.05;

    /// <summary>
    /// The probability that <paramref name="text"/> is Zawgyi rather than Unicode Burmese, or
    /// <see cref="double.NegativeInfinity"/> when it has no Myanmar letters or signs (digits alone do not count).
    /// Characters outside the Myanmar blocks are ignored except as word boundaries.
    /// </summary>
    public static double ZawgyiProbability(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return ZawgyiProbability(text.AsSpan());
    }

    /// <inheritdoc cref="ZawgyiProbability(string)"/>
    public static double ZawgyiProbability(ReadOnlySpan<char> text)
    {
        var logOdds = LogOdds(text, out var hasMyanmar);
        return hasMyanmar ? 1.0 / (1.0 + Math.Exp(-logOdds)) : double.NegativeInfinity;
    }

    /// <summary>The natural log of the odds Zawgyi : Unicode.</summary>
    internal static double LogOdds(ReadOnlySpan<char> text, out bool hasMyanmar)
    {
        hasMyanmar = false;
        var sum = ZawgyiModel.Bias;
        var previous = ZawgyiModel.Boundary;
        foreach (var c in text)
        {
            var state = ZawgyiModel.Next(previous, c);
            if (state == ZawgyiModel.Boundary && previous == ZawgyiModel.Boundary)
            {
                continue;
            }

            hasMyanmar |= state is not ZawgyiModel.Boundary and not ZawgyiModel.Digit;
            sum += ZawgyiModel.Weight(previous, state);
            previous = state;
        }

        if (previous != ZawgyiModel.Boundary)
        {
            sum += ZawgyiModel.Weight(previous, ZawgyiModel.Boundary);
        }

        return sum;
    }
}
