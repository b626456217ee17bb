using Gateway.Core.Content;
using Gateway.Infrastructure.Stores.InMemory;
using Gateway.Infrastructure.Stores.Redis;
using Gateway.Web.Configuration;

namespace Gateway.Web.Studio;

/// <summary>What the flow and translation studio adds: the content editor and where pending changes wait.</summary>
public static class StudioSetup
{
    public static WebApplicationBuilder AddGatewayStudio(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (builder.Configuration.IsEmbedded())
        {
            builder.Services.AddSingleton<IPendingChangeStore, InMemoryPendingChangeStore>();
        }
        else
        {
            builder.Services.AddSingleton<IPendingChangeStore, RedisPendingChangeStore>();
        }

        builder.Services.AddSingleton<ContentEditor>();
        return builder;
    }
}
