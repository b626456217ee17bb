using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Infrastructure.Security;

/// <summary>
/// Signed links that let a paged responder see a report and acknowledge it without signing in:
/// <c>{PublicBaseUrl}/a/{token}</c>, where a GET shows the summary and only a POST acts. A token is bound to one
/// report, level and target, expires, and is single-use through <see cref="Core.Cases.IUsedLinkStore"/>.
/// </summary>
/// <remarks>
/// Token: base64url (no padding) of
/// <c>version (1 byte, 1) | expires (int64 big-endian, Unix seconds) | token id (12 random bytes) |
/// reference, level, target (each 1 length byte + UTF-8) | tag</c>, where the tag is the first 16 bytes of
/// HMAC-SHA256 over everything before it, keyed with the "gateway action links" sub-key of the
/// <see cref="DataKey"/>. About 90 characters for a typical link: short enough for an SMS page. The payload is
/// signed, not encrypted: it names the reference, the level and the target id, nothing about the person.
/// </remarks>
/// <example>
/// <code>
/// var token = links.Create("K7M2QXH", "ngo", "hrdf-mae-sot", now.AddHours(24));
/// var url = ActionLinks.Url(publicBaseUrl, token);   // https://gateway.example.org/a/AQAAAABp…
/// if (links.Verify(token, now) is { } claim &amp;&amp; await used.TryUseAsync(claim.TokenId, claim.Expires)) { /* acknowledge */ }
/// </code>
/// </example>
public sealed class ActionLinks(DataKey key)
{
    /// <summary>The path segment links are served under: <c>/a/{token}</c>.</summary>
    public const string PathPrefix = "/a/";

    private const byte Version = 1;
    private const int TokenIdBytes = 12;
    private const int TagBytes = 16;
    private const int HeaderBytes = 1 + 8 + TokenIdBytes;
    private const int MaxTokenLength = 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>
    /// A new token for <paramref name="targetId"/> to act on <paramref name="reference"/> at
    /// <paramref name="level"/> until <paramref name="expires"/>. Each call makes a different token.
    /// </summary>
    public string Create(string reference, string level, string targetId, DateTimeOffset expires)
    {
        var fields = new[] { Field(reference, nameof(reference)), Field(level, nameof(level)), Field(targetId, nameof(targetId)) };
        var payload = new byte[HeaderBytes + fields.Sum(f => 1 + f.Length)];
        payload[0] = Version;
        BinaryPrimitives.WriteInt64BigEndian(payload.AsSpan(1, 8), expires.ToUnixTimeSeconds());
        RandomNumberGenerator.Fill(payload.AsSpan(9, TokenIdBytes));
        var at = HeaderBytes;
        foreach (var field in fields)
        {
            payload[at++] = (byte)field.Length;
            field.CopyTo(payload, at);
            at += field.Length;
        }

        var token = new byte[payload.Length + TagBytes];
        payload.CopyTo(token, 0);
        key.ActionLinkTag(payload).AsSpan(0, TagBytes).CopyTo(token.AsSpan(payload.Length));
        return Base64Url(token);
    }

    /// <summary>The claim of a genuine, unexpired token; null for anything forged, changed or expired.</summary>
    public ActionLinkClaim? Verify(string? token, DateTimeOffset now) =>
        Check(token, now, out var claim) == ActionLinkStatus.Valid ? claim : null;

    /// <summary>
    /// Like <see cref="Verify"/>, but tells an expired link from a forged one, so the page can say which; the claim
    /// of an expired link is given too (it is genuine), never that of an invalid one.
    /// </summary>
    public ActionLinkStatus Check(string? token, DateTimeOffset now, out ActionLinkClaim? claim)
    {
        claim = null;
        if (string.IsNullOrEmpty(token) || token.Length > MaxTokenLength || FromBase64Url(token) is not { Length: > HeaderBytes + TagBytes } bytes)
        {
            return ActionLinkStatus.Invalid;
        }

        var payload = bytes.AsSpan(0, bytes.Length - TagBytes);
        var expected = key.ActionLinkTag(payload).AsSpan(0, TagBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(payload.Length)) || payload[0] != Version)
        {
            return ActionLinkStatus.Invalid;
        }

        var seconds = BinaryPrimitives.ReadInt64BigEndian(payload.Slice(1, 8));
        var tokenId = Base64Url(payload.Slice(9, TokenIdBytes));
        var at = HeaderBytes;
        var fields = new string[3];
        for (var i = 0; i < fields.Length; i++)
        {
            if (at >= payload.Length || at + 1 + payload[at] > payload.Length)
            {
                return ActionLinkStatus.Invalid;
            }

            try
            {
                fields[i] = StrictUtf8.GetString(payload.Slice(at + 1, payload[at]));
            }
            catch (DecoderFallbackException)
            {
                return ActionLinkStatus.Invalid;
            }

            at += 1 + payload[at];
        }

        if (at != payload.Length || seconds < 0 || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return ActionLinkStatus.Invalid;
        }

        var expires = DateTimeOffset.FromUnixTimeSeconds(seconds);
        claim = new ActionLinkClaim(fields[0], fields[1], fields[2], expires, tokenId);
        return now < expires ? ActionLinkStatus.Valid : ActionLinkStatus.Expired;
    }

    /// <summary><c>{publicBaseUrl}/a/{token}</c>; a path in the base URL is kept.</summary>
    public static Uri Url(Uri publicBaseUrl, string token)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        ArgumentException.ThrowIfNullOrEmpty(token);
        return new Uri(publicBaseUrl.GetLeftPart(UriPartial.Path).TrimEnd('/') + PathPrefix + token);
    }

    private static byte[] Field(string value, string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(value, name);
        var bytes = StrictUtf8.GetBytes(value);
        return bytes.Length <= byte.MaxValue
            ? bytes
            : throw new ArgumentException($"An action link's {name} must be at most {byte.MaxValue} bytes of UTF-8.", name);
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[]? FromBase64Url(string text)
    {
        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            {
                return null;
            }
        }

        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += (padded.Length % 4) switch { 2 => "==", 3 => "=", 0 => string.Empty, _ => null };
        if (padded.Length % 4 != 0)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(padded);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
