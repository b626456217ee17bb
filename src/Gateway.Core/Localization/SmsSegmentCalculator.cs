using System.Globalization;

namespace Gateway.Core.Localization;

/// <summary>
/// Counts the SMS segments a text costs, the way Twilio's segment calculator does, so that a
/// flow can be checked against a budget before it is sent and billed.
/// </summary>
/// <remarks>
/// <para>
/// A text that fits one message takes 160 GSM-7 septets or 70 UCS-2 units. A longer text is
/// sent as a concatenated message whose header leaves 153 septets or 67 units per segment.
/// </para>
/// <para>
/// Segments are filled in order and a segment boundary never falls inside a grapheme
/// cluster (a letter with its marks, an emoji with its modifiers and joiners) nor between
/// ESC and its extension character. A cluster that would not fit the room left in a segment
/// moves whole to the next one, so a text can take one segment more than its units divided
/// by 153 or 67. A CR LF pair counts as two characters that may be separated. A cluster
/// longer than a whole segment cannot be kept together; it is split between code points.
/// </para>
/// </remarks>
/// <example>
/// <code>
/// SmsSegmentCalculator.Measure(new string('a', 161));   // (Gsm7, 2, 161)
/// SmsSegmentCalculator.Measure(new string('€', 81));    // (Gsm7, 2, 162): € takes two septets
/// SmsSegmentCalculator.Measure("ສະບາຍດີ");               // (Ucs2, 1, 7)
/// </code>
/// </example>
public static class SmsSegmentCalculator
{
    /// <summary>Septets in a message sent whole.</summary>
    public const int Gsm7SingleLimit = 160;

    /// <summary>Septets per segment of a concatenated message.</summary>
    public const int Gsm7SegmentLimit = 153;

    /// <summary>UTF-16 units in a message sent whole.</summary>
    public const int Ucs2SingleLimit = 70;

    /// <summary>UTF-16 units per segment of a concatenated message.</summary>
    public const int Ucs2SegmentLimit = 67;

    /// <summary>Measures the encoding, segment count and size of <paramref name="text"/>.</summary>
    /// <param name="text">The message body exactly as it will be sent.</param>
    public static SmsSegmentInfo Measure(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Gsm7Alphabet.Covers(text) ? MeasureGsm7(text) : MeasureUcs2(text);
    }

    /// <summary>
    /// True when every character of <paramref name="text"/> is in the GSM 03.38 basic or
    /// extension table, so the text travels at 7 bits a character.
    /// </summary>
    /// <example><c>IsGsm7("Café €2")</c> is true (é and € are GSM-7); <c>IsGsm7("ç")</c> is false.</example>
    public static bool IsGsm7(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Gsm7Alphabet.Covers(text);
    }

    private static SmsSegmentInfo MeasureGsm7(string text)
    {
        int septets = Gsm7Alphabet.CountSeptets(text);
        if (septets <= Gsm7SingleLimit)
        {
            return new SmsSegmentInfo(SmsEncoding.Gsm7, 1, septets);
        }

        // Every GSM-7 character is a cluster of its own (CR LF is counted as two characters),
        // so only an escape pair can be pushed whole into the next segment.
        int segments = 1;
        int used = 0;
        foreach (char c in text)
        {
            int cost = Gsm7Alphabet.IsExtension(c) ? 2 : 1;
            if (used + cost > Gsm7SegmentLimit)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        return new SmsSegmentInfo(SmsEncoding.Gsm7, segments, septets);
    }

    private static SmsSegmentInfo MeasureUcs2(string text)
    {
        if (text.Length <= Ucs2SingleLimit)
        {
            return new SmsSegmentInfo(SmsEncoding.Ucs2, 1, text.Length);
        }

        int segments = 1;
        int used = 0;

        void Place(int cost)
        {
            if (used + cost > Ucs2SegmentLimit)
            {
                segments++;
                used = 0;
            }

            used += cost;
        }

        ReadOnlySpan<char> rest = text;
        while (!rest.IsEmpty)
        {
            int length = StringInfo.GetNextTextElementLength(rest);
            ReadOnlySpan<char> cluster = rest[..length];
            rest = rest[length..];

            if (length <= Ucs2SegmentLimit && !cluster.SequenceEqual("\r\n"))
            {
                Place(length);
                continue;
            }

            // CR LF, or a cluster too long for any segment: place it code point by code point,
            // never separating the two halves of a surrogate pair.
            for (int i = 0; i < cluster.Length; i++)
            {
                bool pair = char.IsHighSurrogate(cluster[i]) && i + 1 < cluster.Length && char.IsLowSurrogate(cluster[i + 1]);
                Place(pair ? 2 : 1);
                if (pair)
                {
                    i++;
                }
            }
        }

        return new SmsSegmentInfo(SmsEncoding.Ucs2, segments, text.Length);
    }
}
