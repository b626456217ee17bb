using System.Security.Cryptography;
using Gateway.Infrastructure.Security;

namespace Gateway.Infrastructure.Stores;

/// <summary>
/// Records that hold what a person typed (a session's answers and pending replies, a reply given to a provider's
/// retry) are sealed with the data key before they reach Redis, and so its append-only file. A value stored before
/// sealing began is still read: plain JSON starts with '{' and plain text is not valid sealed Base64, so either is
/// taken as it is, and the next save seals it.
/// </summary>
internal static class SealedJson
{
    public static string Write<T>(T value, DataKey key) => key.Seal(StoreJson.Write(value));

    /// <summary>The record, or default when there is none or it was sealed with another key (it is then as good as gone).</summary>
    public static T? Read<T>(string? stored, DataKey key)
    {
        if (string.IsNullOrEmpty(stored))
        {
            return default;
        }

        if (stored[0] == '{')
        {
            return StoreJson.Read<T>(stored);
        }

        return Open(stored, key) is { } json ? StoreJson.Read<T>(json) : default;
    }

    /// <summary>Sealed text opened; plain text written before sealing began comes back as it is.</summary>
    public static string OpenText(string stored, DataKey key) => Open(stored, key) ?? stored;

    private static string? Open(string stored, DataKey key)
    {
        try
        {
            return key.Open(stored);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}
