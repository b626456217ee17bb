using Gateway.Core.Cases;

namespace Gateway.Core.Tests.Cases;

public class PagingOutlookFacts
{
    // A Thursday, 10:00 in Bangkok; and the Saturday after.
    private static readonly DateTimeOffset Weekday = new(2026, 1, 1, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Saturday = new(2026, 1, 3, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Keeps_AnNgoPromise_OnlyWhileAnNgoSpeakingThePersonsLanguageCanBePaged()
    {
        var escalation = Repository.ShippedBundle.Escalation;

        Assert.False(PagingOutlook.Keeps(PagingOutlook.PromiseNgo, escalation, "TH", null, "my", Weekday, canReach: null, out var why));
        Assert.Contains("th-ngo-burmese/sms: no number a provider can reach (placeholder)", why, StringComparison.Ordinal);

        static bool Burmese(EscalationTarget t) => t.Id == "th-ngo-burmese/sms";
        Assert.True(PagingOutlook.Keeps(PagingOutlook.PromiseNgo, escalation, "TH", null, "my", Weekday, Burmese, out _));

        // The 1300 webhook would be paged for a Khmer speaker "anyway", but it is not an NGO that speaks Khmer.
        Assert.False(PagingOutlook.Keeps(PagingOutlook.PromiseNgo, escalation, "TH", null, "km", Weekday, t => Burmese(t) || t.By == EscalationTarget.ByWebhook, out why));
        Assert.Contains("th-ngo-khmer/sms", why, StringComparison.Ordinal);
        Assert.True(PagingOutlook.Keeps(PagingOutlook.PromisePage, escalation, "TH", null, "km", Weekday, t => t.By == EscalationTarget.ByWebhook, out _));
    }

    [Fact]
    public void Keeps_APagePromise_OnlyWhileSomeoneIsOpen_AtThatHour()
    {
        var ngo = new EscalationTarget
        {
            Id = "partner/sms", By = EscalationTarget.BySms, Kind = RecipientKinds.Ngo, PageNumber = "+66815550101",
            Languages = ["my"], Hours = "Mon-Fri 08:30-16:30", Country = "TH",
        };
        var policies = new EscalationPolicies([new EscalationPolicy
        {
            Id = "office-hours", Countries = ["TH"], Categories = ["*"],
            Levels = [new EscalationLevel { Name = "ngo", Targets = [ngo], AcknowledgeWithin = TimeSpan.FromMinutes(10) }],
        }]);

        Assert.True(PagingOutlook.Keeps(PagingOutlook.PromisePage, policies, "TH", "labour", "my", Weekday, null, out _));
        Assert.False(PagingOutlook.Keeps(PagingOutlook.PromisePage, policies, "TH", "labour", "my", Saturday, null, out var why));
        Assert.Contains("partner/sms: closed (Mon-Fri 08:30-16:30, now Sat 10:00", why, StringComparison.Ordinal);
        Assert.False(PagingOutlook.Keeps(PagingOutlook.PromisePage, policies, "KH", "labour", "my", Weekday, null, out why));
        Assert.Contains("no policy in escalation.yaml covers KH", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Levels_NameEachLevelByItsFurthestKind_FromTheDirectory()
    {
        var levels = PagingOutlook.Levels(Repository.ShippedBundle.Escalation.For("KH", "trafficking")!, "km", Weekday, _ => true);
        Assert.Equal([RecipientKinds.Ngo, RecipientKinds.Police], levels.Select(l => l.Kind));
        Assert.False(RecipientKinds.Accepts(RecipientKinds.NgoOnly, levels[1].Level));
        Assert.True(RecipientKinds.Accepts(RecipientKinds.NgoOnly, levels[0].Level));
        Assert.True(RecipientKinds.Accepts(null, levels[1].Level));
    }
}
