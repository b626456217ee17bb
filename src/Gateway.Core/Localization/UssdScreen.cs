namespace Gateway.Core.Localization;

/// <summary>
/// The room on one USSD screen. A USSD string is at most 160 octets: 182 GSM-7 septets, or
/// 80 UCS-2 units as soon as one character is outside GSM-7 (Burmese, Khmer, Lao, Shan,
/// Karen). Operators cut or reject a longer reply, so a flow must page its text instead.
/// </summary>
/// <example>
/// <code>
/// UssdScreen.Fits(new string('a', 182));                    // true
/// UssdScreen.Cost("Reply 1 [yes]", out var encoding);       // 15 septets ([ and ] count 2), Gsm7
/// UssdScreen.Cost("မင်္ဂလာပါ", out encoding);                 // 9 units, Ucs2
/// </code>
/// </example>
public static class UssdScreen
{
    /// <summary>Septets on one screen of GSM-7 text (160 octets × 8 / 7).</summary>
    public const int Gsm7Limit = 182;

    /// <summary>UTF-16 units on one screen of UCS-2 text (160 octets / 2).</summary>
    public const int Ucs2Limit = 80;

    /// <summary>True when <paramref name="text"/> fits one USSD screen.</summary>
    public static bool Fits(string text) => Cost(text, out var encoding) <= Limit(encoding);

    /// <summary>
    /// The size of <paramref name="text"/> on a USSD screen: GSM-7 septets (an extension-table
    /// character such as <c>€</c> or <c>[</c> counts 2) or, when any character is outside GSM-7,
    /// UTF-16 code units.
    /// </summary>
    /// <param name="text">The reply text, without the <c>CON </c> or <c>END </c> prefix.</param>
    /// <param name="encoding">The alphabet the text travels in; compare the cost with <see cref="Limit"/>.</param>
    public static int Cost(string text, out SmsEncoding encoding)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (Gsm7Alphabet.Covers(text))
        {
            encoding = SmsEncoding.Gsm7;
            return Gsm7Alphabet.CountSeptets(text);
        }

        encoding = SmsEncoding.Ucs2;
        return text.Length;
    }

    /// <summary>The room on one screen, in the units of <paramref name="encoding"/>.</summary>
    public static int Limit(SmsEncoding encoding) => encoding switch
    {
        SmsEncoding.Gsm7 => Gsm7Limit,
        SmsEncoding.Ucs2 => Ucs2Limit,
        _ => throw new ArgumentOutOfRangeException(nameof(encoding), encoding, "Unknown SMS encoding."),
    };
}
