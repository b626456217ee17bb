using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// The Bot Framework's signing keys, read from its OpenID metadata document (<c>jwks_uri</c>) and kept for
/// <see cref="RefreshInterval"/>. A token signed with a key the gateway does not know yet makes it read the keys
/// again (the Bot Framework publishes new keys before it uses them), but at most once per
/// <see cref="MinimumRefreshInterval"/>, so tokens with made-up key ids cannot make the gateway fetch on every
/// request. Safe for concurrent use.
/// </summary>
/// <example>
/// Metadata: <c>{"issuer":"https://api.botframework.com","jwks_uri":"https://login.botframework.com/v1/.well-known/keys"}</c>;
/// keys: <c>{"keys":[{"kty":"RSA","kid":"abc","n":"…","e":"AQAB","endorsements":["msteams","webchat"]}]}</c>.
/// </example>
public sealed class BotOpenIdKeys(HttpClient http, Uri metadataUrl, TimeProvider clock) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private IReadOnlyDictionary<string, BotSigningKey>? _keys;
    private DateTimeOffset _fetchedAt = DateTimeOffset.MinValue;

    public Uri MetadataUrl { get; } = metadataUrl;

    /// <summary>How long keys are used before they are read again.</summary>
    public TimeSpan RefreshInterval { get; init; } = TimeSpan.FromHours(24);

    /// <summary>The least time between two reads caused by an unknown key id.</summary>
    public TimeSpan MinimumRefreshInterval { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times the keys were read (for operators and tests).</summary>
    public int Fetches { get; private set; }

    /// <summary>
    /// The key with id <paramref name="keyId"/>, or null when the Bot Framework does not publish one. Throws
    /// <see cref="BotMetadataException"/> when the keys cannot be read and none are known yet.
    /// </summary>
    public async Task<BotSigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyId);
        var keys = _keys;
        var now = clock.GetUtcNow();
        if (keys is not null && now - _fetchedAt < RefreshInterval && keys.TryGetValue(keyId, out var known))
        {
            return known;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            now = clock.GetUtcNow();
            var stale = _keys is null || now - _fetchedAt >= RefreshInterval;
            var unknown = _keys is null || !_keys.ContainsKey(keyId);
            if (stale || (unknown && now - _fetchedAt >= MinimumRefreshInterval))
            {
                try
                {
                    _keys = await FetchAsync(cancellationToken);
                    _fetchedAt = now;
                }
                catch (BotMetadataException) when (_keys is not null)
                {
                    // Keep the keys we have; a short outage of the metadata must not refuse every message.
                    _fetchedAt = now - RefreshInterval + MinimumRefreshInterval;
                }
            }

            return _keys!.GetValueOrDefault(keyId);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<IReadOnlyDictionary<string, BotSigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        Fetches++;
        using var metadata = await GetJsonAsync(MetadataUrl, cancellationToken);
        if (!metadata.RootElement.TryGetProperty("jwks_uri", out var jwksUri) || jwksUri.ValueKind != JsonValueKind.String
            || !Uri.TryCreate(jwksUri.GetString(), UriKind.Absolute, out var keysUrl))
        {
            throw new BotMetadataException($"The OpenID metadata at {MetadataUrl} has no jwks_uri.");
        }

        using var document = await GetJsonAsync(keysUrl, cancellationToken);
        if (!document.RootElement.TryGetProperty("keys", out var keys) || keys.ValueKind != JsonValueKind.Array)
        {
            throw new BotMetadataException($"The key set at {keysUrl} has no keys array.");
        }

        var found = new Dictionary<string, BotSigningKey>(StringComparer.Ordinal);
        foreach (var key in keys.EnumerateArray())
        {
            if (ReadRsaKey(key) is { } signingKey)
            {
                found[signingKey.KeyId] = signingKey;
            }
        }

        return found;
    }

    private async Task<JsonDocument> GetJsonAsync(Uri url, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new BotMetadataException($"{url} answered {(int)response.StatusCode}.");
            }

            var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            return JsonDocument.Parse(body);
        }
        catch (HttpRequestException e)
        {
            throw new BotMetadataException($"{url} cannot be reached: {e.Message}", e);
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new BotMetadataException($"{url} did not answer in time.", e);
        }
        catch (JsonException e)
        {
            throw new BotMetadataException($"{url} did not answer with JSON: {e.Message}", e);
        }
    }

    private static BotSigningKey? ReadRsaKey(JsonElement key)
    {
        if (key.ValueKind != JsonValueKind.Object
            || Text(key, "kty") != "RSA"
            || Text(key, "kid") is not { Length: > 0 } kid
            || Text(key, "n") is not { Length: > 0 } n
            || Text(key, "e") is not { Length: > 0 } e
            || Text(key, "use") is { } use && use != "sig")
        {
            return null;
        }

        byte[] modulus, exponent;
        try
        {
            modulus = Base64Url.DecodeFromChars(n);
            exponent = Base64Url.DecodeFromChars(e);
        }
        catch (FormatException)
        {
            return null;
        }

        var endorsements = key.TryGetProperty("endorsements", out var list) && list.ValueKind == JsonValueKind.Array
            ? list.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).ToArray()
            : [];
        var securityKey = new RsaSecurityKey(new RSAParameters { Modulus = modulus, Exponent = exponent }) { KeyId = kid };
        return new BotSigningKey(kid, securityKey, endorsements);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
