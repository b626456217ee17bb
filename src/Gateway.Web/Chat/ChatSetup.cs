using Gateway.Channels.BotFramework;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Chat;

/// <summary>What chat adds: its options, the channels' key cache and token check, the gateway's own token and the connector client.</summary>
public static class ChatSetup
{
    public static WebApplicationBuilder AddGatewayChat(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<BotFrameworkOptions>()
            .BindConfiguration(BotFrameworkOptions.Section)
            .Validate(o => !o.IsConfigured || !string.IsNullOrWhiteSpace(o.AppPassword), "BotFramework:AppPassword is required with BotFramework:AppId: the gateway needs it to reply.")
            .Validate(o => Uri.IsWellFormedUriString(o.OpenIdMetadataUrl, UriKind.Absolute) && Uri.IsWellFormedUriString(o.TokenEndpoint, UriKind.Absolute), "BotFramework:OpenIdMetadataUrl and BotFramework:TokenEndpoint must be absolute URLs.")
            .Validate(o => o.MaxSendAttempts >= 1 && o.SendTimeout > TimeSpan.Zero, "BotFramework:MaxSendAttempts must be at least 1 and BotFramework:SendTimeout more than zero.")
            .ValidateOnStart();

        // The key cache and the token cache live as long as the process, over a handler that renews its connections.
        services.AddHttpClient("BotFramework.Auth")
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
            .ConfigureHttpClient(http => http.Timeout = TimeSpan.FromSeconds(10))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new BotOpenIdKeys(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient("BotFramework.Auth"),
            new Uri(Options(sp).OpenIdMetadataUrl),
            sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new BotTokenValidator(
            sp.GetRequiredService<BotOpenIdKeys>(), Options(sp).AppId ?? string.Empty, Options(sp).Issuer, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp =>
        {
            var options = Options(sp);
            return new BotTokenClient(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient("BotFramework.Auth"),
                new BotAppCredentials(options.AppId ?? string.Empty, options.AppPassword ?? string.Empty, new Uri(options.TokenEndpoint), options.Scope),
                sp.GetRequiredService<TimeProvider>());
        });
        services.AddHttpClient(nameof(BotConnectorClient))
            .ConfigureHttpClient((sp, http) => http.Timeout = Options(sp).SendTimeout)
            .AddTypedClient(http => new BotConnectorClient(http));
        services.AddTransient<ChatReplySender>();
        services.AddTransient<ChatTurns>();
        return builder;
    }

    private static BotFrameworkOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<BotFrameworkOptions>>().Value;
}
