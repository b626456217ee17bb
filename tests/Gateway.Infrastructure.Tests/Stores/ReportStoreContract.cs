using Gateway.Core.Cases;

namespace Gateway.Infrastructure.Tests.Stores;

/// <summary>What every report store must do; run against the in-memory and the Redis store alike.</summary>
public abstract class ReportStoreContract
{
    protected abstract IReportStore Reports { get; }

    private static Report NewReport() => new()
    {
        Reference = ReportReference.New(),
        ContactId = "test-contact",
        Category = "labour",
        Channel = "sms",
        Country = "TH",
        MayText = true,
        UnderEighteen = "no",
        OpenedAt = new DateTimeOffset(2026, 5, 1, 10, 0, 0, TimeSpan.Zero),
    };

    [Fact]
    public async Task Create_StoresTheReport_AndFindReadsItBack()
    {
        var report = NewReport();
        await Reports.CreateAsync(report);
        Assert.Equal(report, await Reports.FindAsync(report.Reference));
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
    public async Task Find_ReturnsNull_ForAnUnknownReference() =>
        Assert.Null(await Reports.FindAsync(ReportReference.New()));
}
