using Gateway.Core.Flows;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>Facts said where they are true: registration advice by country, consent answers, the 1506 note.</summary>
public class FactsInPlaceFacts
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static string Say(string key, string language, string country) =>
        Repository.ShippedBundle.Texts.Resolve(key, language, Channel.Sms, country).Text;

    [Theory]
    [InlineData("KH")]
    [InlineData("LA")]
    [InlineData("MM")]
    public void RegistrationAdvice_NamesThailandsQuotas_OnlyWherePeopleLeaveForThailand(string country)
    {
        Assert.Contains("Thailand's official quotas", Say("before.register", "en", country), StringComparison.Ordinal);
        Assert.Contains("โควตา", Say("before.register", "th", country), StringComparison.Ordinal);
        Assert.Contains("ခွဲတမ်း", Say("before.register", "my", country), StringComparison.Ordinal);
        Assert.Contains("កូតា", Say("before.register", "km", country), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("TH")]
    [InlineData("VN")]
    public void RegistrationAdvice_SaysOnlyWhatIsTrueEverywhere_ElsewhereFromThailand(string country)
    {
        Assert.DoesNotContain("quota", Say("before.register", "en", country), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("โควตา", Say("before.register", "th", country), StringComparison.Ordinal);
        Assert.DoesNotContain("ခွဲတမ်း", Say("before.register", "my", country), StringComparison.Ordinal);
        Assert.DoesNotContain("កូតា", Say("before.register", "km", country), StringComparison.Ordinal);
        Assert.DoesNotContain("ໂຄຕ້າ", Say("before.register", "lo", country), StringComparison.Ordinal);
        Assert.DoesNotContain("hạn ngạch", Say("before.register", "vi", country), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("th", "1. ได้", "2. ไม่ได้")]
    [InlineData("lo", "1. ໄດ້", "2. ບໍ່ໄດ້")]
    [InlineData("km", "1. បាន", "2. មិនបាន")]
    [InlineData("my", "1. ရပါသည်", "2. မရပါ")]
    [InlineData("vi", "1. Được", "2. Không được")]
    public void ConsentQuestions_AreAnsweredInTheLanguagesOwnForm(string language, string can, string cannot)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = language, Country = "TH", State = "report:for_whom", Revision = Repository.ShippedBundle.Revision, LastActivity = Now };

        var mayText = engine.Handle(session, "1", Channel.Sms, Now);
        var mayCall = engine.Handle(mayText.Session, "1", Channel.Sms, Now);

        foreach (var turn in new[] { mayText, mayCall })
        {
            var lines = string.Join('\n', turn.Messages).Split('\n');
            Assert.Contains(can, lines);
            Assert.Contains(cannot, lines);
        }
    }

    [Fact]
    public void Validate_AsksFor1506ToBeRecheckedWithTheMinistryOfLabour_UntilItIsVerified()
    {
        var findings = FlowValidator.Validate(Repository.ShippedBundle, Repository.Today);

        var unverified = Assert.Single(findings, f => f.Rule == "fact.unverified" && f.Message.Contains("\"Job-seekers Protection Division", StringComparison.Ordinal));
        Assert.Contains("Before going live: re-check 1506 with the Thai Ministry of Labour", unverified.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryTextWithAFact_IsVerifiedOrListedAsUnverified()
    {
        var bundle = Repository.ShippedBundle;
        var listed = FlowValidator.Validate(bundle, Repository.Today).Where(f => f.Rule == "fact.unverified").Select(f => f.Message).ToList();
        var english = bundle.Texts.Language(TextCatalog.DefaultLanguage)!;

        var silent = english.Texts.Values
            .Where(t => !string.IsNullOrWhiteSpace(t.Fact) && t.VerifiedOn is null && !listed.Exists(m => m.Contains($"\"{t.Key}\"", StringComparison.Ordinal)))
            .Select(t => t.Key)
            .ToList();

        Assert.True(silent.Count == 0, $"texts with fact: and no verified_on that flows validate does not list: {string.Join(", ", silent)}");
        Assert.Contains(listed, m => m.Contains("\"work.wage@TH\"", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("TH", true)]
    [InlineData("KH", false)]
    [InlineData("MM", false)]
    public void ReportFlow_AsksTheProvinceByNumber_OnlyWhereALevelServesSomeProvinces(string country, bool asked)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = "th", Country = country, State = "report:place", Revision = Repository.ShippedBundle.Revision, LastActivity = Now };
        session.Variables["category"] = "trafficking";

        // The place is written as "Phayao": it is never taken for the province.
        var turn = engine.Handle(session, "Phayao", Channel.Sms, Now);

        Assert.Equal(asked ? "report:province" : "report:for_whom", turn.Session.State);
        if (asked)
        {
            Assert.Equal("เรื่องนี้เกิดขึ้นที่จังหวัดไหน\n1. พะเยา\n2. จังหวัดอื่น หรือไม่ทราบ", string.Join('\n', turn.Messages));
        }
    }

    [Theory]
    [InlineData("1", "Phayao")]
    [InlineData("2", null)]
    public void Report_CarriesTheProvinceChosenByNumber_AndNoneOtherwise(string answer, string? province)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = "th", Country = "TH", State = "report:place", Revision = Repository.ShippedBundle.Revision, LastActivity = Now };
        session.Variables["category"] = "trafficking";
        var turn = engine.Handle(session, "Phayao", Channel.Sms, Now);
        foreach (var input in new[] { answer, "1", "2", "2" })
        {
            turn = engine.Handle(turn.Session, input, Channel.Sms, Now);
        }

        Assert.Equal(province, Assert.Single(turn.Events.OfType<ReportRequested>()).Province);
    }
}
