using Gateway.Core.CheckIns;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every check-in store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class CheckInStoreContract
{
    protected abstract ICheckInStore Store { get; }

    protected abstract Task PassAsync(TimeSpan time);

    private static readonly TimeSpan Day = TimeSpan.FromDays(1);

    private static string NewId() => "c-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task Update_CreatesARecord_AndReturnsItAsStored()
    {
        var id = NewId();
        Assert.Null(await Store.FindAsync(id));

        var (created, changed) = await Store.UpdateAsync(id, r => r ?? new CheckInRecord { ContactId = id, Language = "km", Country = "KH" }, Day);
        Assert.True(changed);
        Assert.Equal("km", created!.Language);

        var found = await Store.FindAsync(id);
        Assert.Equal("KH", found!.Country);
    }

    [Fact]
    public async Task Update_ThatReturnsNull_ChangesNothing()
    {
        var id = NewId();
        await Store.UpdateAsync(id, _ => new CheckInRecord { ContactId = id, InvitationsThatDay = 2 }, Day);
        var (record, changed) = await Store.UpdateAsync(id, _ => null, Day);
        Assert.False(changed);
        Assert.Equal(2, record!.InvitationsThatDay);
    }

    [Fact]
    public async Task Update_KeepsATimerWithItsBuddiesAndAlerts()
    {
        var id = NewId();
        var now = DateTimeOffset.UtcNow;
        var timer = new CheckInTimer { Token = CheckInTimer.NewToken(), Minutes = 30, StartedAt = now, DueAt = now.AddMinutes(30), AlertedBuddies = ["b1"] };
        await Store.UpdateAsync(id, _ => new CheckInRecord
        {
            ContactId = id,
            Timer = timer,
            Buddies = [new Buddy("b1", "sealed-1", now)],
            Invitation = new BuddyInvitation("b2", "sealed-2", now, now.AddDays(2)),
            InvitationDay = DateOnly.FromDateTime(now.UtcDateTime),
        }, Day);

        var found = (await Store.FindAsync(id))!;
        Assert.Equal(timer.Token, found.Timer!.Token);
        Assert.Equal(timer.DueAt, found.Timer.DueAt);
        Assert.Equal(["b1"], found.Timer.AlertedBuddies);
        Assert.Equal("sealed-1", Assert.Single(found.Buddies).SealedNumber);
        Assert.Equal("b2", found.Invitation!.ContactId);
    }

    [Fact]
    public async Task Update_LosesNoChange_WhenManyRunAtOnce()
    {
        var id = NewId();
        await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => Store.UpdateAsync(id, r =>
            (r ?? new CheckInRecord { ContactId = id }) with { InvitationsThatDay = (r?.InvitationsThatDay ?? 0) + 1 }, Day))));
        Assert.Equal(20, (await Store.FindAsync(id))!.InvitationsThatDay);
    }

    [Fact]
    public async Task Record_IsForgotten_AfterItsRetention()
    {
        var id = NewId();
        await Store.UpdateAsync(id, _ => new CheckInRecord { ContactId = id }, TimeSpan.FromMilliseconds(300));
        Assert.NotNull(await Store.FindAsync(id));
        await PassAsync(TimeSpan.FromMilliseconds(600));
        Assert.Null(await Store.FindAsync(id));
    }

    [Fact]
    public async Task Inviter_IsFound_UntilRemovedByTheSameInviter_OrItsLifetimeEnds()
    {
        var invitee = NewId();
        await Store.SetInviterAsync(invitee, "child-a", Day);
        Assert.Equal("child-a", await Store.FindInviterAsync(invitee));

        // A later invitation of the same number wins; the earlier inviter cannot remove it.
        await Store.SetInviterAsync(invitee, "child-b", Day);
        await Store.RemoveInviterAsync(invitee, "child-a");
        Assert.Equal("child-b", await Store.FindInviterAsync(invitee));
        await Store.RemoveInviterAsync(invitee, "child-b");
        Assert.Null(await Store.FindInviterAsync(invitee));

        await Store.SetInviterAsync(invitee, "child-c", TimeSpan.FromMilliseconds(300));
        await PassAsync(TimeSpan.FromMilliseconds(600));
        Assert.Null(await Store.FindInviterAsync(invitee));
    }
}
