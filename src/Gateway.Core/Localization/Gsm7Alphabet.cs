using System.Buffers;

namespace Gateway.Core.Localization;

/// <summary>
/// The GSM 03.38 default alphabet: the basic table (one septet a character) and the
/// characters of the extension table, which are sent as ESC + code (two septets).
/// </summary>
internal static class Gsm7Alphabet
{
    /// <summary>The basic table in code order, 0x00–0x7F, without ESC (0x1B).</summary>
    private const string BasicTable =
        "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?" +
        "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

    /// <summary>The extension table characters: form feed, ^ { } \ [ ~ ] | and €.</summary>
    private const string ExtensionTable = "\f^{}\\[~]|€";

    private static readonly SearchValues<char> Basic = SearchValues.Create(BasicTable);
    private static readonly SearchValues<char> Extension = SearchValues.Create(ExtensionTable);
    private static readonly SearchValues<char> All = SearchValues.Create(BasicTable + ExtensionTable);

    /// <summary>True when every character can be sent in GSM-7.</summary>
    public static bool Covers(ReadOnlySpan<char> text) => !text.ContainsAnyExcept(All);

    /// <summary>True for the characters that take an escape pair (two septets).</summary>
    public static bool IsExtension(char c) => Extension.Contains(c);

    /// <summary>True for a character of the basic table (one septet).</summary>
    public static bool IsBasic(char c) => Basic.Contains(c);

    /// <summary>Septets for a text already known to be GSM-7.</summary>
    public static int CountSeptets(ReadOnlySpan<char> text)
    {
        int septets = text.Length;
        int index;
        while ((index = text.IndexOfAny(Extension)) >= 0)
        {
            septets++;
            text = text[(index + 1)..];
        }

        return septets;
    }
}
