using Gateway.Channels.Twilio;
using Gateway.Channels.Webhooks;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Configuration;
using Gateway.Web.Outbound;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using StackExchange.Redis;

namespace Gateway.Web.Reports;

/// <summary>What reports and escalation add: options, the report service, the runner and its Hangfire jobs, pages by SMS, voice and webhook, and signed links.</summary>
public static class ReportsSetup
{
    public static WebApplicationBuilder AddGatewayReports(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<ReportOptions>().BindConfiguration(ReportOptions.Section);
        services.AddOptions<EscalationOptions>().BindConfiguration(EscalationOptions.Section)
            .Validate(o => o.NotificationLease > TimeSpan.Zero && o.MaxWebhookAttempts >= 1, "Escalation:NotificationLease must be more than zero and Escalation:MaxWebhookAttempts at least 1.")
            .Validate<IOptions<OutboundOptions>>((o, outbound) => o.NotificationLease > outbound.Value.SendTimeout, "Escalation:NotificationLease must be longer than Outbound:SendTimeout, or a call still being placed would be placed again by another process.")
            .Validate(o => o.SlowestWebhook() is not { } slowest || o.NotificationLease > slowest.Value.Timeout, "Escalation:NotificationLease must be longer than the Timeout of every webhook in Escalation:Webhooks, or a page to a slow hotline would be sent again by another process while it is still being sent.")
            .Validate(o => o.FloodThreshold >= 0 && o.FloodWindow > TimeSpan.Zero && o.FloodSummaryInterval > TimeSpan.Zero, "Escalation:FloodThreshold must be 0 (off) or more, and Escalation:FloodWindow and Escalation:FloodSummaryInterval more than zero.")
            .Validate(o => o.WatchdogGrace > TimeSpan.Zero && o.WatchdogStaleAfter > TimeSpan.Zero && o.WatchdogSelfCheck > TimeSpan.Zero && o.WatchdogBatch >= 1, "Escalation:WatchdogGrace, Escalation:WatchdogStaleAfter and Escalation:WatchdogSelfCheck must be more than zero and Escalation:WatchdogBatch at least 1.")
            .ValidateOnStart();
        if (builder.Configuration.IsEmbedded())
        {
            services.AddSingleton<IUsedLinkStore>(sp => new InMemoryUsedLinkStore(sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IPageFloodStore, InMemoryPageFloodStore>();
            services.AddSingleton<IWatchdogStatusStore, InMemoryWatchdogStatusStore>();
        }
        else
        {
            services.AddSingleton<IUsedLinkStore>(sp => new RedisUsedLinkStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
            services.AddSingleton<IPageFloodStore>(sp => new RedisPageFloodStore(sp.GetRequiredService<IConnectionMultiplexer>()));
            services.AddSingleton<IWatchdogStatusStore>(sp => new RedisWatchdogStatusStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        }

        services.AddSingleton<ActionLinks>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReportConversation>();
        services.AddSingleton<EscalationMetrics>();
        services.AddSingleton<PageSender>();
        services.AddSingleton<EscalationRunner>();
        services.AddSingleton<IEscalation>(sp => sp.GetRequiredService<EscalationRunner>());
        services.AddSingleton<IOutboundFailureListener>(sp => sp.GetRequiredService<EscalationRunner>());
        services.AddSingleton<IOutboundRepeatListener>(sp => sp.GetRequiredService<EscalationRunner>());
        services.AddTransient<EscalationJobs>();
        services.AddSingleton<EscalationHealth>();

        // Floods of pages to one target become summary pages; the watchdog repairs overdue steps (every minute).
        services.AddSingleton<PageFlood>();
        services.AddSingleton<IOutboundFailureListener>(sp => sp.GetRequiredService<PageFlood>());
        services.AddTransient<FloodJobs>();
        services.AddSingleton<EscalationWatchdog>();
        services.AddTransient<EscalationWatchdogJobs>();
        services.AddSingleton<EscalationWatchdogRegistration>();
        services.AddHostedService(sp => sp.GetRequiredService<EscalationWatchdogRegistration>());
        services.AddHttpClient<WebhookClient>();
        // A call is placed by the step holding its page's lease: it must give up before Escalation:NotificationLease ends.
        services.AddHttpClient(nameof(TwilioCallsClient))
            .ConfigureHttpClient((sp, http) => http.Timeout = sp.GetRequiredService<IOptionsMonitor<OutboundOptions>>().CurrentValue.SendTimeout)
            .AddTypedClient((http, sp) =>
            {
                var twilio = sp.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;
                return new TwilioCallsClient(http, new TwilioAccount(twilio.AccountSid ?? string.Empty, twilio.AuthToken ?? string.Empty, new Uri(twilio.ApiBaseUrl)));
            });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(EscalationMetrics.MeterName));
        return builder;
    }
}
