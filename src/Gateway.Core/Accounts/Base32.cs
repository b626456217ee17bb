using System.Security.Cryptography;

namespace Gateway.Core.Accounts;

/// <summary>Lowercase RFC 4648 base32 without padding: safe in URLs, keys and file names, and easy to read aloud.</summary>
internal static class Base32
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";

    /// <summary><paramref name="bytes"/> random bytes written in base32 (8 characters for every 5 bytes).</summary>
    public static string Random(int bytes) => Encode(RandomNumberGenerator.GetBytes(bytes));

    public static string Encode(ReadOnlySpan<byte> data)
    {
        var chars = new char[(data.Length * 8 + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars);
    }

    public static bool IsValid(ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            if (!Alphabet.Contains(c, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }
}
