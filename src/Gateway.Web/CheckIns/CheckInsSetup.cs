using Gateway.Core.CheckIns;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Configuration;
using StackExchange.Redis;

namespace Gateway.Web.CheckIns;

/// <summary>What check-ins add: options, the store (in memory or Redis), the service and its Hangfire jobs.</summary>
public static class CheckInsSetup
{
    public static WebApplicationBuilder AddGatewayCheckIns(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<CheckInOptions>().BindConfiguration(CheckInOptions.Section)
            .Validate(o => o.MinuteLength > TimeSpan.Zero && o.ReminderMinutesBefore >= 1 && o.MaxBuddies >= 1 && o.LastMessageMaxLength >= 10 && o.AlertLease > TimeSpan.Zero,
                "CheckIns:MinuteLength and CheckIns:AlertLease must be more than zero, CheckIns:ReminderMinutesBefore and CheckIns:MaxBuddies at least 1, CheckIns:LastMessageMaxLength at least 10.")
            .ValidateOnStart();
        if (builder.Configuration.IsEmbedded())
        {
            services.AddSingleton<ICheckInStore>(sp => new InMemoryCheckInStore(sp.GetRequiredService<TimeProvider>()));
        }
        else
        {
            services.AddSingleton<ICheckInStore>(sp => new RedisCheckInStore(sp.GetRequiredService<IConnectionMultiplexer>()));
        }

        services.AddSingleton<CheckInService>();
        services.AddTransient<CheckInJobs>();
        return builder;
    }
}
