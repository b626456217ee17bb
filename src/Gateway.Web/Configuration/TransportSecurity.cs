using System.Net;
using Gateway.Web.OperatorConsole;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Configuration;

/// <summary>
/// The gateway behind its TLS proxy (the documented deployment): when <c>Gateway__PublicBaseUrl</c> is https, every
/// cookie the gateway sets (the console's sign-in and antiforgery cookies) is marked Secure and every answer carries
/// HSTS, even though the proxy talks to the gateway over plain HTTP. X-Forwarded-For and X-Forwarded-Proto are read only from the proxies
/// named in <c>Gateway__TrustedProxies</c> (addresses or networks, e.g. <c>10.0.0.2, 172.18.0.0/16</c>); with none
/// named, no forwarded header is believed, whoever sends it (ASP.NET Core would otherwise trust loopback, and
/// <c>ASPNETCORE_FORWARDEDHEADERS_ENABLED</c> would trust everyone).
/// </summary>
public static class TransportSecurity
{
    /// <summary>A year: what browsers and the HSTS preload list expect of a site that stays on https.</summary>
    public const string HstsValue = "max-age=31536000";

    public static WebApplicationBuilder AddGatewayTransportSecurity(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var trusted = TrustedProxies(builder.Configuration[$"{GatewayOptions.Section}:{nameof(GatewayOptions.TrustedProxies)}"]);
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
        {
            // With no proxy named, nothing is read: empty lists would make ASP.NET Core believe every sender.
            options.ForwardedHeaders = trusted.Count == 0 ? ForwardedHeaders.None : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var entry in trusted)
            {
                options.KnownIPNetworks.Add(entry);
            }
        });
        builder.Services.AddOptions<CookieAuthenticationOptions>(ConsoleAuthentication.SchemeName)
            .PostConfigure<IOptions<GatewayOptions>>((cookie, gateway) =>
            {
                if (IsHttps(gateway.Value))
                {
                    cookie.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                }
            });
        return builder;
    }

    public static WebApplication UseGatewayTransportSecurity(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<ForwardedHeadersOptions>>().Value.ForwardedHeaders != ForwardedHeaders.None)
        {
            app.UseForwardedHeaders();
        }

        var https = IsHttps(app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value);
        app.Use((context, next) =>
        {
            if (https)
            {
                // People reach the gateway over https at the proxy, whatever the hop behind it. Browsers ignore HSTS
                // on a plain-HTTP answer, so it is safe on every answer. Every cookie is marked Secure: the sign-in
                // cookie by its policy, the antiforgery cookie here (its policy Always would refuse every request
                // the proxy passes on over plain HTTP).
                context.Response.Headers.StrictTransportSecurity = HstsValue;
                context.Response.OnStarting(() =>
                {
                    MarkCookiesSecure(context.Response.Headers);
                    return Task.CompletedTask;
                });
            }
            else if (context.Request.IsHttps && !IsLoopback(context.Request.Host.Host))
            {
                // Over https itself (directly, or from a trusted proxy), except on a loopback name, where HSTS would
                // pin a developer's localhost to https.
                context.Response.Headers.StrictTransportSecurity = HstsValue;
            }

            return next(context);
        });
        return app;
    }

    /// <summary>Adds <c>secure</c> to every Set-Cookie header that lacks it.</summary>
    public static void MarkCookiesSecure(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var cookies = headers.SetCookie;
        if (cookies.Count == 0)
        {
            return;
        }

        var marked = new string?[cookies.Count];
        for (var i = 0; i < cookies.Count; i++)
        {
            var cookie = cookies[i] ?? string.Empty;
            marked[i] = cookie.Split(';').Skip(1).Any(a => a.Trim().Equals("secure", StringComparison.OrdinalIgnoreCase)) ? cookie : cookie + "; secure";
        }

        headers.SetCookie = marked;
    }

    /// <summary>True when the gateway is reached over https: its public base URL says so.</summary>
    public static bool IsHttps(GatewayOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var url) && url.Scheme == Uri.UriSchemeHttps;
    }

    /// <summary>
    /// Reads <c>Gateway__TrustedProxies</c>: addresses and networks separated by commas or spaces. An entry that is
    /// neither stops the start, because a proxy silently left out would make every caller look like the proxy.
    /// </summary>
    public static IReadOnlyList<System.Net.IPNetwork> TrustedProxies(string? setting)
    {
        var result = new List<System.Net.IPNetwork>();
        foreach (var entry in (setting ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (entry.Contains('/', StringComparison.Ordinal) && System.Net.IPNetwork.TryParse(entry, out var network))
            {
                result.Add(network);
            }
            else if (IPAddress.TryParse(entry, out var address))
            {
                result.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            }
            else
            {
                throw new InvalidOperationException(
                    $"Gateway__TrustedProxies holds \"{entry}\", which is neither an IP address nor a network such as 172.18.0.0/16. "
                    + "Name the address of the TLS proxy in front of the gateway, or leave the setting empty to believe no forwarded header.");
            }
        }

        return result;
    }

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || (IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
