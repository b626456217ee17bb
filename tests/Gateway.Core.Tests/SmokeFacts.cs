namespace Gateway.Core.Tests;

public class SmokeFacts
{
    [Fact]
    public void CoreAssembly_Loads() => Assert.Equal("Gateway.Core", typeof(Gateway.Core.Placeholder).Assembly.GetName().Name);
}
