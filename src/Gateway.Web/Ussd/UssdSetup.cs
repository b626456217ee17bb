using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Ussd;

/// <summary>The USSD endpoints' options and guard, and whether they are served.</summary>
public static partial class UssdSetup
{
    public static WebApplicationBuilder AddGatewayUssd(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<UssdOptions>().BindConfiguration(UssdOptions.Section);
        builder.Services.AddSingleton(sp => new UssdGuard(sp.GetRequiredService<IOptions<UssdOptions>>().Value));
        return builder;
    }

    /// <summary>
    /// Served unless switched off; with Redis (production) only when a secret or an allow-list protects them. In the
    /// embedded default an unprotected endpoint answers loopback only.
    /// </summary>
    public static bool IsServed(IConfiguration configuration, UssdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Enabled != false && (configuration.IsEmbedded() || options.HasSecret || options.HasAllowList);
    }

    /// <summary>
    /// Says at start whether the USSD endpoints are served; refuses to start when they are asked for
    /// (<c>Ussd:Enabled=true</c>) in production with nothing protecting them, or when the allow-list is malformed.
    /// </summary>
    public static WebApplication CheckUssdStartup(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Startup");
        var options = app.Services.GetRequiredService<IOptions<UssdOptions>>().Value;
        _ = UssdGuard.ParseNetworks(options.AllowedNetworks);
        var embedded = app.Configuration.IsEmbedded();
        if (!embedded && !options.HasSecret && !options.HasAllowList && options.Enabled != false)
        {
            if (options.Enabled == true)
            {
                throw new InvalidOperationException(
                    "Ussd:Enabled is true but nothing protects the USSD endpoints: anyone could open reports in anyone's name. "
                    + "Set Ussd__SharedSecret (and put ?key=<secret> in the callback URL given to the provider) or Ussd__AllowedNetworks (the provider's addresses).");
            }

            LogNotServed(logger);
        }
        else if (embedded && !options.HasSecret && !options.HasAllowList && options.Enabled != false)
        {
            LogLoopbackOnly(logger);
        }

        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "USSD endpoints are off: with Redis they are served only behind Ussd__SharedSecret or Ussd__AllowedNetworks. Set one to serve them (Ussd__Enabled=false says they are meant to be off).")]
    private static partial void LogNotServed(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "USSD endpoints answer this machine only: set Ussd__SharedSecret or Ussd__AllowedNetworks for a provider to reach them.")]
    private static partial void LogLoopbackOnly(ILogger logger);
}
