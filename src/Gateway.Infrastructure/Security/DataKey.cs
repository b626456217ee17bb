using System.Security.Cryptography;
using System.Text;

namespace Gateway.Infrastructure.Security;

/// <summary>
/// The gateway's one secret for personal data: contact ids are HMAC-SHA256 of the normalised number, and numbers
/// or free text that must be kept are sealed with AES-GCM, and responders' action links are signed with
/// HMAC-SHA256. Each use has its own sub-key (HKDF, one purpose string each) so that no use can help attack
/// another. The key never reaches a log.
/// </summary>
public sealed class DataKey
{
    private const int NonceSize = 12;
    private const int TagSize = 16;
    private readonly byte[] _hmacKey;
    private readonly byte[] _aesKey;
    private readonly byte[] _linkKey;
    private readonly byte[] _tagKey;

    public DataKey(ReadOnlySpan<byte> key)
    {
        if (key.Length < 32)
        {
            throw new ArgumentException("Gateway:DataKey must be at least 32 bytes, written as Base64 (e.g. the output of `openssl rand -base64 32`).", nameof(key));
        }

        _hmacKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: Encoding.ASCII.GetBytes("gateway contact id"));
        _aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: Encoding.ASCII.GetBytes("gateway sealed data"));
        _linkKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: Encoding.ASCII.GetBytes("gateway action links"));
        _tagKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, key.ToArray(), 32, info: Encoding.ASCII.GetBytes("gateway tags"));
    }

    /// <summary>True when the key was generated at start-up (embedded mode): ids and sealed data die with the process.</summary>
    public bool IsEphemeral { get; private init; }

    public static DataKey Generate() => new(RandomNumberGenerator.GetBytes(32)) { IsEphemeral = true };

    /// <summary>Reads a Base64 key; the message never repeats the value.</summary>
    public static DataKey FromBase64(string text)
    {
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            throw new ArgumentException("Gateway:DataKey is not valid Base64; generate one with `openssl rand -base64 32`.", nameof(text));
        }

        return new DataKey(bytes);
    }

    /// <summary>A stable id for an address (E.164 number, or "chat:&lt;id&gt;"), safe to log and to use as a key.</summary>
    public string ContactId(string normalizedAddress)
    {
        var hash = HMACSHA256.HashData(_hmacKey, Encoding.UTF8.GetBytes(normalizedAddress));
        return Base64Url(hash.AsSpan(0, 16));
    }

    /// <summary>
    /// A keyed hash (HMAC-SHA256, with a sub-key of its own) of a short secret such as a six-digit verification code,
    /// bound to <paramref name="context"/> (e.g. the account and number it was sent for). Unlike a plain hash it
    /// cannot be reversed by trying every code without the data key.
    /// </summary>
    public string Tag(string context, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(value);
        var hash = HMACSHA256.HashData(_tagKey, Encoding.UTF8.GetBytes(context + "\n" + value));
        return Base64Url(hash);
    }

    public string Seal(string plainText)
    {
        var plain = Encoding.UTF8.GetBytes(plainText);
        var output = new byte[NonceSize + plain.Length + TagSize];
        var nonce = output.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_aesKey, TagSize);
        aes.Encrypt(nonce, plain, output.AsSpan(NonceSize, plain.Length), output.AsSpan(NonceSize + plain.Length, TagSize));
        return Convert.ToBase64String(output);
    }

    /// <summary>Opens sealed text; throws <see cref="CryptographicException"/> when it was sealed with another key or changed.</summary>
    public string Open(string sealedText)
    {
        var data = Convert.FromBase64String(sealedText);
        if (data.Length < NonceSize + TagSize)
        {
            throw new CryptographicException("The sealed value is too short to be one.");
        }

        var plain = new byte[data.Length - NonceSize - TagSize];
        using var aes = new AesGcm(_aesKey, TagSize);
        aes.Decrypt(data.AsSpan(0, NonceSize), data.AsSpan(NonceSize, plain.Length), data.AsSpan(NonceSize + plain.Length), plain);
        return Encoding.UTF8.GetString(plain);
    }

    /// <summary>HMAC-SHA256 of an action link's payload under the action-link sub-key (see <see cref="ActionLinks"/>).</summary>
    internal byte[] ActionLinkTag(ReadOnlySpan<byte> payload) => HMACSHA256.HashData(_linkKey, payload);

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
