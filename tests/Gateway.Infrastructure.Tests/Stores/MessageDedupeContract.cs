using Gateway.Core.Sessions;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every dedupe store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class MessageDedupeContract
{
    private static readonly TimeSpan Window = TimeSpan.FromHours(48);

    protected abstract IMessageDedupe Dedupe { get; }

    protected abstract Task PassAsync(TimeSpan time);

    private static string NewSid() => "SM" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Claim_IsNewOnce_ThenInProgress_ThenAnsweredWithTheSameReply()
    {
        var sid = NewSid();
        Assert.Equal(DedupeClaim.New, (await Dedupe.ClaimAsync(sid, Window)).Claim);
        Assert.Equal(DedupeClaim.InProgress, (await Dedupe.ClaimAsync(sid, Window)).Claim);

        await Dedupe.CompleteAsync(sid, "<Response/>", Window);

        Assert.Equal((DedupeClaim.Answered, "<Response/>"), await Dedupe.ClaimAsync(sid, Window));
    }

    [Fact]
    public async Task Claim_IsNewForOnlyOneOfManyConcurrentCallers()
    {
        var sid = NewSid();
        var claims = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Dedupe.ClaimAsync(sid, Window))));
        Assert.Single(claims, c => c.Claim == DedupeClaim.New);
    }

    [Fact]
    public async Task Release_LetsTheRetryBeHandledAfresh()
    {
        var sid = NewSid();
        await Dedupe.ClaimAsync(sid, Window);
        await Dedupe.ReleaseAsync(sid);
        Assert.Equal(DedupeClaim.New, (await Dedupe.ClaimAsync(sid, Window)).Claim);
    }

    [Fact]
    public async Task Claim_IsNewAgain_AfterTheWindow()
    {
        var sid = NewSid();
        await Dedupe.ClaimAsync(sid, TimeSpan.FromMilliseconds(300));
        await Dedupe.CompleteAsync(sid, "<Response/>", TimeSpan.FromMilliseconds(300));
        await PassAsync(TimeSpan.FromMilliseconds(700));
        Assert.Equal(DedupeClaim.New, (await Dedupe.ClaimAsync(sid, Window)).Claim);
    }
}
