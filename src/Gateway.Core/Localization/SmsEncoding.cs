namespace Gateway.Core.Localization;

/// <summary>
/// The two alphabets an SMS (and a USSD string) can travel in. The choice decides how many
/// characters fit: GSM-7 packs a character into 7 bits, UCS-2 needs 16 bits per UTF-16 unit,
/// so one Burmese letter in a message more than halves its room.
/// </summary>
public enum SmsEncoding
{
    /// <summary>The GSM 03.38 default alphabet and its extension table, 7 bits a septet.</summary>
    Gsm7,

    /// <summary>UTF-16 code units, 16 bits each; used as soon as one character is outside GSM-7.</summary>
    Ucs2,
}
