namespace Gateway.Web.Tests.Reports;

/// <summary>
/// A page's lease must outlast the slowest way of sending it: otherwise another process takes a page over while it
/// is still being sent, and the responder gets it twice. Such settings stop the start with a sentence that says so.
/// </summary>
public class ReportsSetupFacts
{
    [Fact]
    public void APageLeaseShorterThanTheSendTimeout_StopsTheStart()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?> { ["Escalation:NotificationLease"] = "00:00:10", ["Outbound:SendTimeout"] = "00:00:10" });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Escalation:NotificationLease must be longer than Outbound:SendTimeout", e.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void APageLeaseShorterThanAWebhooksTimeout_StopsTheStart()
    {
        using var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Escalation:Webhooks:th_1300:Url"] = "https://hotline.example.org/hook",
            ["Escalation:Webhooks:th_1300:Timeout"] = "00:00:40",
        });
        var e = Assert.ThrowsAny<Exception>(() => factory.CreateClient());
        Assert.Contains("Escalation:NotificationLease must be longer than the Timeout of every webhook in Escalation:Webhooks", e.ToString(), StringComparison.Ordinal);
    }
}
