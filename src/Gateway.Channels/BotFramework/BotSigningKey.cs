using Microsoft.IdentityModel.Tokens;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// A key the Bot Framework signs channel tokens with. <see cref="Endorsements"/> lists the channels the key may speak
/// for; a key that has endorsements verifies only activities from one of those channels.
/// </summary>
public sealed record BotSigningKey(string KeyId, SecurityKey Key, IReadOnlyList<string> Endorsements);
