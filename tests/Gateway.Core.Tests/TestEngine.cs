using Gateway.Core.Flows;

namespace Gateway.Core.Tests;

/// <summary>The engine options tests run with: the gateway's own.</summary>
public static class TestEngine
{
    public static EngineOptions Options { get; } = new();
}
