using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Channels.Webhooks;

/// <summary>
/// Signatures on the gateway's outbound webhooks. Each request carries the time it was signed
/// (<c>X-Gateway-Timestamp</c>, Unix seconds), the delivery id (<c>X-Gateway-Delivery</c>, the same on every
/// retry of one delivery, so receivers can drop repeats) and <c>X-Gateway-Signature</c>: <c>v1=</c> and the
/// lowercase hex HMAC-SHA256 of <c>{timestamp}.{deliveryId}.{body}</c>, keyed with the target's secret (UTF-8).
/// While a secret rotates the gateway signs with every active secret and sends each as its own <c>v1=</c> value,
/// comma-separated, so a receiver holding either secret accepts the request.
/// </summary>
/// <example>
/// <code>
/// X-Gateway-Timestamp: 1767225600
/// X-Gateway-Delivery: dl-01J9Z3
/// X-Gateway-Signature: v1=5d0b…e4,v1=a91c…07
///
/// WebhookSigner.Verify(timestamp, delivery, signature, rawBody, ["the receiver's secret"], DateTimeOffset.UtcNow)
/// </code>
/// </example>
public static class WebhookSigner
{
    public const string TimestampHeader = "X-Gateway-Timestamp";
    public const string DeliveryHeader = "X-Gateway-Delivery";
    public const string SignatureHeader = "X-Gateway-Signature";

    /// <summary>The scheme prefix of each signature value.</summary>
    public const string Scheme = "v1=";

    /// <summary>How far a timestamp may be from the receiver's clock, either way, unless it says otherwise.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromMinutes(5);

    /// <summary>The lowercase hex HMAC-SHA256 of <c>{timestamp}.{deliveryId}.{body}</c> under one secret.</summary>
    public static string Compute(string secret, long timestamp, string deliveryId, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(deliveryId);
        var prefix = Encoding.UTF8.GetBytes($"{timestamp.ToString(CultureInfo.InvariantCulture)}.{deliveryId}.");
        var signed = new byte[prefix.Length + body.Length];
        prefix.CopyTo(signed, 0);
        body.CopyTo(signed.AsSpan(prefix.Length));
        return Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), signed));
    }

    /// <inheritdoc cref="Compute(string, long, string, ReadOnlySpan{byte})"/>
    public static string Compute(string secret, long timestamp, string deliveryId, string body) =>
        Compute(secret, timestamp, deliveryId, Encoding.UTF8.GetBytes(body));

    /// <summary>
    /// The three headers for one attempt, signed at <paramref name="now"/> with every secret in
    /// <paramref name="secrets"/> (at least one).
    /// </summary>
    public static IReadOnlyList<KeyValuePair<string, string>> Headers(IReadOnlyList<string> secrets, string deliveryId, ReadOnlySpan<byte> body, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (secrets.Count == 0)
        {
            throw new ArgumentException("A webhook target needs at least one secret to sign with.", nameof(secrets));
        }

        var timestamp = now.ToUnixTimeSeconds();
        var signatures = new List<string>(secrets.Count);
        foreach (var secret in secrets)
        {
            signatures.Add(Scheme + Compute(secret, timestamp, deliveryId, body));
        }

        return
        [
            new(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture)),
            new(DeliveryHeader, deliveryId),
            new(SignatureHeader, string.Join(',', signatures)),
        ];
    }

    /// <summary>
    /// What a receiver checks: the timestamp is whole Unix seconds within <paramref name="window"/> (5 minutes by
    /// default) of <paramref name="now"/>, and one of the header's <c>v1=</c> values is the signature under one of
    /// <paramref name="secrets"/> (the receiver's current and, while rotating, previous secret). Signatures are
    /// compared in constant time, and every pair is compared so the time taken tells nothing.
    /// </summary>
    public static bool Verify(string? timestamp, string? deliveryId, string? signature, ReadOnlySpan<byte> body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan? window = null)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        if (string.IsNullOrEmpty(timestamp) || string.IsNullOrEmpty(deliveryId) || string.IsNullOrEmpty(signature)
            || timestamp.Length > 12 || !timestamp.All(char.IsAsciiDigit)
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var age = now - DateTimeOffset.FromUnixTimeSeconds(seconds);
        if (age.Duration() > (window ?? DefaultWindow))
        {
            return false;
        }

        var given = new List<byte[]>();
        foreach (var part in signature.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (part.StartsWith(Scheme, StringComparison.Ordinal))
            {
                given.Add(Encoding.ASCII.GetBytes(part[Scheme.Length..]));
            }
        }

        var matched = false;
        foreach (var secret in secrets)
        {
            if (string.IsNullOrEmpty(secret))
            {
                continue;
            }

            var expected = Encoding.ASCII.GetBytes(Compute(secret, seconds, deliveryId, body));
            foreach (var candidate in given)
            {
                matched |= CryptographicOperations.FixedTimeEquals(expected, candidate);
            }
        }

        return matched;
    }

    /// <inheritdoc cref="Verify(string?, string?, string?, ReadOnlySpan{byte}, IReadOnlyList{string}, DateTimeOffset, TimeSpan?)"/>
    public static bool Verify(string? timestamp, string? deliveryId, string? signature, string body, IReadOnlyList<string> secrets, DateTimeOffset now, TimeSpan? window = null) =>
        Verify(timestamp, deliveryId, signature, Encoding.UTF8.GetBytes(body ?? string.Empty), secrets, now, window);
}
