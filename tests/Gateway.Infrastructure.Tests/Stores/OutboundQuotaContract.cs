using Gateway.Core.Outbound;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every outbound quota must do; run against the in-memory and the Redis store alike.</summary>
public abstract class OutboundQuotaContract
{
    protected abstract IOutboundQuota Quota { get; }

    /// <summary>A day of its own for each test: daily counts are shared by everything in a store.</summary>
    private static DateOnly Day() => DateOnly.FromDayNumber(Random.Shared.Next(800_000, 3_000_000));

    private static string NewContact() => "test-" + Guid.NewGuid().ToString("N");

    [Fact]
    public async Task TryTake_CountsUpToTheContactCap_ThenRefuses_WithoutCountingTheRefusals()
    {
        var day = Day();
        var contact = NewContact();
        var outcomes = new List<QuotaOutcome>();
        for (var i = 0; i < 5; i++)
        {
            outcomes.Add(await Quota.TryTakeAsync(contact, day, perContactCap: 3, dailyCap: 100));
        }

        Assert.Equal([QuotaOutcome.Taken, QuotaOutcome.Taken, QuotaOutcome.Taken, QuotaOutcome.ContactCapReached, QuotaOutcome.ContactCapReached], outcomes);

        // Refusals for one contact used none of the day's allowance.
        for (var i = 0; i < 2; i++)
        {
            Assert.Equal(QuotaOutcome.Taken, await Quota.TryTakeAsync(NewContact(), day, 3, dailyCap: 5));
        }

        Assert.Equal(QuotaOutcome.DailyCapReached, await Quota.TryTakeAsync(NewContact(), day, 3, dailyCap: 5));
    }

    [Fact]
    public async Task TryTake_CountsUpToTheDailyCap_AcrossContacts()
    {
        var day = Day();
        var outcomes = new List<QuotaOutcome>();
        for (var i = 0; i < 4; i++)
        {
            outcomes.Add(await Quota.TryTakeAsync(NewContact(), day, perContactCap: 10, dailyCap: 3));
        }

        Assert.Equal([QuotaOutcome.Taken, QuotaOutcome.Taken, QuotaOutcome.Taken, QuotaOutcome.DailyCapReached], outcomes);
    }

    [Fact]
    public async Task TryTake_StartsAgain_OnTheNextDay()
    {
        var day = Day();
        var contact = NewContact();
        Assert.Equal(QuotaOutcome.Taken, await Quota.TryTakeAsync(contact, day, 1, 1));
        Assert.Equal(QuotaOutcome.ContactCapReached, await Quota.TryTakeAsync(contact, day, 1, 1));

        Assert.Equal(QuotaOutcome.Taken, await Quota.TryTakeAsync(contact, day.AddDays(1), 1, 1));
    }

    [Fact]
    public async Task TryTake_NeverGoesPastACap_WhenManyAskAtOnce()
    {
        var day = Day();
        var contact = NewContact();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => Task.Run(() => Quota.TryTakeAsync(contact, day, perContactCap: 7, dailyCap: 100))));
        Assert.Equal(7, outcomes.Count(o => o == QuotaOutcome.Taken));
    }

    [Fact]
    public async Task TryTake_WithACapOfZero_LetsNothingThrough() =>
        Assert.Equal(QuotaOutcome.ContactCapReached, await Quota.TryTakeAsync(NewContact(), Day(), 0, 100));
}
