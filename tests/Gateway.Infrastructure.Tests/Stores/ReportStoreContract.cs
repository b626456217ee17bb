using System.Text.Json;
using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every report store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class ReportStoreContract
{
    private static readonly DateTimeOffset Opened = new(2026, 5, 1, 10, 0, 0, TimeSpan.Zero);

    protected abstract IReportStore Reports { get; }

    private static Report NewReport(string contactId = "test-contact", string category = "labour", DateTimeOffset? opened = null) => new()
    {
        Reference = ReportReference.New(),
        ContactId = contactId,
        Category = category,
        Channel = "sms",
        Country = "TH",
        MayText = true,
        UnderEighteen = "no",
        OpenedAt = opened ?? Opened,
        Timeline = [new TimelineEntry(opened ?? Opened, "opened", "reporter", "Report opened by SMS.")],
    };

    private static string Json(Report? report) => JsonSerializer.Serialize(report);

    [Fact]
    public async Task Create_StoresTheReport_AndFindReadsItBack()
    {
        var report = NewReport();
        await Reports.CreateAsync(report);
        Assert.Equal(Json(report), Json(await Reports.FindAsync(report.Reference)));
    }

    [Fact]
    public async Task Create_Refuses_AReferenceThatExists()
    {
        var report = NewReport();
        await Reports.CreateAsync(report);
        await Assert.ThrowsAsync<InvalidOperationException>(() => Reports.CreateAsync(report with { Category = "other" }));
        Assert.Equal("labour", (await Reports.FindAsync(report.Reference))!.Category);
    }

    [Fact]
    public async Task RecordMessage_KeepsTheFirstReference_SoAMessageHandledAgainFindsItsReport()
    {
        var message = "sms:SM" + Guid.NewGuid().ToString("N");
        Assert.Null(await Reports.RecordMessageAsync(message, "FIRST1", TimeSpan.FromMinutes(1)));
        Assert.Equal("FIRST1", await Reports.RecordMessageAsync(message, "OTHER2", TimeSpan.FromMinutes(1)));
        Assert.Null(await Reports.RecordMessageAsync(message + ":1", "OTHER2", TimeSpan.FromMinutes(1)));
    }

    [Fact]
    public async Task Find_ReturnsNull_ForAnUnknownReference() =>
        Assert.Null(await Reports.FindAsync(ReportReference.New()));

    [Fact]
    public async Task Update_LosesNoChange_WhenManyWritersAppendAtOnce()
    {
        var report = NewReport();
        await Reports.CreateAsync(report);

        await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            Reports.UpdateAsync(report.Reference, r => r.With(new TimelineEntry(Opened.AddMinutes(i), "note", $"writer-{i}", "note"))))));

        var stored = await Reports.FindAsync(report.Reference);
        Assert.Equal(21, stored!.Timeline.Count);
        Assert.Equal(20, stored.Timeline.Select(t => t.Actor).Where(a => a.StartsWith("writer-", StringComparison.Ordinal)).Distinct().Count());
    }

    [Fact]
    public async Task Update_ThatReturnsNull_ChangesNothing_AndUnknownReferencesAreReported()
    {
        var report = NewReport();
        await Reports.CreateAsync(report);

        var (unchanged, changed) = await Reports.UpdateAsync(report.Reference, _ => null);
        Assert.False(changed);
        Assert.Equal(Json(report), Json(unchanged));

        var (missing, changedMissing) = await Reports.UpdateAsync(ReportReference.New(), r => r with { Status = ReportStatus.Resolved });
        Assert.Null(missing);
        Assert.False(changedMissing);
    }

    [Fact]
    public async Task List_FiltersAndOrdersNewestFirst()
    {
        var category = "cat" + Guid.NewGuid().ToString("N")[..8];
        var older = NewReport(category: category, opened: DateTimeOffset.UtcNow.AddMinutes(-5));
        var newer = NewReport(category: category, opened: DateTimeOffset.UtcNow) with { UnderEighteen = null, OwnerOrganisation = "org-a" };
        var other = NewReport(category: "other");
        await Reports.CreateAsync(older);
        await Reports.CreateAsync(newer);
        await Reports.CreateAsync(other);

        Assert.Equal([newer.Reference, older.Reference], (await Reports.ListAsync(new ReportQuery { Category = category })).Select(r => r.Reference));
        Assert.Equal([newer.Reference], (await Reports.ListAsync(new ReportQuery { Category = category, UnderEighteen = "unknown" })).Select(r => r.Reference));
        Assert.Equal([newer.Reference], (await Reports.ListAsync(new ReportQuery { Category = category, Organisation = "org-a" })).Select(r => r.Reference));
        Assert.Empty(await Reports.ListAsync(new ReportQuery { Category = category, Organisation = "org-b" }));
        Assert.Single(await Reports.ListAsync(new ReportQuery { Category = category, Limit = 1 }));
    }

    [Fact]
    public async Task LatestForContact_IsTheContactsNewestReport()
    {
        var contact = "contact-" + Guid.NewGuid().ToString("N");
        Assert.Null(await Reports.LatestForContactAsync(contact));
        var first = NewReport(contact, opened: Opened);
        var second = NewReport(contact, opened: Opened.AddHours(1));
        await Reports.CreateAsync(second);
        await Reports.CreateAsync(first);
        await Reports.CreateAsync(NewReport("someone-else", opened: Opened.AddHours(2)));

        Assert.Equal(second.Reference, (await Reports.LatestForContactAsync(contact))!.Reference);
    }

    [Fact]
    public async Task ListDue_FollowsEveryChange_ToWhenAReportsNextStepIsDue()
    {
        // Far in the past, so that no other test's report is due this early.
        var at = new DateTimeOffset(2001, 1, 1, 0, 0, 0, TimeSpan.Zero).AddMinutes(Random.Shared.Next(0, 100_000));
        var policy = new EscalationPolicy { Id = "p", Countries = ["TH"], Categories = ["labour"], Levels = [] };
        EscalationState Chain(DateTimeOffset? due, bool exhausted = false) => new() { PolicyId = "p", Policy = policy, Token = EscalationState.NewToken(), NextStepAt = due, Exhausted = exhausted };
        var first = NewReport(opened: at) with { Escalation = Chain(at.AddMinutes(2)) };
        var second = NewReport(opened: at) with { Escalation = Chain(at.AddMinutes(3)) };
        var neverStarted = NewReport(opened: at.AddMinutes(1));
        var skipped = NewReport(opened: at).With(new TimelineEntry(at, Report.NoChainSkipped, "gateway", "A test report."));
        var exhausted = NewReport(opened: at) with { Escalation = Chain(null, exhausted: true) };
        var acknowledged = NewReport(opened: at) with { Status = ReportStatus.Acknowledged, Escalation = Chain(at.AddMinutes(1)) };
        Report[] all = [first, second, neverStarted, skipped, exhausted, acknowledged];
        foreach (var report in all)
        {
            await Reports.CreateAsync(report);
        }

        async Task<IReadOnlyList<string>> DueAsync(DateTimeOffset before) =>
            [.. (await Reports.ListDueAsync(before, 10_000)).Where(r => all.Any(a => a.Reference == r))];

        Assert.Equal([neverStarted.Reference, first.Reference, second.Reference], await DueAsync(at.AddHours(1)));
        Assert.Equal([neverStarted.Reference, first.Reference], await DueAsync(at.AddMinutes(2)));

        // Acknowledged: no step pending. Moved on: due later. Started: due when its chain says.
        await Reports.UpdateAsync(first.Reference, r => r with { Status = ReportStatus.Acknowledged });
        await Reports.UpdateAsync(second.Reference, r => r with { Escalation = r.Escalation! with { NextStepAt = at.AddHours(2) } });
        await Reports.UpdateAsync(neverStarted.Reference, r => r with { Escalation = Chain(at.AddMinutes(30)) });
        Assert.Equal([neverStarted.Reference], await DueAsync(at.AddHours(1)));
        Assert.Equal([neverStarted.Reference, second.Reference], await DueAsync(at.AddHours(3)));
        Assert.Single(await Reports.ListDueAsync(at.AddHours(3), 1));
    }
}
