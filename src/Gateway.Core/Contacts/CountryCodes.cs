namespace Gateway.Core.Contacts;

/// <summary>The countries the gateway serves, by ISO 3166 alpha-2 code.</summary>
public static class CountryCodes
{
    /// <summary>Thailand, Cambodia, Lao PDR, Viet Nam, Myanmar.</summary>
    public static readonly IReadOnlyList<string> Known = ["TH", "KH", "LA", "VN", "MM"];

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);
}
