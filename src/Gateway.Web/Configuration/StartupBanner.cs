using System.Text.RegularExpressions;
using Gateway.Web.Accounts;

namespace Gateway.Web.Configuration;

/// <summary>
/// The first lines of the start-up log, before any check or warning: the mode (embedded or Redis), the URL the
/// gateway answers at, and how to sign in to the console. In the embedded default that is this run's local admin
/// (<see cref="EmbeddedAdmin"/>), made here so that its password is among those first lines.
/// </summary>
public static partial class StartupBanner
{
    /// <summary>Kestrel's address when nothing else is configured.</summary>
    public const string DefaultUrl = "http://localhost:5000";

    public static WebApplication AnnounceGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        StartupChecks.RefuseRealCredentialsWhenEmbedded(app);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Gateway.Startup");
        var url = ListeningUrl(app.Configuration);
        if (app.Configuration.IsEmbedded())
        {
            LogEmbedded(logger);
            LogEmbeddedUrl(logger, url);
            var admin = app.Services.GetRequiredService<EmbeddedAdmin>().CreateAsync().GetAwaiter().GetResult();
            LogConsole(logger, url, admin.AccountId, admin.Password);
            LogKey(logger, admin.ApiKey);
        }
        else
        {
            LogRedis(logger);
            LogRedisUrl(logger, url);
            LogRedisSignIn(logger, url);
        }

        return app;
    }

    /// <summary>
    /// Where the gateway will listen, read from the settings Kestrel reads (Kestrel endpoints, then <c>urls</c> or
    /// <c>--urls</c>, then <c>ASPNETCORE_HTTP_PORTS</c>), with a wildcard host shown as localhost.
    /// </summary>
    public static string ListeningUrl(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        static string? First(string? list) => list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        var url = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"]).FirstOrDefault(u => !string.IsNullOrWhiteSpace(u))
            ?? First(configuration["urls"])
            ?? (First(configuration["http_ports"]) is { } http ? "http://localhost:" + http : null)
            ?? (First(configuration["https_ports"]) is { } https ? "https://localhost:" + https : null)
            ?? DefaultUrl;
        return WildcardHost().Replace(url.TrimEnd('/'), "${scheme}localhost");
    }

    [GeneratedRegex(@"^(?<scheme>https?://)(\*|\+|0\.0\.0\.0|\[::\])(?=[:/]|$)", RegexOptions.IgnoreCase)]
    private static partial Regex WildcardHost();

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: no Redis is configured. Contacts, sessions, reports and jobs live in memory and are LOST when the process stops. Nothing is durable. Set ConnectionStrings__Redis for production.")]
    private static partial void LogEmbedded(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway answers at {Url}: the simulated phone is {Url}/simulator/ and the operator console {Url}/console")]
    private static partial void LogEmbeddedUrl(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: sign in to the console at {Url}/console as account {AccountId} with the password {Password} (this local admin sees every report, the simulator's too, and is forgotten when the process stops)")]
    private static partial void LogConsole(ILogger logger, string url, string accountId, string password);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EMBEDDED MODE: the admin API key of this run is {ApiKey} (send it as \"Authorization: Bearer <key>\" to /api/accounts and /api/organisations). Accounts live in memory: this key and every account made with it are forgotten when the process stops. With Redis, make the first admin with `gateway accounts create-admin`.")]
    private static partial void LogKey(ILogger logger, string apiKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Redis mode: contacts, sessions, reports and jobs are kept in Redis (ConnectionStrings__Redis).")]
    private static partial void LogRedis(ILogger logger);

    [LoggerMessage(Level = LogLevel.Information, Message = "The gateway answers at {Url}: the operator console is {Url}/console, readiness {Url}/health/ready")]
    private static partial void LogRedisUrl(ILogger logger, string url);

    [LoggerMessage(Level = LogLevel.Information, Message = "Sign in to the console at {Url}/console with an account id and its password. The first admin is made with `gateway accounts create-admin --organisation NAME --name NAME --operator` (an operation centre, which sees every report); it prints an API key, with which POST /api/accounts/<id>/password sets the console password (docs/console.md).")]
    private static partial void LogRedisSignIn(ILogger logger, string url);
}
