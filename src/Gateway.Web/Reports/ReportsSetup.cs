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
            .ValidateOnStart();
        if (builder.Configuration.IsEmbedded())
        {
            services.AddSingleton<IUsedLinkStore>(sp => new InMemoryUsedLinkStore(sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<IUsedLinkStore>(sp => new RedisUsedLinkStore(sp.GetRequiredService<IConnectionMultiplexer>(), sp.GetRequiredService<TimeProvider>()));
        }

        services.AddSingleton<ActionLinks>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ReportConversation>();
        services.AddSingleton<EscalationMetrics>();
        services.AddSingleton<PageSender>();
        services.AddSingleton<EscalationRunner>();
        services.AddSingleton<IEscalation>(sp => sp.GetRequiredService<EscalationRunner>());
        services.AddSingleton<IOutboundFailureListener>(sp => sp.GetRequiredService<EscalationRunner>());
        services.AddTransient<EscalationJobs>();
        services.AddSingleton<EscalationHealth>();
        services.AddHttpClient<WebhookClient>();
        services.AddHttpClient(nameof(TwilioCallsClient))
            .AddTypedClient((http, sp) =>
            {
                var twilio = sp.GetRequiredService<IOptionsMonitor<TwilioOptions>>().CurrentValue;
                return new TwilioCallsClient(http, new TwilioAccount(twilio.AccountSid ?? string.Empty, twilio.AuthToken ?? string.Empty, new Uri(twilio.ApiBaseUrl)));
            });
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(EscalationMetrics.MeterName));
        return builder;
    }
}
