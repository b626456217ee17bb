namespace Gateway.Core.Contacts;

/// <summary>The countries the gateway serves, by ISO 3166 alpha-2 code.</summary>
public static class CountryCodes
{
    /// <summary>Thailand, Cambodia, Lao PDR, Viet Nam, Myanmar.</summary>
    public static readonly IReadOnlyList<string> Known = ["TH", "KH", "LA", "VN", "MM"];

    /// <summary>
    /// Each country's time zone, by IANA name, with its offset from UTC. None of them keeps daylight saving time, so
    /// where the system has no time zone data the fixed offset gives the same clock.
    /// </summary>
    private static readonly Dictionary<string, (string Id, TimeSpan Offset)> Zones = new(StringComparer.Ordinal)
    {
        ["TH"] = ("Asia/Bangkok", TimeSpan.FromHours(7)),
        ["KH"] = ("Asia/Phnom_Penh", TimeSpan.FromHours(7)),
        ["LA"] = ("Asia/Vientiane", TimeSpan.FromHours(7)),
        ["VN"] = ("Asia/Ho_Chi_Minh", TimeSpan.FromHours(7)),
        ["MM"] = ("Asia/Yangon", new TimeSpan(6, 30, 0)),
    };

    private static readonly Dictionary<string, TimeZoneInfo> Resolved = Zones.ToDictionary(z => z.Key, z => Find(z.Value.Id, z.Value.Offset), StringComparer.Ordinal);

    public static bool IsKnown(string? code) => code is not null && Known.Contains(code);

    /// <summary>The time zone of a served country (TH → Asia/Bangkok); UTC for any other or none.</summary>
    public static TimeZoneInfo TimeZone(string? code) =>
        code is not null && Resolved.TryGetValue(code, out var zone) ? zone : TimeZoneInfo.Utc;

    private static TimeZoneInfo Find(string id, TimeSpan offset)
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(id);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone(id, offset, id, id);
        }
    }
}
