using Gateway.Core.Cases;
using Gateway.Web.Messaging;
using Gateway.Web.Reports;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.Reports;

/// <summary>Reports through the message path: STATUS for the filer only, SOS joining, acknowledging and its refusals.</summary>
public sealed class ReportServiceFacts : IDisposable
{
    private readonly GatewayFactory _factory = new();

    public ReportServiceFacts() => _ = _factory.Services;

    public void Dispose() => _factory.Dispose();

    private IReportStore Store => _factory.Services.GetRequiredService<IReportStore>();

    private ReportService Reports => _factory.Services.GetRequiredService<ReportService>();

    private Task<Reply> SendAsync(string phone, string text) =>
        _factory.Services.GetRequiredService<MessageProcessor>().ProcessAsync(new InboundMessage("sms", phone, text, null), CancellationToken.None);

    private async Task<Report> SosAsync(string phone)
    {
        var reply = await SendAsync(phone, "SOS");
        var reference = reply.Messages.Select(m => System.Text.RegularExpressions.Regex.Match(m, "[2-9A-HJ-NP-Z]{7}")).First(m => m.Success).Value;
        return (await Store.FindAsync(reference))!;
    }

    [Fact]
    public async Task Status_AnswersTheNumberThatFiledIt_AndNobodyElse()
    {
        var report = await SosAsync("+66812340101");

        var own = await SendAsync("+66812340101", "STATUS " + report.Reference);
        Assert.Contains(own.Messages, m => m.Contains(report.Reference, StringComparison.Ordinal) && m.Contains("finding someone", StringComparison.Ordinal));

        var other = await SendAsync("+66812340102", "STATUS " + report.Reference);
        Assert.Contains(other.Messages, m => m.Contains("found no report", StringComparison.Ordinal));
        Assert.DoesNotContain(other.Messages, m => m.Contains("finding someone", StringComparison.Ordinal));

        // A reference with a wrong check character reads like an unknown one.
        var typo = report.Reference[..6] + (report.Reference[6] == 'A' ? 'B' : 'A');
        Assert.Contains((await SendAsync("+66812340101", "STATUS " + typo)).Messages, m => m.Contains("found no report", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SecondSos_WithinTheWindow_JoinsTheOpenReport()
    {
        var first = await SosAsync("+66812340103");
        var second = await SosAsync("+66812340103");

        Assert.Equal(first.Reference, second.Reference);
        var stored = await Store.FindAsync(first.Reference);
        Assert.Equal(2, stored!.SosCount);
        Assert.Contains(stored.Timeline, t => t.Kind == "sos_again");
    }

    [Fact]
    public async Task Sos_AfterTheReportWasResolved_OpensANewOne()
    {
        var first = await SosAsync("+66812340104");
        await Reports.ResolveAsync(first.Reference, new Actor("tester", null, "api"), "referred", CancellationToken.None);

        var second = await SosAsync("+66812340104");

        Assert.NotEqual(first.Reference, second.Reference);
    }

    [Fact]
    public async Task AckBySms_FromANumberNeverPaged_IsRefusedPolitely_AndChangesNothing()
    {
        var report = await SosAsync("+66812340105");

        var reply = await SendAsync("+66812340199", "ACK " + report.Reference);

        Assert.Contains(reply.Messages, m => m.Contains("was not paged", StringComparison.Ordinal));
        Assert.Equal(ReportStatus.Open, (await Store.FindAsync(report.Reference))!.Status);
        Assert.Contains(_factory.Logs, l => l.Contains("ACK for " + report.Reference + " refused", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Acknowledge_Resolve_Reopen_HandOver_Note_Outcome_AllLandInTheTimeline()
    {
        var report = await SosAsync("+66812340106");
        var responder = new Actor("acct-1", "org-a", "api");

        Assert.Equal(ReportActionOutcome.Done, (await Reports.AcknowledgeAsync(report.Reference, responder, CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Conflict, (await Reports.AcknowledgeAsync(report.Reference, responder, CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Done, (await Reports.AddNoteAsync(report.Reference, responder, "Called the employer's neighbour.", CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Done, (await Reports.HandOverAsync(report.Reference, responder, "org-b", CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Done, (await Reports.SetOutcomeAsync(report.Reference, responder, "referred", CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Done, (await Reports.ResolveAsync(report.Reference, responder, null, CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Done, (await Reports.ReopenAsync(report.Reference, responder, CancellationToken.None)).Outcome);
        Assert.Equal(ReportActionOutcome.Unknown, (await Reports.AcknowledgeAsync(ReportReference.New(), responder, CancellationToken.None)).Outcome);

        var stored = (await Store.FindAsync(report.Reference))!;
        Assert.Equal(ReportStatus.Reopened, stored.Status);
        Assert.Equal("org-b", stored.OwnerOrganisation);
        Assert.Equal("referred", stored.Outcome);
        Assert.Equal(["opened", "acknowledged", "note", "handed_over", "outcome", "resolved", "reopened"], stored.Timeline.Select(t => t.Kind).Where(k => !k.Contains("escalation", StringComparison.Ordinal) && !k.StartsWith("level", StringComparison.Ordinal) && !k.StartsWith("page", StringComparison.Ordinal) && k != "routing"));
        var note = stored.Timeline.Single(t => t.Kind == "note");
        Assert.DoesNotContain("neighbour", note.Text, StringComparison.Ordinal);
        Assert.Equal("Called the employer's neighbour.", Reports.OpenNote(note));
    }
}
