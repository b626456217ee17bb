using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// Checks the bearer token a Bot Framework channel sends with every activity: an RS256/384/512 JWT signed with a
/// key from the OpenID metadata, issued by <see cref="Issuer"/> (https://api.botframework.com) for the gateway's
/// app id, within its lifetime give or take five minutes, whose <c>serviceurl</c> claim is the activity's
/// serviceUrl (replies go there with the gateway's own token, so it must be the channel's), and whose key, when it
/// lists endorsements, endorses the activity's channel.
/// </summary>
public sealed class BotTokenValidator(BotOpenIdKeys keys, string appId, string issuer, TimeProvider clock)
{
    /// <summary>The clock difference tolerated between the Bot Framework and the gateway.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512];
    private static readonly JsonWebTokenHandler Handler = new();

    public string AppId { get; } = appId;

    public string Issuer { get; } = issuer;

    /// <summary>
    /// Checks <paramref name="authorization"/> (the whole header, <c>Bearer …</c>) for an activity from
    /// <paramref name="channelId"/> that asks for replies at <paramref name="serviceUrl"/>. Throws
    /// <see cref="BotMetadataException"/> only when the keys cannot be read at all.
    /// </summary>
    public async Task<BotAuthResult> ValidateAsync(string? authorization, string? channelId, string? serviceUrl, CancellationToken cancellationToken)
    {
        if (authorization is null || !authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return BotAuthResult.Refused("No bearer token.");
        }

        var raw = authorization["Bearer ".Length..].Trim();
        JsonWebToken token;
        try
        {
            token = new JsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return BotAuthResult.Refused("The bearer token is not a JWT.");
        }

        if (!Algorithms.Contains(token.Alg, StringComparer.Ordinal))
        {
            return BotAuthResult.Refused($"Tokens signed with '{token.Alg}' are not accepted (RS256, RS384 or RS512 only).");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return BotAuthResult.Refused("The token names no signing key (kid).");
        }

        var key = await keys.FindAsync(token.Kid, cancellationToken);
        if (key is null)
        {
            return BotAuthResult.Refused("The token is signed with a key the Bot Framework does not publish.");
        }

        var result = await Handler.ValidateTokenAsync(token, new TokenValidationParameters
        {
            IssuerSigningKey = key.Key,
            ValidAlgorithms = Algorithms,
            ValidIssuer = Issuer,
            ValidAudience = AppId,
            RequireSignedTokens = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = false,
            // The lifetime is checked below against the gateway's clock.
            ValidateLifetime = false,
            RequireExpirationTime = false,
        });
        if (!result.IsValid)
        {
            return BotAuthResult.Refused(result.Exception switch
            {
                SecurityTokenInvalidIssuerException => "The token was not issued by the Bot Framework.",
                SecurityTokenInvalidAudienceException => "The token is not meant for this bot (audience).",
                SecurityTokenInvalidAlgorithmException => "The token's signing algorithm is not accepted.",
                SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature does not verify.",
                _ => "The token is not valid.",
            });
        }

        var now = clock.GetUtcNow();
        if (!token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Exp, out var expires))
        {
            return BotAuthResult.Refused("The token has no expiry.");
        }

        if (now > DateTimeOffset.FromUnixTimeSeconds(expires) + ClockSkew)
        {
            return BotAuthResult.Refused("The token has expired.");
        }

        if (token.TryGetPayloadValue<long>(JwtRegisteredClaimNames.Nbf, out var notBefore) && now + ClockSkew < DateTimeOffset.FromUnixTimeSeconds(notBefore))
        {
            return BotAuthResult.Refused("The token is not valid yet.");
        }

        if (!token.TryGetPayloadValue<string>("serviceurl", out var claimedServiceUrl) || string.IsNullOrEmpty(claimedServiceUrl))
        {
            return BotAuthResult.Refused("The token has no serviceurl claim.");
        }

        if (!string.Equals(claimedServiceUrl, serviceUrl, StringComparison.Ordinal))
        {
            return BotAuthResult.Refused("The token's serviceurl claim is not the activity's serviceUrl.");
        }

        if (key.Endorsements.Count > 0 && (string.IsNullOrEmpty(channelId) || !key.Endorsements.Contains(channelId, StringComparer.Ordinal)))
        {
            return BotAuthResult.Refused("The token's signing key does not endorse the activity's channel.");
        }

        return BotAuthResult.Valid;
    }
}
