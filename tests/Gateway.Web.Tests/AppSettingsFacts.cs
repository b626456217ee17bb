using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Gateway.Web.Tests;

/// <summary>What src/Gateway.Web/appsettings.json sets for every deployment.</summary>
public class AppSettingsFacts
{
    [Fact]
    public async Task AspNetCoresPerRequestLogs_AreOff_ButTheGatewaysOwnLogsStay()
    {
        // The test host logs everything (Trace); the settings file must still hold ASP.NET Core to warnings, as it
        // does in production, where a line per request cost a large part of a webhook's time.
        using var factory = new GatewayFactory();
        using var client = factory.CreateClient();
        using (var response = await client.SendAsync(GatewayFactory.SignedSms("+66815550123", "hello")))
        {
            response.EnsureSuccessStatusCode();
        }

        var loggers = factory.Services.GetRequiredService<ILoggerFactory>();
        Assert.False(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Information));
        Assert.True(loggers.CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics").IsEnabled(LogLevel.Warning));
        Assert.DoesNotContain(factory.Logs, l => l.StartsWith("Information Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.Contains(factory.Logs, l => l.Contains("Turn for contact", StringComparison.Ordinal));
    }
}
