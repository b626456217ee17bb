using Gateway.Core.CheckIns;
using Gateway.Core.Outbound;
using Gateway.Web.Tests.CheckIns;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Outbound;

/// <summary>
/// Messages to a number a person typed (BUDDY invitations) pass the same gate as every message: nothing to a number
/// that sent STOP, nothing past the daily or per-recipient caps, and the operators' alert when a cap is reached.
/// </summary>
public sealed class OutboundGateFacts
{
    private const string NotPossible = "Sorry, we cannot text that number";

    [Fact]
    public async Task BuddyInvitation_ToANumberThatSentStop_IsRefused_AndNothingIsSent()
    {
        const string child = "+66812340521";
        const string stopped = "+66815550221";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        await host.TextAsync(stopped, "STOP");

        var answer = await host.TextAsync(child, "BUDDY " + stopped);

        Assert.Contains(answer, m => m.StartsWith(NotPossible, StringComparison.Ordinal));
        Assert.Null((await host.Store.FindAsync(host.ContactId(child)))?.Invitation);
        Assert.Null(await host.Store.FindInviterAsync(host.ContactId(stopped)));
        await Task.Delay(300);
        Assert.Empty(host.SentTo(stopped));
    }

    [Fact]
    public async Task BuddyInvitation_PastTheDailyCap_IsRefused_WithTheOperatorsAlert()
    {
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1), extra: new Dictionary<string, string?> { ["Outbound:MaxPerDay"] = "1" });
        Assert.Contains(await host.TextAsync("+66812340522", "BUDDY +66815550222"), m => m.Contains("ending 0222", StringComparison.Ordinal));
        Assert.NotNull(await host.WaitForSmsAsync("+66815550222", _ => true, TimeSpan.FromSeconds(10)));

        var answer = await host.TextAsync("+66812340523", "BUDDY +66815550223");

        Assert.Contains(answer, m => m.StartsWith(NotPossible, StringComparison.Ordinal));
        Assert.Contains(host.Factory.Logs, l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("ALERT outbound cap reached: the daily cap of 1", StringComparison.Ordinal) && l.Contains("buddy_invitation", StringComparison.Ordinal));
        var refused = Assert.Single(await host.Factory.Services.GetRequiredService<IOutbox>().ListFailedAsync(10));
        Assert.Equal(OutboundState.Refused, refused.State);
        Assert.StartsWith("The gateway has sent 1 messages today, the most Outbound__MaxPerDay allows", refused.Error, StringComparison.Ordinal);
        Assert.Null((await host.Store.FindAsync(host.ContactId("+66812340523")))!.Invitation);
        await Task.Delay(300);
        Assert.Empty(host.SentTo("+66815550223"));
    }

    [Fact]
    public async Task BuddyInvitations_ToOneNumber_PastThePerRecipientCap_AreRefused_WhoeverTypesIt()
    {
        const string target = "+66815550224";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1), extra: new Dictionary<string, string?> { ["Outbound:MaxPerContactPerDay"] = "1" });
        Assert.Contains(await host.TextAsync("+66812340524", "BUDDY " + target), m => m.Contains("ending 0224", StringComparison.Ordinal));

        var second = await host.TextAsync("+66812340525", "BUDDY " + target);

        Assert.Contains(second, m => m.StartsWith(NotPossible, StringComparison.Ordinal));
        Assert.Contains(host.Factory.Logs, l => l.Contains("ALERT outbound cap reached: the contact cap of 1", StringComparison.Ordinal));
        Assert.Equal("This number has been sent 1 messages today, the most Outbound__MaxPerContactPerDay allows: refused, and operators were alerted.", Assert.Single(await host.Factory.Services.GetRequiredService<IOutbox>().ListFailedAsync(10)).Error);

        // The first child's invitation still waits, and only it reached the number.
        Assert.Equal(host.ContactId("+66812340524"), await host.Store.FindInviterAsync(host.ContactId(target)));
        await Task.Delay(300);
        Assert.Single(host.SentTo(target));
    }
}
