using Gateway.Core.Outbound;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every outbox must do; run against the in-memory and the Redis outbox alike.</summary>
public abstract class OutboxContract
{
    protected abstract IOutbox Outbox { get; }

    /// <summary>A moment of its own for each test, so messages other tests left in a shared store do not interfere.</summary>
    private static DateTimeOffset Moment() => new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(1, 5_000_000));

    private static OutboundMessage New(DateTimeOffset at) => new()
    {
        Id = OutboundMessage.NewId(),
        ContactId = "test-" + Guid.NewGuid().ToString("N"),
        Purpose = "test",
        SealedBody = "c2VhbGVk",
        CreatedAt = at,
        UpdatedAt = at,
    };

    [Fact]
    public async Task TryAdd_StoresTheMessageAtVersionOne_AndLoadReadsItBack()
    {
        var message = New(Moment()) with { Attempts = 2, PossibleDuplicate = true, Error = "Attempt 2: Twilio answered HTTP 500." };

        Assert.True(await Outbox.TryAddAsync(message));

        var entry = await Outbox.LoadAsync(message.Id);
        Assert.Equal(1, entry!.Version);
        Assert.Equal(message, entry.Message);
    }

    [Fact]
    public async Task TryAdd_Refuses_AnIdThatIsTaken()
    {
        var message = New(Moment());
        Assert.True(await Outbox.TryAddAsync(message));

        Assert.False(await Outbox.TryAddAsync(message with { Purpose = "other" }));

        Assert.Equal("test", (await Outbox.LoadAsync(message.Id))!.Message.Purpose);
    }

    [Fact]
    public async Task Load_ReturnsNull_ForAnUnknownId() =>
        Assert.Null(await Outbox.LoadAsync(OutboundMessage.NewId()));

    [Fact]
    public async Task TrySave_RefusesAndChangesNothing_WhenAnotherSaveCameFirst()
    {
        var message = New(Moment());
        await Outbox.TryAddAsync(message);
        Assert.True(await Outbox.TrySaveAsync(message with { Attempts = 1 }, 1));

        Assert.False(await Outbox.TrySaveAsync(message with { Attempts = 5 }, 1));

        var entry = await Outbox.LoadAsync(message.Id);
        Assert.Equal(2, entry!.Version);
        Assert.Equal(1, entry.Message.Attempts);
    }

    [Fact]
    public async Task Update_GivesTheLeaseToExactlyOneOfManyConcurrentSenders()
    {
        var at = Moment();
        var message = New(at);
        await Outbox.TryAddAsync(message);

        var leases = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() => Outbox.UpdateAsync(message.Id, m =>
            m.State == OutboundState.Pending
                ? m with { State = OutboundState.Sending, LeaseUntil = at.AddMinutes(2), LeaseToken = i.ToString(System.Globalization.CultureInfo.InvariantCulture), Attempts = m.Attempts + 1 }
                : null, maxAttempts: 500))));

        Assert.Single(leases, l => l.Changed);
        Assert.Equal(1, (await Outbox.LoadAsync(message.Id))!.Message.Attempts);
    }

    [Fact]
    public async Task Due_ListsPendingAtTheirNextAttempt_AndLeasedWhenTheLeaseEnds_EarliestFirst()
    {
        var at = Moment();
        var now = New(at);
        var retryLater = New(at) with { NextAttemptAt = at.AddSeconds(30) };
        var leaseEnded = New(at) with { State = OutboundState.Sending, LeaseUntil = at.AddSeconds(-10) };
        var leaseHeld = New(at) with { State = OutboundState.Sending, LeaseUntil = at.AddSeconds(60) };
        foreach (var message in new[] { now, retryLater, leaseEnded, leaseHeld })
        {
            await Outbox.TryAddAsync(message);
        }

        var ours = new HashSet<string>([now.Id, retryLater.Id, leaseEnded.Id, leaseHeld.Id]);
        var dueNow = (await Outbox.DueAsync(at, 10_000)).Where(ours.Contains).ToList();
        var dueLater = (await Outbox.DueAsync(at.AddSeconds(45), 10_000)).Where(ours.Contains).ToList();

        Assert.Equal([leaseEnded.Id, now.Id], dueNow);
        Assert.Equal([leaseEnded.Id, now.Id, retryLater.Id], dueLater);
    }

    [Fact]
    public async Task Due_LeavesOut_SentFailedAndRefusedMessages()
    {
        var at = Moment();
        var message = New(at);
        await Outbox.TryAddAsync(message);
        Assert.Contains(message.Id, await Outbox.DueAsync(at, 10_000));

        await Outbox.TrySaveAsync(message with { State = OutboundState.Sent, ProviderSid = "SM" + Guid.NewGuid().ToString("N") }, 1);
        var refused = New(at) with { State = OutboundState.Refused, Error = "opted out" };
        await Outbox.TryAddAsync(refused);

        var due = await Outbox.DueAsync(at.AddDays(1), 10_000);
        Assert.DoesNotContain(message.Id, due);
        Assert.DoesNotContain(refused.Id, due);
    }

    [Fact]
    public async Task FindIdByProviderSid_FindsTheMessage_OnceItsSidIsStored()
    {
        var message = New(Moment());
        var sid = "SM" + Guid.NewGuid().ToString("N");
        await Outbox.TryAddAsync(message);
        Assert.Null(await Outbox.FindIdByProviderSidAsync(sid));

        await Outbox.TrySaveAsync(message with { State = OutboundState.Sent, ProviderSid = sid }, 1);

        Assert.Equal(message.Id, await Outbox.FindIdByProviderSidAsync(sid));
    }

    [Fact]
    public async Task ListFailed_HasFailedAndRefusedMessages_LatestFirst_AndNotOnesThatRecovered()
    {
        var at = DateTimeOffset.UtcNow.AddYears(50).AddMinutes(Random.Shared.Next(1, 100_000));
        var failed = New(at) with { State = OutboundState.Failed, ErrorCode = 21211, Error = "not a valid phone number", UpdatedAt = at };
        var refused = New(at) with { State = OutboundState.Refused, Error = "opted out", UpdatedAt = at.AddSeconds(1) };
        var recovered = New(at) with { State = OutboundState.Failed, Error = "gave up", UpdatedAt = at.AddSeconds(2) };
        var sent = New(at) with { State = OutboundState.Sent, ProviderSid = "SM" + Guid.NewGuid().ToString("N"), UpdatedAt = at.AddSeconds(3) };
        foreach (var message in new[] { failed, refused, recovered, sent })
        {
            await Outbox.TryAddAsync(message);
        }

        // A status callback shows the message went out after all.
        await Outbox.TrySaveAsync(recovered with { State = OutboundState.Sent, ProviderSid = "SM" + Guid.NewGuid().ToString("N"), Error = null, UpdatedAt = at.AddSeconds(4) }, 1);

        var listed = (await Outbox.ListFailedAsync(3)).Select(m => m.Id).ToList();
        Assert.Equal([refused.Id, failed.Id], listed.Where(new HashSet<string>([failed.Id, refused.Id, recovered.Id, sent.Id]).Contains));
        Assert.Equal(21211, (await Outbox.ListFailedAsync(3)).Single(m => m.Id == failed.Id).ErrorCode);
    }
}
