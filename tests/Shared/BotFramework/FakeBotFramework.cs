using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Tests.Support;

/// <summary>
/// The Bot Framework's side of a channel token, on a local WireMock server: an OpenID metadata document, the key set
/// it points to (keys made here, with endorsements where asked), and tokens signed like the channels sign them.
/// </summary>
public sealed class FakeBotFramework : IDisposable
{
    public const string Issuer = "https://api.botframework.com";
    public const string MetadataPath = "/v1/.well-known/openidconfiguration";
    public const string KeysPath = "/v1/.well-known/keys";

    public FakeBotFramework()
    {
        Server = WireMockServer.Start();
        Key = NewKey("key-1");
        Server.Given(Request.Create().WithPath(MetadataPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json")
                .WithBody(JsonSerializer.Serialize(new { issuer = Issuer, jwks_uri = Server.Url + KeysPath, id_token_signing_alg_values_supported = new[] { "RS256" } })));
        Publish(Key);
    }

    public WireMockServer Server { get; }

    public string MetadataUrl => Server.Url + MetadataPath;

    /// <summary>The key published at start, without endorsements.</summary>
    public SigningKey Key { get; }

    /// <summary>How many times the key set was read.</summary>
    public int KeyFetches => Server.LogEntries.Count(e => e.RequestMessage.Path == KeysPath);

    // Key pairs by key id, made once per test run: a 2048-bit key takes a while on a busy machine.
    private static readonly ConcurrentDictionary<string, RSA> Keys = new(StringComparer.Ordinal);

    /// <summary>A key pair for <paramref name="keyId"/> (the same pair for the same id throughout the run).</summary>
    public static SigningKey NewKey(string keyId, params string[] endorsements) =>
        new(keyId, Keys.GetOrAdd(keyId, _ => RSA.Create(2048)), endorsements);

    /// <summary>Publishes exactly these keys from now on (a key rollover).</summary>
    public void Publish(params SigningKey[] keys)
    {
        var set = new
        {
            keys = keys.Select(k =>
            {
                var p = k.Rsa.ExportParameters(false);
                return new Dictionary<string, object>
                {
                    ["kty"] = "RSA",
                    ["use"] = "sig",
                    ["kid"] = k.KeyId,
                    ["n"] = Base64UrlEncoder.Encode(p.Modulus),
                    ["e"] = Base64UrlEncoder.Encode(p.Exponent),
                    ["endorsements"] = k.Endorsements,
                };
            }),
        };
        Server.Given(Request.Create().WithPath(KeysPath).UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(set)));
    }

    /// <summary>A channel token for <paramref name="appId"/> naming <paramref name="serviceUrl"/>, valid around <paramref name="now"/> unless told otherwise.</summary>
    public string Mint(
        string appId,
        string serviceUrl,
        DateTimeOffset now,
        SigningKey? key = null,
        string issuer = Issuer,
        TimeSpan? expiresIn = null,
        string algorithm = SecurityAlgorithms.RsaSha256)
    {
        var signer = key ?? Key;
        var expires = now + (expiresIn ?? TimeSpan.FromMinutes(60));
        var notBefore = (expires < now ? expires : now) - TimeSpan.FromMinutes(5);
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer,
            Audience = appId,
            IssuedAt = notBefore.UtcDateTime,
            NotBefore = notBefore.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(signer.Rsa) { KeyId = signer.KeyId }, algorithm),
        });
    }

    /// <summary>A token signed with a shared secret (HS256) instead of a published RSA key.</summary>
    public static string MintHmac(string appId, string serviceUrl, DateTimeOffset now, string keyId) =>
        new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = appId,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + TimeSpan.FromHours(1)).UtcDateTime,
            Claims = new Dictionary<string, object> { ["serviceurl"] = serviceUrl },
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(RandomNumberGenerator.GetBytes(32)) { KeyId = keyId }, SecurityAlgorithms.HmacSha256),
        });

    /// <summary>An unsigned token (<c>alg: none</c>) with the right claims.</summary>
    public static string MintUnsigned(string appId, string serviceUrl, DateTimeOffset now, string keyId)
    {
        var header = JsonSerializer.Serialize(new { alg = "none", typ = "JWT", kid = keyId });
        var payload = JsonSerializer.Serialize(new { iss = Issuer, aud = appId, serviceurl = serviceUrl, nbf = now.ToUnixTimeSeconds(), exp = now.AddHours(1).ToUnixTimeSeconds() });
        return $"{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(header))}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.";
    }

    public void Dispose()
    {
        Server.Stop();
        Server.Dispose();
    }

    /// <summary>An RSA signing key with its id and the channels it endorses.</summary>
    public sealed record SigningKey(string KeyId, RSA Rsa, string[] Endorsements);
}
