using PhoneNumbers;

namespace Gateway.Infrastructure.Phones;

/// <summary>A phone number in E.164 form and the country it belongs to (ISO 3166 alpha-2), when known.</summary>
public readonly record struct NormalizedNumber(string E164, string? Country);

/// <summary>
/// Normalises numbers with libphonenumber so one person is one contact whichever channel they use
/// ("+66 81-234-5678", "0066812345678" and "+66812345678" are the same number).
/// </summary>
public static class PhoneNumbers
{
    /// <summary>The countries whose advice and hotlines the gateway knows.</summary>
    public static readonly IReadOnlyList<string> ServedCountries = ["TH", "KH", "LA", "VN", "MM"];

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Parses <paramref name="raw"/>; a number without "+" is read in <paramref name="defaultRegion"/>. Returns null
    /// for text that is not a possible number.
    /// </summary>
    public static NormalizedNumber? Normalize(string raw, string? defaultRegion = null)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        var text = raw.Trim();
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        try
        {
            var number = Util.Parse(text, defaultRegion ?? "ZZ");
            if (!Util.IsPossibleNumber(number))
            {
                return null;
            }

            var region = Util.GetRegionCodeForNumber(number);
            return new NormalizedNumber(Util.Format(number, PhoneNumberFormat.E164), ServedCountries.Contains(region) ? region : null);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }

    /// <summary>
    /// The country (ISO 3166 alpha-2) of an E.164 number, whichever country it is, served or not; null when the
    /// number is not valid in any country (a shared country code such as +44 or +1 is told apart by the number's
    /// pattern) or belongs to none (+800). Outbound messages go only to allowed countries.
    /// </summary>
    public static string? RegionOf(string e164)
    {
        try
        {
            var region = Util.GetRegionCodeForNumber(Util.Parse(e164, "ZZ"));
            return string.IsNullOrEmpty(region) || region is "ZZ" or "001" ? null : region;
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
