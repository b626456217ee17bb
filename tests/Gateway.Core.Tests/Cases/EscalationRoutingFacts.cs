using Gateway.Core.Cases;

namespace Gateway.Core.Tests.Cases;

public class EscalationRoutingFacts
{
    // A format-valid number in the unassigned +999 range: tests never use a real one.
    private const string PageNumber = "+99912345678";

    private static readonly DateTimeOffset SaturdayNightInBangkok = new(2026, 11, 28, 15, 10, 0, TimeSpan.Zero); // Sat 22:10 in Bangkok

    private static EscalationTarget Target(string contact, string? pageNumber = PageNumber, string hours = "unknown", string country = "TH", string[]? languages = null) => new()
    {
        Id = $"{contact}/sms",
        By = EscalationTarget.BySms,
        Contact = contact,
        Name = contact,
        PageNumber = pageNumber,
        Hours = hours,
        Country = country,
        Languages = languages ?? [],
    };

    private static EscalationLevel Level(params EscalationTarget[] targets) =>
        new() { Name = "ngo_partner", Targets = targets, AcknowledgeWithin = TimeSpan.FromMinutes(10) };

    [Fact]
    public void Choose_PassesOverAClosedTarget_OnSaturdayNightInItsTimeZone()
    {
        var office = Target("th-ngo-burmese", hours: "Mon-Fri 08:30-16:30", languages: ["my"]);
        var duty = Target("th-ngo-duty", hours: "24/7", languages: ["my"]);

        var decision = EscalationRouting.Choose(Level(office, duty), "my", SaturdayNightInBangkok);

        Assert.Equal([duty], decision.Page);
        Assert.Equal(["th-ngo-burmese/sms: closed (Mon-Fri 08:30-16:30, now Sat 22:10 Asia/Bangkok)"], decision.Reasons);
    }

    [Fact]
    public void Choose_ReadsHoursInTheTargetsCountry_NotInUtc()
    {
        // Friday 23:00 UTC is already Saturday 06:00 in Bangkok and 05:30 in Yangon.
        var fridayNightUtc = new DateTimeOffset(2026, 11, 27, 23, 0, 0, TimeSpan.Zero);
        var bangkok = Target("th-office", hours: "Mon-Fri 00:00-24:00");
        Assert.Empty(EscalationRouting.Choose(Level(bangkok), null, fridayNightUtc).Page);

        // Friday 09:45 UTC is 16:45 in Bangkok (closed at 16:30) and 16:15 in Yangon (open).
        var fridayAfternoonUtc = new DateTimeOffset(2026, 11, 27, 9, 45, 0, TimeSpan.Zero);
        var th = Target("th-office", hours: "Mon-Fri 08:30-16:30");
        var mm = Target("mm-office", hours: "Mon-Fri 08:30-16:30", country: "MM");
        var decision = EscalationRouting.Choose(Level(th, mm), null, fridayAfternoonUtc);

        Assert.Equal([mm], decision.Page);
        Assert.Equal(["th-office/sms: closed (Mon-Fri 08:30-16:30, now Fri 16:45 Asia/Bangkok)"], decision.Reasons);
    }

    [Fact]
    public void Choose_KeepsAnOvernightRangeOpenPastMidnight()
    {
        var night = Target("kh-night", hours: "Fri 20:00-02:00", country: "KH");

        // Saturday 01:30 in Phnom Penh.
        var decision = EscalationRouting.Choose(Level(night), "km", new DateTimeOffset(2026, 11, 27, 18, 30, 0, TimeSpan.Zero));

        Assert.Equal([night], decision.Page);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void Choose_PagesOnlyThoseWhoSpeakTheReportersLanguage_WhenSomeDo()
    {
        var burmese = Target("th-ngo-burmese", languages: ["my"]);
        var khmer = Target("th-ngo-khmer", languages: ["km"]);
        var lao = Target("th-ngo-lao", languages: ["lo", "th"]);
        var anyLanguage = Target("th-ngo-any");

        var decision = EscalationRouting.Choose(Level(burmese, khmer, lao, anyLanguage), "my", SaturdayNightInBangkok);

        Assert.Equal([burmese, anyLanguage], decision.Page);
        Assert.Equal(["th-ngo-khmer/sms: speaks km, not my", "th-ngo-lao/sms: speaks lo and th, not my"], decision.Reasons);
    }

    [Fact]
    public void Choose_PagesEveryOpenTargetAnyway_WhenNobodySpeaksTheLanguage()
    {
        var burmese = Target("th-ngo-burmese", languages: ["my"]);
        var khmer = Target("th-ngo-khmer", languages: ["km"]);
        var closed = Target("th-ngo-office", hours: "Mon-Fri 08:30-16:30", languages: ["vi"]);

        var decision = EscalationRouting.Choose(Level(burmese, khmer, closed), "vi", SaturdayNightInBangkok);

        Assert.Equal([burmese, khmer], decision.Page);
        Assert.Equal(
            [
                "th-ngo-office/sms: closed (Mon-Fri 08:30-16:30, now Sat 22:10 Asia/Bangkok)",
                "th-ngo-burmese/sms: speaks my, not vi; paged anyway, because nobody at this level who can be reached now speaks vi",
                "th-ngo-khmer/sms: speaks km, not vi; paged anyway, because nobody at this level who can be reached now speaks vi",
            ],
            decision.Reasons);
    }

    [Fact]
    public void Choose_MatchesAnyTarget_WhenTheReportersLanguageIsUnknown()
    {
        var khmer = Target("th-ngo-khmer", languages: ["km"]);

        var decision = EscalationRouting.Choose(Level(khmer), null, SaturdayNightInBangkok);

        Assert.Equal([khmer], decision.Page);
        Assert.Empty(decision.Reasons);
    }

    [Fact]
    public void Choose_PagesNobody_WhenEveryTargetIsAPlaceholder()
    {
        var decision = EscalationRouting.Choose(Level(Target("kh-ngo-partner", pageNumber: null, country: "KH", languages: ["km"])), "km", SaturdayNightInBangkok);

        Assert.Empty(decision.Page);
        Assert.Equal(["kh-ngo-partner/sms: no number a provider can reach (placeholder)"], decision.Reasons);
    }

    [Fact]
    public void Choose_PagesAnOrganisationsResponders_AndWebhooks_WithoutAPageNumber()
    {
        var organisation = new EscalationTarget { Id = "partner-ngo/voice", By = EscalationTarget.ByVoice, Organisation = "partner-ngo", Name = "organisation partner-ngo" };
        var webhook = new EscalationTarget { Id = "th-1300", By = EscalationTarget.ByWebhook, Contact = "th-1300", Webhook = "th-1300", Country = "TH", Languages = ["th"] };
        var placeholder = Target("th-ngo-burmese", pageNumber: null, languages: ["my"]);

        var decision = EscalationRouting.Choose(Level(placeholder, organisation, webhook), "th", SaturdayNightInBangkok);

        Assert.Equal([organisation, webhook], decision.Page);
        Assert.Equal(["th-ngo-burmese/sms: no number a provider can reach (placeholder)"], decision.Reasons);
    }

    [Fact]
    public void Choose_PagesNobody_WhenEveryReachableTargetIsClosed()
    {
        var office = Target("th-office", hours: "Mon-Fri 08:30-16:30", languages: ["my"]);
        var placeholder = Target("th-ngo-burmese", pageNumber: null, languages: ["my"]);

        var decision = EscalationRouting.Choose(Level(office, placeholder), "my", SaturdayNightInBangkok);

        Assert.Empty(decision.Page);
        Assert.Equal(2, decision.Reasons.Count);
    }

    [Fact]
    public void Choose_OnTheShippedThaiPolicy_PassesOverThePlaceholderPartnersAndPagesThe1300Webhook()
    {
        var policy = Repository.ShippedBundle.Escalation.For("TH", "trafficking")!;

        var partners = EscalationRouting.Choose(policy.Levels[0], "my", SaturdayNightInBangkok);
        var hotline = EscalationRouting.Choose(policy.Levels[1], "my", SaturdayNightInBangkok);

        Assert.Empty(partners.Page);
        Assert.Equal(policy.Levels[0].Targets.Count, partners.Reasons.Count);
        Assert.All(partners.Reasons, r => Assert.EndsWith(": no number a provider can reach (placeholder)", r, StringComparison.Ordinal));
        var page = Assert.Single(hotline.Page);
        Assert.Equal(("th_1300", "th_1300", "Anti-trafficking hotline"), (page.Id, page.Webhook, page.Name));
        Assert.Equal(["th_1300: speaks th, not my; paged anyway, because nobody at this level who can be reached now speaks my"], hotline.Reasons);
    }

    [Theory]
    [InlineData(null, "provincial-centre/sms: serves Phayao only, and this report's province is not known (it is never guessed from the place written)")]
    [InlineData("Chiang Mai", "provincial-centre/sms: serves Phayao only, and this report is from Chiang Mai")]
    public void Choose_PassesOverACentreForSomeProvinces_WhenTheReportIsNotFromOne(string? province, string reason)
    {
        var centre = Target("provincial-centre") with { Provinces = ["Phayao"] };

        var decision = EscalationRouting.Choose(Level(centre), "th", SaturdayNightInBangkok, province);

        Assert.Empty(decision.Page);
        Assert.Equal([reason], decision.Reasons);
    }

    [Fact]
    public void Choose_PagesACentreForSomeProvinces_ForAReportFromOneOfThem()
    {
        var centre = Target("provincial-centre") with { Provinces = ["Phayao"] };
        var national = Target("national-line");

        var decision = EscalationRouting.Choose(Level(centre, national), "th", SaturdayNightInBangkok, "Phayao");

        Assert.Equal(["provincial-centre/sms", "national-line/sms"], decision.Page.Select(t => t.Id));
        Assert.Equal(["national-line/sms"], EscalationRouting.Choose(Level(centre, national), "th", SaturdayNightInBangkok).Page.Select(t => t.Id));
    }

    [Fact]
    public void Choose_OnTheShippedThaiPolicy_PassesOverThePhayaoCentre_ForAReportWhoseProvinceIsNotKnown()
    {
        var policy = Repository.ShippedBundle.Escalation.For("TH", "trafficking")!;
        var centre = policy.Levels.Single(l => l.Name == "operation_centre");

        var decision = EscalationRouting.Choose(centre, "th", SaturdayNightInBangkok, province: null);

        Assert.Empty(decision.Page);
        Assert.StartsWith("th-phayao-operation-centre/voice: serves Phayao only", Assert.Single(decision.Reasons), StringComparison.Ordinal);
    }
}
