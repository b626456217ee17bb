namespace Gateway.Core.Cases;

/// <summary>
/// Remembers which signed action links have acted, so that each acts once: a link forwarded, replayed or pressed
/// twice does nothing the second time. Entries are kept until a little after the link's own expiry, when the
/// link is refused anyway.
/// </summary>
public interface IUsedLinkStore
{
    /// <summary>How long a used link is remembered after it expires, for processes whose clocks differ.</summary>
    static readonly TimeSpan DefaultGrace = TimeSpan.FromMinutes(5);

    /// <summary>
    /// True for the first caller with <paramref name="tokenId"/>, whichever process it runs in; false for every
    /// later one until the entry lapses after <paramref name="expires"/>.
    /// </summary>
    Task<bool> TryUseAsync(string tokenId, DateTimeOffset expires, CancellationToken cancellationToken = default);
}
