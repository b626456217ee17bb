using System.Security.Cryptography;
using System.Text;

namespace Gateway.Core.Accounts;

/// <summary>A new API key: <see cref="Key"/> is shown once; only <see cref="KeyId"/> and <see cref="Hash"/> are kept.</summary>
public sealed record NewApiKey(string Key, string KeyId, string Hash)
{
    /// <summary>Never the key: a key must not end up in a log by way of a record's ToString.</summary>
    public override string ToString() => $"API key {KeyId}";
}

/// <summary>An API key read from a request: the id it is found by, and the secret that proves it.</summary>
public readonly record struct ParsedApiKey(string KeyId, string Secret)
{
    /// <summary>Never the secret.</summary>
    public override string ToString() => $"API key {KeyId}";
}

/// <summary>
/// API keys of the form <c>gw_&lt;keyId&gt;_&lt;secret&gt;</c>, for example
/// <c>gw_k3v9q2mx_ab4de7fghj2klmn5pqrs3tuvw6xyzab7c</c>: "gw_", an 8-character key id (40 random bits, lowercase
/// base32) by which the account is found, "_", and a 32-character secret (160 random bits, lowercase base32).
/// The gateway stores the key id and the SHA-256 of the secret, and compares hashes in constant time; the whole key
/// is shown once, when it is made. The secret is too long to guess, so a plain hash (not a slow one) is enough, and
/// a wrong key never locks an account out. Logs name a key by its id only.
/// </summary>
public static class ApiKeys
{
    public const string Prefix = "gw_";
    public const int KeyIdLength = 8;
    public const int SecretLength = 32;

    /// <summary>Length of a whole key: "gw_", the key id, "_" and the secret.</summary>
    public const int Length = 3 + KeyIdLength + 1 + SecretLength;

    /// <summary>Makes a key from fresh random bytes.</summary>
    public static NewApiKey New()
    {
        var keyId = Base32.Random(5);
        var secret = Base32.Random(20);
        return new NewApiKey($"{Prefix}{keyId}_{secret}", keyId, Hash(secret));
    }

    /// <summary>Reads a key; false for anything that is not one in form (nothing is looked up here).</summary>
    public static bool TryParse(string? text, out ParsedApiKey key)
    {
        key = default;
        var span = text.AsSpan().Trim();
        if (span.Length != Length || !span.StartsWith(Prefix, StringComparison.Ordinal) || span[3 + KeyIdLength] != '_')
        {
            return false;
        }

        var keyId = span.Slice(3, KeyIdLength);
        var secret = span[(3 + KeyIdLength + 1)..];
        if (!Base32.IsValid(keyId) || !Base32.IsValid(secret))
        {
            return false;
        }

        key = new ParsedApiKey(keyId.ToString(), secret.ToString());
        return true;
    }

    /// <summary>The stored form of a secret: its SHA-256, in Base64.</summary>
    public static string Hash(string secret) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.ASCII.GetBytes(secret)));

    /// <summary>True when <paramref name="key"/>'s secret hashes to <paramref name="storedHash"/>; compares in constant time.</summary>
    public static bool Verify(ParsedApiKey key, string storedHash)
    {
        ArgumentNullException.ThrowIfNull(storedHash);
        var expected = Encoding.ASCII.GetBytes(storedHash);
        var actual = Encoding.ASCII.GetBytes(Hash(key.Secret ?? string.Empty));
        return CryptographicOperations.FixedTimeEquals(expected, actual);
    }
}
