using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Configuration;

/// <summary>What the gateway checks and says before it takes a single message.</summary>
public static partial class StartupChecks
{
    public static WebApplication CheckGatewayStartup(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Startup");
        var twilio = app.Services.GetRequiredService<IOptions<TwilioOptions>>().Value;
        var gateway = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
        var botFramework = app.Services.GetRequiredService<IOptions<Chat.BotFrameworkOptions>>().Value;
        if (app.Configuration.IsEmbedded())
        {
            if (twilio.LooksReal && !gateway.AllowEmbeddedWithRealCredentials)
            {
                throw new InvalidOperationException(
                    "Real Twilio credentials are configured but no Redis is: in the embedded default every report, contact and session is lost when the process stops. "
                    + "Configure ConnectionStrings__Redis, or set Gateway__AllowEmbeddedWithRealCredentials=true if you really mean to run like this.");
            }

            if (botFramework.LooksReal && !gateway.AllowEmbeddedWithRealCredentials)
            {
                throw new InvalidOperationException(
                    "Real Bot Framework credentials are configured but no Redis is: in the embedded default every report, contact and session is lost when the process stops. "
                    + "Configure ConnectionStrings__Redis, or set Gateway__AllowEmbeddedWithRealCredentials=true if you really mean to run like this.");
            }

            LogEmbedded(logger);
        }

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

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: no Redis is configured. Contacts, sessions, reports and jobs live in memory and are LOST when the process stops. Nothing is durable. Set ConnectionStrings__Redis for production. The simulator is at /simulator.")]
    private static partial void LogEmbedded(ILogger logger);
}
