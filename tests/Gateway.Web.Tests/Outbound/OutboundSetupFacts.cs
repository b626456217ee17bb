namespace Gateway.Web.Tests.Outbound;

public class OutboundSetupFacts
{
    [Fact]
    public void ALeaseShorterThanTheSendTimeout_StopsTheStart()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Outbound:LeaseDuration"] = "00:00:10", ["Outbound:SendTimeout"] = "00:00:30" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Outbound:LeaseDuration must be longer than Outbound:SendTimeout", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AWorkerDisabledProcess_SaysSo()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Outbound:WorkerEnabled"] = "false" });
        using var client = factory.CreateClient();
        Assert.Contains(factory.Logs, l => l.Contains("Outbound worker disabled", StringComparison.Ordinal));
    }
}
