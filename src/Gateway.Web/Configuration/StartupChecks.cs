using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Configuration;

/// <summary>What the gateway checks and says before it takes a single message.</summary>
public static partial class StartupChecks
{
    /// <summary>
    /// The embedded default keeps everything in memory, so it refuses live Twilio or Bot Framework credentials unless
    /// told otherwise: real people's reports would be lost at the next stop. Runs before the start-up banner.
    /// </summary>
    public static void RefuseRealCredentialsWhenEmbedded(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (!app.Configuration.IsEmbedded() || app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value.AllowEmbeddedWithRealCredentials)
        {
            return;
        }

        if (app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value.LooksReal)
        {
            throw new InvalidOperationException(
                "Real Twilio credentials are configured but no Redis is: in the embedded default every report, contact and session is lost when the process stops. "
                + "Configure ConnectionStrings__Redis, or set Gateway__AllowEmbeddedWithRealCredentials=true if you really mean to run like this.");
        }

        if (app.Services.GetRequiredService<IOptions<Chat.BotFrameworkOptions>>().Value.LooksReal)
        {
            throw new InvalidOperationException(
                "Real Bot Framework credentials are configured but no Redis is: in the embedded default every report, contact and session is lost when the process stops. "
                + "Configure ConnectionStrings__Redis, or set Gateway__AllowEmbeddedWithRealCredentials=true if you really mean to run like this.");
        }
    }

    public static WebApplication CheckGatewayStartup(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Startup");
        if (!Core.Text.IcuTransliterator.IsAvailable(out var icuProblem))
        {
            LogNoIcu(logger, icuProblem ?? "ICU was not found.");
        }

        // Load the flows now, so a broken edit stops the start instead of the first message.
        _ = app.Services.GetRequiredService<FlowHost>();
        return app;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "{Problem} Burmese typed in the Zawgyi encoding will not be understood, and Zawgyi replies are off, until ICU is installed.")]
    private static partial void LogNoIcu(ILogger logger, string problem);
}
