using System.Buffers;
using System.Globalization;
using System.Text;

namespace Gateway.Core.Text;

/// <summary>
/// Puts an inbound message into the form keywords are matched against. Pure apart from the ICU call,
/// never throws for any string, and allocates nothing for ASCII that needs no change.
/// </summary>
/// <remarks>
/// Steps: NFC; drop U+200B zero width space, U+200C ZWNJ, U+200D ZWJ, U+2060 word joiner and U+FEFF BOM;
/// collapse every run of whitespace to one space and trim; write decimal digits of any script in ASCII.
/// <para>
/// ZWNJ and ZWJ are dropped too: in the scripts the gateway serves (Burmese, Shan, Karen, Khmer, Lao, Thai and
/// Vietnamese) they only choose between glyph shapes (Khmer uses them for some vowel and subscript forms) and
/// never tell two words apart, and phones insert them unpredictably. (In Persian or the Indic scripts they do
/// carry meaning; those are not served.)
/// </para>
/// <para>
/// Myanmar digits U+1040–U+1049 and Shan digits U+1090–U+1099 are mapped only in a token made of digits alone
/// ("၃၀" → "30"): Zawgyi writers type zero U+1040 for the letter WA and seven U+1047 for RA inside words, and Zawgyi
/// uses U+1090–U+1097 for letters.
/// </para>
/// </remarks>
public static class InboundNormalizer
{
    private const int StackLimit = 256;

    /// <summary>Normalises <paramref name="raw"/> and, when it has Burmese, its Zawgyi-to-Unicode reading.</summary>
    public static NormalizedText Normalize(string raw) => Normalize(raw, IcuLibrary.Default);

    internal static NormalizedText Normalize(string raw, IcuLibrary icu)
    {
        var text = Clean(raw ?? string.Empty);
        var probability = ZawgyiDetector.ZawgyiProbability(text);
        if (!HasMyanmar(text) || !icu.IsLoaded)
        {
            return new NormalizedText(text, null, probability);
        }

        string converted;
        try
        {
            converted = Clean(icu.ZawgyiToUnicode(text));
        }
        catch (IcuUnavailableException)
        {
            return new NormalizedText(text, null, probability);
        }
        catch (InvalidOperationException)
        {
            return new NormalizedText(text, null, probability);
        }

        var differs = !string.Equals(converted, text, StringComparison.Ordinal);
        return new NormalizedText(text, probability >= ZawgyiDetector.ZawgyiThreshold ? converted : null, probability)
        {
            AsIfZawgyi = differs ? converted : null,
        };
    }

    /// <summary>The normalisation without Zawgyi conversion: NFC, zero-width characters, whitespace, digits.</summary>
    internal static string Clean(string raw)
    {
        if (Ascii.IsValid(raw))
        {
            return CollapseWhitespace(raw);
        }

        var nfc = ToNfc(raw);
        char[]? rented = null;
        var buffer = nfc.Length <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(nfc.Length));
        try
        {
            var length = DropInvisiblesAndCollapse(nfc, buffer);
            var written = buffer[..length];
            MapDigits(written);
            return written.SequenceEqual(nfc) ? nfc : new string(written);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    private static bool HasMyanmar(string text)
    {
        foreach (var c in text)
        {
            if (ZawgyiModel.IsMyanmar(c))
            {
                return true;
            }
        }

        return false;
    }

    private static string ToNfc(string raw)
    {
        try
        {
            return raw.IsNormalized(NormalizationForm.FormC) ? raw : raw.Normalize(NormalizationForm.FormC);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; the text is used as it came.
            return raw;
        }
    }

    private static bool IsInvisible(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF';

    /// <summary>Copies <paramref name="source"/> without zero-width characters, whitespace runs as one space, trimmed.</summary>
    private static int DropInvisiblesAndCollapse(string source, Span<char> target)
    {
        var length = 0;
        var pendingSpace = false;
        foreach (var c in source)
        {
            if (IsInvisible(c))
            {
                continue;
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = length > 0;
                continue;
            }

            if (pendingSpace)
            {
                target[length++] = ' ';
                pendingSpace = false;
            }

            target[length++] = c;
        }

        return length;
    }

    private static string CollapseWhitespace(string ascii)
    {
        if (!NeedsCollapsing(ascii))
        {
            return ascii;
        }

        var builder = new StringBuilder(ascii.Length);
        var pendingSpace = false;
        foreach (var c in ascii)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    private static bool NeedsCollapsing(string ascii)
    {
        if (ascii.Length == 0)
        {
            return false;
        }

        if (char.IsWhiteSpace(ascii[0]) || char.IsWhiteSpace(ascii[^1]))
        {
            return true;
        }

        for (var i = 1; i < ascii.Length; i++)
        {
            var c = ascii[i];
            if (char.IsWhiteSpace(c) && (c != ' ' || ascii[i - 1] == ' '))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Rewrites decimal digits in ASCII, in place, token by token.</summary>
    private static void MapDigits(Span<char> text)
    {
        var start = 0;
        while (start < text.Length)
        {
            if (!IsTokenChar(text[start]))
            {
                start++;
                continue;
            }

            var end = start;
            var digitsOnly = true;
            while (end < text.Length && IsTokenChar(text[end]))
            {
                digitsOnly &= CharUnicodeInfo.GetUnicodeCategory(text[end]) == UnicodeCategory.DecimalDigitNumber;
                end++;
            }

            for (var i = start; i < end; i++)
            {
                var c = text[i];
                if (c < '\u0080' || CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.DecimalDigitNumber)
                {
                    continue;
                }

                if (IsMyanmarDigit(c) && !digitsOnly)
                {
                    continue;
                }

                var value = CharUnicodeInfo.GetDecimalDigitValue(c);
                if (value is >= 0 and <= 9)
                {
                    text[i] = (char)('0' + value);
                }
            }

            start = end;
        }
    }

    private static bool IsMyanmarDigit(char c) => c is (>= '\u1040' and <= '\u1049') or (>= '\u1090' and <= '\u1099');

    /// <summary>Letters, marks and numbers make up a token; spaces, punctuation and symbols separate tokens.</summary>
    private static bool IsTokenChar(char c) => CharUnicodeInfo.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
            or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        _ => false,
    };
}
