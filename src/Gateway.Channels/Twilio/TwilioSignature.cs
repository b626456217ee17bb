using System.Security.Cryptography;
using System.Text;

namespace Gateway.Channels.Twilio;

/// <summary>
/// The X-Twilio-Signature of a webhook: HMAC-SHA1, keyed with the auth token, over the URL Twilio called followed
/// by every form parameter as name+value, names sorted ordinally and a repeated name's distinct values sorted too.
/// Twilio's own libraries accept the URL with its port removed or with the scheme's default port added; so does this.
/// </summary>
/// <example>
/// <code>
/// TwilioSignature.IsValid("https://gw.example.org/sms/twilio", form, authToken, request.Headers["X-Twilio-Signature"]);
/// </code>
/// </example>
public static class TwilioSignature
{
    public const string Header = "X-Twilio-Signature";

    /// <summary>The signature Twilio sends for exactly this URL, form and token.</summary>
    public static string Compute(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken) =>
        Sign(url, SignedParameters(form), Encoding.UTF8.GetBytes(authToken));

    /// <summary>True when <paramref name="signature"/> matches the URL (or its port variant), the form and the token.</summary>
    public static bool IsValid(string url, IEnumerable<KeyValuePair<string, string>> form, string authToken, string? signature)
    {
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(authToken))
        {
            return false;
        }

        // The parameters are sorted and joined once; only the URL differs between the variants.
        var parameters = SignedParameters(form);
        var key = Encoding.UTF8.GetBytes(authToken);
        var matched = false;
        foreach (var candidate in UrlVariants(url))
        {
            // Every variant is compared, so the time taken does not tell which one matched.
            matched |= FixedTimeEquals(Sign(candidate, parameters, key), signature);
        }

        return matched;
    }

    /// <summary>
    /// A JSON webhook: the URL carries bodySHA256 (lowercase hex SHA-256 of the raw body), the signature covers
    /// the URL alone, and the hash must match the body.
    /// </summary>
    public static bool IsValidJson(string url, ReadOnlySpan<byte> body, string authToken, string? signature)
    {
        var query = url.IndexOf('?', StringComparison.Ordinal);
        string? claimed = null;
        if (query >= 0)
        {
            foreach (var pair in url[(query + 1)..].Split('&'))
            {
                if (pair.StartsWith("bodySHA256=", StringComparison.Ordinal))
                {
                    claimed = pair["bodySHA256=".Length..];
                }
            }
        }

        if (claimed is null || !IsValid(url, [], authToken, signature))
        {
            return false;
        }

        var actual = Convert.ToHexStringLower(SHA256.HashData(body));
        return FixedTimeEquals(actual, claimed);
    }

    /// <summary>The URL as given, and with its port removed or the scheme's default port added.</summary>
    internal static IEnumerable<string> UrlVariants(string url)
    {
        yield return url;
        var schemeEnd = url.IndexOf("://", StringComparison.Ordinal);
        if (schemeEnd < 0)
        {
            yield break;
        }

        var scheme = url[..schemeEnd].ToLowerInvariant();
        var authorityStart = schemeEnd + 3;
        var authorityEnd = url.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = url.Length;
        }

        var authority = url[authorityStart..authorityEnd];
        var hostStart = authority.LastIndexOf('@') + 1;
        var colon = authority.LastIndexOf(':');
        var hasPort = colon > hostStart && colon > authority.LastIndexOf(']') && authority[(colon + 1)..].All(char.IsAsciiDigit) && colon < authority.Length - 1;
        if (hasPort)
        {
            yield return string.Concat(url.AsSpan(0, authorityStart), authority.AsSpan(0, colon), url.AsSpan(authorityEnd));
        }
        else if (scheme is "https" or "http")
        {
            var port = scheme == "https" ? ":443" : ":80";
            yield return string.Concat(url.AsSpan(0, authorityEnd), port, url.AsSpan(authorityEnd));
        }
    }

    /// <summary>
    /// Every parameter as name+value, in ordinal order of name and then of value, a value repeated under one name
    /// taken once: what Twilio appends to the URL before signing.
    /// </summary>
    private static string SignedParameters(IEnumerable<KeyValuePair<string, string>> form)
    {
        var pairs = form.ToArray();
        Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key) is var byName and not 0 ? byName : string.CompareOrdinal(a.Value, b.Value));
        var text = new StringBuilder();
        for (var i = 0; i < pairs.Length; i++)
        {
            if (i > 0 && string.Equals(pairs[i].Key, pairs[i - 1].Key, StringComparison.Ordinal) && string.Equals(pairs[i].Value, pairs[i - 1].Value, StringComparison.Ordinal))
            {
                continue;
            }

            text.Append(pairs[i].Key).Append(pairs[i].Value);
        }

        return text.ToString();
    }

    // Twilio defines the signature as HMAC-SHA1; the gateway cannot choose another algorithm.
#pragma warning disable CA5350
    private static string Sign(string url, string parameters, byte[] key)
    {
        var text = Encoding.UTF8.GetBytes(string.Concat(url, parameters));
        return Convert.ToBase64String(HMACSHA1.HashData(key, text));
    }
#pragma warning restore CA5350

    private static bool FixedTimeEquals(string expected, string actual) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(actual));
}
