using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Web.CheckIns;
using Hangfire;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.CheckIns;

/// <summary>
/// Check-ins and buddies end to end through the signed SMS webhook, with WireMock as Twilio: GO 30 schedules a
/// reminder and an expiry; the expiry alerts only confirmed buddies, in words fit for a child, with the child's last
/// message, and opens a child_at_risk report that pages; SAFE ends the timer; only the reply 1 from the invited number
/// confirms, and a second BUDDY replaces the invitation waiting; a job run twice alerts once.
/// </summary>
public sealed partial class CheckInFacts
{
    private const string LastWords = "Going to the far end of the beach with a customer";

    [Fact]
    public async Task Go30_RemindsFirst_ThenAlertsConfirmedBuddiesOnly_AndOpensAChildAtRiskReportThatPages()
    {
        const string child = "+66812340501";
        const string buddy = "+66815550201";
        const string pending = "+66815550202";
        using var host = new CheckInHost(minute: TimeSpan.FromMilliseconds(400));
        await host.AddBuddyAsync(child, buddy);

        // The invitation names the child by the last digits of their phone only.
        var invitation = (await host.WaitForSmsAsync(buddy, _ => true, TimeSpan.FromSeconds(10)))?.Body;
        Assert.NotNull(invitation);
        Assert.Contains("ending 0501", invitation, StringComparison.Ordinal);
        Assert.Contains("Reply 1 to agree", invitation, StringComparison.Ordinal);
        Assert.DoesNotContain("812340501", invitation, StringComparison.Ordinal);
        Assert.NotNull(await host.WaitForSmsAsync(child, b => b.Contains("ending 0201 is now your buddy", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));

        // A second number is invited and never answers: it must not be alerted.
        Assert.Contains(await host.TextAsync(child, "BUDDY " + pending), m => m.Contains("ending 0202", StringComparison.Ordinal));
        await host.TextAsync(child, LastWords);
        var started = await host.TextAsync(child, "GO 30");
        Assert.Contains(started, m => m.StartsWith("Timer on: 30 minutes", StringComparison.Ordinal));

        var record = (await host.Store.FindAsync(host.ContactId(child)))!;
        var timer = record.Timer!;
        Assert.Equal(30, timer.Minutes);
        Assert.Equal(TimeSpan.FromMilliseconds(400 * 30), timer.DueAt - timer.StartedAt);
        var scheduled = host.Factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100)
            .Where(j => j.Value.Job.Type == typeof(CheckInJobs) && (string)j.Value.Job.Args[1] == timer.Token)
            .Select(j => j.Value.Job.Method.Name).Order(StringComparer.Ordinal);
        Assert.Equal([nameof(CheckInJobs.ExpireAsync), nameof(CheckInJobs.RemindAsync)], scheduled);

        var reminder = await host.WaitForSmsAsync(child, b => b.StartsWith("Your timer ends in", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        var alert = await host.WaitForSmsAsync(buddy, b => b.Contains("has not said SAFE", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotNull(reminder);
        Assert.NotNull(alert);
        Assert.Contains("Reply SAFE", reminder.Value.Body, StringComparison.Ordinal);

        // The alert: who (last digits only), the last message, and what a child buddy can do: tell an adult or call.
        var words = alert.Value.Body;
        Assert.Contains("ending 0501", words, StringComparison.Ordinal);
        Assert.Contains($"\"{LastWords}\"", words, StringComparison.Ordinal);
        Assert.Contains("Tell an adult you trust now, or call 1300.", words, StringComparison.Ordinal);
        Assert.DoesNotContain("812340501", words, StringComparison.Ordinal);
        Assert.DoesNotMatch(GoAndLook(), words.Replace(LastWords, string.Empty, StringComparison.Ordinal));

        // The report: urgent, under 18, child_at_risk; its chain pages the NGO partner.
        var report = await host.Reports.LatestForContactAsync(host.ContactId(child));
        for (var i = 0; i < 100 && report is null; i++)
        {
            await Task.Delay(100);
            report = await host.Reports.LatestForContactAsync(host.ContactId(child));
        }

        Assert.NotNull(report);
        Assert.Equal("child_at_risk", report!.Category);
        Assert.Equal("yes", report.UnderEighteen);
        Assert.True(report.Urgent);
        Assert.NotNull(await host.WaitForSmsAsync(CheckInHost.NgoNumber, b => b.Contains("ACK " + report.Reference, StringComparison.Ordinal), TimeSpan.FromSeconds(20)));
        Assert.Contains((await host.Reports.FindAsync(report.Reference))!.Timeline, t => t.Kind == "checkin_expired" && t.Text.Contains("1 buddy", StringComparison.Ordinal));

        var invitedOnly = Assert.Single(host.SentTo(pending));
        Assert.Contains("Reply 1 to agree", invitedOnly, StringComparison.Ordinal);
        var done = (await host.Store.FindAsync(host.ContactId(child)))!.Timer!;
        Assert.True(done.AlertDone);
        Assert.True(done.RemindedAt < done.DueAt && done.RemindedAt < done.ExpiredAt, $"the reminder was claimed at {done.RemindedAt:O}, the timer was due at {done.DueAt:O} and ran out at {done.ExpiredAt:O}");
        Assert.Equal(report.Reference, done.ReportReference);

        // Nothing the child or a buddy wrote, and no number, reaches the logs.
        Assert.DoesNotContain(host.Factory.Logs, l => l.Contains("812340501", StringComparison.Ordinal) || l.Contains("81555020", StringComparison.Ordinal) || l.Contains("far end of the beach", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Safe_EndsTheTimer_SoNobodyIsRemindedOrAlerted()
    {
        const string child = "+66812340502";
        const string buddy = "+66815550203";
        using var host = new CheckInHost(minute: TimeSpan.FromMilliseconds(300));
        await host.AddBuddyAsync(child, buddy);
        await host.TextAsync(child, "GO 10");
        Assert.Contains(await host.TextAsync(child, "SAFE"), m => m.StartsWith("Welcome back", StringComparison.Ordinal));
        Assert.Null((await host.Store.FindAsync(host.ContactId(child)))!.Timer);

        // The timer would have reminded after 1.5 s and run out after 3 s.
        await Task.Delay(TimeSpan.FromSeconds(5));
        Assert.Single(host.SentTo(buddy));
        Assert.DoesNotContain(host.SentTo(child), b => b.StartsWith("Your timer ends in", StringComparison.Ordinal));
        Assert.Null(await host.Reports.LatestForContactAsync(host.ContactId(child)));
    }

    [Fact]
    public async Task WrongConfirmationNumber_DoesNotConfirm_ButOneDoes()
    {
        const string child = "+66812340503";
        const string buddy = "+66815550204";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        await host.TextAsync(child, "BUDDY 081 555 0204");   // a local number, read in the child's country
        Assert.NotNull(await host.WaitForSmsAsync(buddy, b => b.Contains("Reply 1 to agree", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));

        Assert.Equal(["To agree to be a safety buddy, reply 1."], await host.TextAsync(buddy, "2"));
        var record = (await host.Store.FindAsync(host.ContactId(child)))!;
        Assert.Empty(record.Buddies);
        Assert.Equal(host.ContactId(buddy), record.Invitation!.ContactId);

        Assert.Contains(await host.TextAsync(buddy, "1"), m => m.Contains("safety buddy of the phone ending 0503", StringComparison.Ordinal));
        record = (await host.Store.FindAsync(host.ContactId(child)))!;
        Assert.Equal([host.ContactId(buddy)], record.Buddies.Select(b => b.ContactId));
        Assert.Null(record.Invitation);
    }

    [Fact]
    public async Task SecondBuddy_ReplacesTheInvitationWaiting_AndSaysSo()
    {
        const string child = "+66812340504";
        const string first = "+66815550205";
        const string second = "+66815550206";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        await host.TextAsync(child, "BUDDY " + first);
        var replaced = await host.TextAsync(child, "BUDDY " + second);
        Assert.Contains(replaced, m => m.Contains("ending 0206 instead", StringComparison.Ordinal) && m.Contains("cancelled", StringComparison.Ordinal));

        // The first number's 1 is now an ordinary message for the flows; it confirms nothing.
        Assert.DoesNotContain(await host.TextAsync(first, "1"), m => m.Contains("safety buddy", StringComparison.Ordinal));
        Assert.Empty((await host.Store.FindAsync(host.ContactId(child)))!.Buddies);

        Assert.Contains(await host.TextAsync(second, "1"), m => m.Contains("safety buddy", StringComparison.Ordinal));
        Assert.Equal([host.ContactId(second)], (await host.Store.FindAsync(host.ContactId(child)))!.Buddies.Select(b => b.ContactId));
    }

    [Fact]
    public async Task Buddy_RefusesNumbersItCannotUse()
    {
        const string child = "+66812340505";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        Assert.Contains(await host.TextAsync(child, "BUDDY 123456"), m => m.StartsWith("We could not read that number", StringComparison.Ordinal));
        Assert.Contains(await host.TextAsync(child, "BUDDY " + child), m => m.StartsWith("That is your own number", StringComparison.Ordinal));
        Assert.Contains(await host.TextAsync(child, "BUDDY +1 415 867 5309"), m => m.StartsWith("Sorry, we cannot text that number", StringComparison.Ordinal));
        await Task.Delay(500);
        Assert.Empty(host.Sent);
    }

    [Fact]
    public async Task ExpiryAndReminderJobs_RunTwiceOrAtOnce_AlertAndRemindOnce()
    {
        const string child = "+66812340506";
        const string buddy = "+66815550207";
        using var host = new CheckInHost(minute: TimeSpan.FromMinutes(1));
        await host.AddBuddyAsync(child, buddy);
        await host.TextAsync(child, LastWords);
        await host.TextAsync(child, "GO 30");
        var id = host.ContactId(child);
        var token = (await host.Store.FindAsync(id))!.Timer!.Token;

        await Task.WhenAll(host.Jobs.RemindAsync(id, token), host.Jobs.RemindAsync(id, token));
        await host.Jobs.RemindAsync(id, token);
        await Task.WhenAll(host.Jobs.ExpireAsync(id, token), host.Jobs.ExpireAsync(id, token));
        await host.Jobs.ExpireAsync(id, token);
        await host.Jobs.ExpireAsync(id, "a-stale-token");

        Assert.NotNull(await host.WaitForSmsAsync(buddy, b => b.Contains(LastWords, StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        await Task.Delay(TimeSpan.FromSeconds(1));
        Assert.Single(host.SentTo(buddy), b => b.Contains("has not said SAFE", StringComparison.Ordinal));
        Assert.Single(host.SentTo(child), b => b.StartsWith("Your timer ends in", StringComparison.Ordinal));
        var reports = await host.Reports.ListAsync(new ReportQuery { Category = "child_at_risk" });
        var report = Assert.Single(reports, r => r.ContactId == id);
        Assert.Equal(1, report.SosCount);

        // SAFE after the alert: the buddy hears the child is safe, and the report says so.
        await host.TextAsync(child, "SAFE");
        Assert.NotNull(await host.WaitForSmsAsync(buddy, b => b.Contains("has now said SAFE", StringComparison.Ordinal), TimeSpan.FromSeconds(10)));
        Assert.Contains((await host.Reports.FindAsync(report.Reference))!.Timeline, t => t.Kind == "checkin_safe");
    }

    [Fact]
    public async Task OnRedis_TheTimerRunsOut_AndTheBuddyIsAlerted()
    {
        const string child = "+66812340507";
        const string buddy = "+66815550208";
        using var host = new CheckInHost(minute: TimeSpan.FromMilliseconds(200), redis: true);
        await host.AddBuddyAsync(child, buddy);
        await host.TextAsync(child, "GO 10");

        var alert = await host.WaitForSmsAsync(buddy, b => b.Contains("has not said SAFE", StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.NotNull(alert);
        Assert.Contains("a 10-minute safety timer", alert.Value.Body, StringComparison.Ordinal);

        // The report opens just after the alerts are in the outbox, in the same job.
        var report = await host.Reports.LatestForContactAsync(host.ContactId(child));
        for (var i = 0; i < 100 && report is null; i++)
        {
            await Task.Delay(100);
            report = await host.Reports.LatestForContactAsync(host.ContactId(child));
        }

        Assert.Equal("child_at_risk", report?.Category);
        Assert.NotNull(await host.WaitForSmsAsync(CheckInHost.NgoNumber, b => b.Contains("ACK " + report!.Reference, StringComparison.Ordinal), TimeSpan.FromSeconds(20)));
    }

    // Words that send a buddy to search for the child themselves: a child buddy must be told to get an adult instead.
    [GeneratedRegex(@"(?i)\b(go|come|run)\s+(and\s+)?(look|find|search|get)\b|\blook for\b|\bsearch for\b")]
    private static partial Regex GoAndLook();
}
