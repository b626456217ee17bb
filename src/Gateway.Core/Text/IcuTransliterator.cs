namespace Gateway.Core.Text;

/// <summary>
/// Converts Burmese between Zawgyi and Unicode with ICU's built-in transliterators
/// (<c>Zawgyi-my</c> and <c>my-Zawgyi</c>, in ICU 58 and later), which .NET does not expose.
/// </summary>
/// <remarks>
/// libicui18n is loaded on first use, whatever its version. Safe to call from any thread: each thread
/// keeps its own ICU transliterators, because one ICU transliterator must not be used concurrently.
/// A host that relies on conversion calls <see cref="IsAvailable"/> at start-up and stops with the reason.
/// <example>
/// <code>
/// if (!IcuTransliterator.IsAvailable(out var reason)) throw new InvalidOperationException(reason);
/// var unicode = IcuTransliterator.ToUnicode("ကယ္ပါ"); // "ကယ်ပါ"
/// </code>
/// </example>
/// </remarks>
public static class IcuTransliterator
{
    /// <summary>ICU's identifier of the Zawgyi to Unicode transliterator.</summary>
    public const string ZawgyiToUnicodeId = "Zawgyi-my";

    /// <summary>ICU's identifier of the Unicode to Zawgyi transliterator.</summary>
    public const string UnicodeToZawgyiId = "my-Zawgyi";

    /// <summary>
    /// Whether ICU and its Zawgyi transliterators can be used; when not, <paramref name="reason"/> is a
    /// sentence for the operator that says what to install.
    /// </summary>
    public static bool IsAvailable(out string? reason) => IcuLibrary.Default.CanOpen(ZawgyiToUnicodeId, out reason);

    /// <summary>
    /// Converts Zawgyi-encoded Burmese to Unicode. Characters that are not Burmese pass through, and so does a
    /// number in Myanmar digits standing alone (ICU alone would read a lone ၄ as the abbreviation ၎).
    /// </summary>
    /// <exception cref="IcuUnavailableException">ICU 58 or later is not installed.</exception>
    public static string ToUnicode(string zawgyi) => IcuLibrary.Default.ZawgyiToUnicode(zawgyi);

    /// <summary>Converts Unicode Burmese to Zawgyi, for contacts whose phones only show Zawgyi.</summary>
    /// <exception cref="IcuUnavailableException">ICU 58 or later is not installed.</exception>
    public static string ToZawgyi(string unicode) => IcuLibrary.Default.Transliterate(UnicodeToZawgyiId, unicode);

    /// <summary>Runs any ICU transliterator by its identifier, for example <c>"Any-Latin"</c>.</summary>
    /// <exception cref="IcuUnavailableException">ICU is not installed or has no such transliterator.</exception>
    public static string Transliterate(string transliteratorId, string text) => IcuLibrary.Default.Transliterate(transliteratorId, text);
}
