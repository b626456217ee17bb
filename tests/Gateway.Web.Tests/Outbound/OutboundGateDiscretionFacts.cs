using Gateway.Core.Outbound;
using Gateway.Web.Outbound;
using Gateway.Web.Tests.CheckIns;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Outbound;

/// <summary>
/// A person who asked for discreet replies (QUIET) keeps that wish in every later conversation and for every sender:
/// their buddy is invited without the service's name, and the gate refuses any message to them that names trafficking,
/// SOS or a hotline, whoever wrote it.
/// </summary>
public sealed class OutboundGateDiscretionFacts
{
    [Fact]
    public async Task ABuddyInvitation_FromAChildWhoAskedForDiscretion_LeavesOutTheServicesName()
    {
        const string discreetChild = "+66812340531";
        const string plainChild = "+66812340532";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        Assert.Contains(await host.TextAsync(discreetChild, "QUIET"), m => m.StartsWith("Discreet texts on", StringComparison.Ordinal));

        await host.TextAsync(discreetChild, "BUDDY +66815550231");
        await host.TextAsync(plainChild, "BUDDY +66815550232");

        var discreet = await host.WaitForSmsAsync("+66815550231", _ => true, TimeSpan.FromSeconds(10));
        var plain = await host.WaitForSmsAsync("+66815550232", _ => true, TimeSpan.FromSeconds(10));
        Assert.StartsWith("The phone ending 0531 asks you to be their safety buddy.", discreet!.Value.Body, StringComparison.Ordinal);
        Assert.StartsWith("Safe Migration: the phone ending 0532", plain!.Value.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AMessageThatNamesTheSubject_ToAPersonWhoAskedForDiscretion_IsRefused_WhoeverWritesIt()
    {
        const string child = "+66812340533";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        await host.TextAsync(child, "QUIET");
        await host.TextAsync(child, "BUDDY +66815550233");   // asks to be texted, so the gateway may write first
        await host.TextAsync(child, "MENU");
        var sender = host.Factory.Services.GetRequiredService<OutboundSender>();

        var named = await sender.EnqueueAsync(host.ContactId(child), "News from the anti-trafficking hotline: call 1300.", "broadcast");
        var thai = await sender.EnqueueAsync(host.ContactId(child), "ข่าวจากสายด่วน โทร 1300", "broadcast");
        var neutral = await sender.EnqueueAsync(host.ContactId(child), "Hello from Mai. Reply when you can.", "broadcast");

        Assert.Equal(OutboundState.Refused, named.State);
        Assert.StartsWith("The person asked for discreet replies", named.Error, StringComparison.Ordinal);
        Assert.Equal(OutboundState.Refused, thai.State);
        Assert.NotEqual(OutboundState.Refused, neutral.State);
        Assert.NotNull(await host.WaitForSmsAsync(child, b => b.StartsWith("Hello from Mai", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.DoesNotContain(host.SentTo(child), b => b.Contains("hotline", StringComparison.OrdinalIgnoreCase) || b.Contains("สายด่วน", StringComparison.Ordinal));
    }
}
