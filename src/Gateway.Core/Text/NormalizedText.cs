namespace Gateway.Core.Text;

/// <summary>
/// An inbound message after <see cref="InboundNormalizer.Normalize(string)"/>: the forms to match keywords against.
/// </summary>
/// <param name="Text">
/// The message as received, in NFC, without zero-width characters, with whitespace collapsed and trimmed and
/// with digits of every script in ASCII (Myanmar and Shan digits only where a token is all digits).
/// </param>
/// <param name="ZawgyiConverted">
/// <see cref="Text"/> converted from Zawgyi to Unicode and normalised the same way, when the detector is sure
/// it is Zawgyi (probability at or above <see cref="ZawgyiDetector.ZawgyiThreshold"/>) and ICU is installed;
/// otherwise null.
/// </param>
/// <param name="ZawgyiProbability">
/// <see cref="ZawgyiDetector.ZawgyiProbability(string)"/> of <see cref="Text"/>; negative infinity without Burmese.
/// </param>
/// <example>
/// <code>
/// var message = InboundNormalizer.Normalize(" ကယ္ပါ\u200B ");
/// message.Text;            // "ကယ္ပါ" (Zawgyi as received)
/// message.Candidates;      // ["ကယ်ပါ", "ကယ္ပါ"]: the Unicode reading first
/// </code>
/// </example>
public readonly record struct NormalizedText(string Text, string? ZawgyiConverted, double ZawgyiProbability)
{
    /// <summary>
    /// The Zawgyi-to-Unicode conversion of a text with Burmese in it, whatever the detector said (a short word
    /// rarely reaches the threshold); null without Burmese, without ICU, or when the conversion changes nothing.
    /// </summary>
    public string? AsIfZawgyi { get; init; }

    /// <summary>
    /// The forms to match keywords against, the likelier reading first, without duplicates: <see cref="Text"/>
    /// and, when it has Burmese and ICU is installed, its reading as Zawgyi converted to Unicode.
    /// </summary>
    public IReadOnlyList<string> Candidates
    {
        get
        {
            var text = Text ?? string.Empty;
            var converted = ZawgyiConverted ?? AsIfZawgyi;
            if (converted is null || string.Equals(converted, text, StringComparison.Ordinal))
            {
                return [text];
            }

            return ZawgyiProbability > 0.5 ? [converted, text] : [text, converted];
        }
    }

    /// <summary>The single best reading: the Unicode conversion when the text is surely Zawgyi, else the text.</summary>
    public string Best => ZawgyiConverted ?? Text ?? string.Empty;
}
