using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace Gateway.Web.Ussd;

/// <summary>
/// Who may call the USSD endpoints: a caller with the shared secret, from an allowed network, or both when both
/// are configured; with neither, only loopback (the embedded default). The address is the connection's, which
/// ASP.NET's forwarded-headers middleware rewrites when it is turned on (ASPNETCORE_FORWARDEDHEADERS_ENABLED).
/// </summary>
public sealed class UssdGuard
{
    private readonly UssdOptions _options;
    private readonly byte[]? _secretHash;
    private readonly IReadOnlyList<IPNetwork> _networks;

    public UssdGuard(UssdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _secretHash = options.HasSecret ? SHA256.HashData(Encoding.UTF8.GetBytes(options.SharedSecret!)) : null;
        _networks = ParseNetworks(options.AllowedNetworks);
    }

    /// <summary>Reads "10.0.0.0/8, 2001:db8::/32"; throws with a sentence for the operator on a malformed entry.</summary>
    public static IReadOnlyList<IPNetwork> ParseNetworks(string? text)
    {
        var networks = new List<IPNetwork>();
        foreach (var part in (text ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (IPNetwork.TryParse(part, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(part, out var address))
            {
                networks.Add(new IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException($"Ussd:AllowedNetworks has \"{part}\", which is not an address or a network such as 196.201.214.0/24.");
            }
        }

        return networks;
    }

    /// <summary>True when the request may be served; otherwise <paramref name="reason"/> says why, for the 403.</summary>
    public bool Allows(HttpContext http, out string? reason)
    {
        ArgumentNullException.ThrowIfNull(http);
        reason = null;
        var remote = http.Connection.RemoteIpAddress;
        if (remote is { IsIPv4MappedToIPv6: true })
        {
            remote = remote.MapToIPv4();
        }

        if (_secretHash is null && _networks.Count == 0)
        {
            if (remote is null || IPAddress.IsLoopback(remote))
            {
                return true;
            }

            reason = "Neither Ussd:SharedSecret nor Ussd:AllowedNetworks is set, so only this machine may call.";
            return false;
        }

        if (_networks.Count > 0 && (remote is null || !_networks.Any(n => n.Contains(remote))))
        {
            reason = "The caller's address is not in Ussd:AllowedNetworks.";
            return false;
        }

        if (_secretHash is not null)
        {
            var given = http.Request.Query[_options.SecretQuery].ToString();
            if (given.Length == 0)
            {
                given = http.Request.Headers[_options.SecretHeader].ToString();
            }

            // Hashing first makes the comparison take the same time whatever the length of what was sent.
            if (given.Length == 0 || !CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _secretHash))
            {
                reason = "The USSD key is missing or wrong.";
                return false;
            }
        }

        return true;
    }
}
