namespace Gateway.Infrastructure.Security;

/// <summary>What <see cref="ActionLinks.Check"/> made of a token.</summary>
public enum ActionLinkStatus
{
    /// <summary>Made by this gateway's key, unchanged and not expired.</summary>
    Valid,

    /// <summary>Genuine, but past its expiry.</summary>
    Expired,

    /// <summary>Not a token, changed, or signed with another key.</summary>
    Invalid,
}
