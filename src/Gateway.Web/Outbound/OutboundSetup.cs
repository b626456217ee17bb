using Gateway.Channels.Twilio;
using Gateway.Core.Outbound;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace Gateway.Web.Outbound;

/// <summary>What outbound messaging adds: its options, the outbox (in memory or Redis), the Twilio client, the sender and its worker.</summary>
public static class OutboundSetup
{
    public static WebApplicationBuilder AddGatewayOutbound(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<OutboundOptions>()
            .BindConfiguration(OutboundOptions.Section)
            .Validate(o => o.LeaseDuration > o.SendTimeout, "Outbound:LeaseDuration must be longer than Outbound:SendTimeout, or a slow send would be sent again by another process while it is still running.")
            .Validate(o => o.MaxAttempts >= 1 && o.Concurrency >= 1 && o.PollInterval > TimeSpan.Zero, "Outbound:MaxAttempts and Outbound:Concurrency must be at least 1, and Outbound:PollInterval more than zero.")
            .Validate(o => o.MaxPerContactPerDay >= 0 && o.MaxPerDay >= 0, "Outbound:MaxPerContactPerDay and Outbound:MaxPerDay cannot be negative.")
            .ValidateOnStart();

        if (builder.Configuration.IsEmbedded())
        {
            services.AddSingleton<IOutbox, InMemoryOutbox>();
            services.AddSingleton<IOutboundQuota, InMemoryOutboundQuota>();
        }
        else
        {
            var retention = builder.Configuration.GetSection(OutboundOptions.Section).Get<OutboundOptions>()?.Retention;
            services.AddSingleton<IOutbox>(sp => new RedisOutbox(sp.GetRequiredService<IConnectionMultiplexer>(), retention, sp.GetService<ReplicaWait>()));
            services.AddSingleton<IOutboundQuota, RedisOutboundQuota>();
        }

        // A typed client: each send resolves a new one over the factory's pooled handlers.
        services.AddHttpClient(nameof(TwilioMessagesClient))
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptionsMonitor<OutboundOptions>>().CurrentValue.SendTimeout)
            .AddTypedClient((http, sp) =>
            {
                var twilio = sp.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;
                return new TwilioMessagesClient(http, new TwilioAccount(twilio.AccountSid ?? string.Empty, twilio.AuthToken ?? string.Empty, new Uri(twilio.ApiBaseUrl)));
            });
        services.AddSingleton<OutboundMetrics>();
        services.AddSingleton<OutboundGate>();
        services.AddSingleton<OutboundSender>();
        services.AddHostedService<OutboundWorker>();
        return builder;
    }
}
