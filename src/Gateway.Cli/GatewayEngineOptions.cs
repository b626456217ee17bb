using Gateway.Core.Flows;

namespace Gateway.Cli;

/// <summary>The engine options the gateway runs with.</summary>
public static class GatewayEngineOptions
{
    public static EngineOptions Create() => new();
}
