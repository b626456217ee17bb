using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// GO, SAFE and BUDDY in each language's own words (flows/keywords.yaml), through the engine with the shipped flows:
/// a child writes the word of their language and is answered in it, and the English words still work for them.
/// </summary>
public class CheckInKeywordFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>The language, its GO, SAFE and BUDDY words as a child types them, and the start of its checkin.started.</summary>
    public static TheoryData<string, string, string, string, string> OwnWords() => new()
    {
        { "th", "ไป", "ปลอดภัย", "เพื่อน", "เริ่มจับเวลา 20 นาที" },
        { "km", "ទៅ", "សុវត្ថិភាព", "មិត្ត", "បានចាប់ផ្តើមកំណត់ពេល 20 នាទី" },
        { "lo", "ໄປ", "ປອດໄພ", "ໝູ່", "ເລີ່ມຕັ້ງເວລາ 20 ນາທີ" },
        { "vi", "đi", "an toàn", "bạn", "Đã bật hẹn giờ: 20 phút" },
        { "vi", "DI", "AN TOAN", "BAN", "Đã bật hẹn giờ: 20 phút" },
        { "my", "သွားမယ်", "ရောက်ပြီ", "သူငယ်ချင်း", "အချိန်မှတ်ပြီ: 20 မိနစ်" },
    };

    [Theory]
    [MemberData(nameof(OwnWords))]
    public void OwnWords_StartAndEndACheckIn_AndInviteABuddy_InTheChildsLanguage(string language, string go, string safe, string buddy, string started)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = language, Country = "KH", LastActivity = Now };

        var start = engine.Handle(session, $"{go} 20", Channel.Sms, Now.AddSeconds(5));
        Assert.Equal(new CheckInStarted(20), Assert.Single(start.Events));
        Assert.StartsWith(started, Assert.Single(start.Messages), StringComparison.Ordinal);
        Assert.Empty(start.Borrowed);

        var end = engine.Handle(start.Session, safe, Channel.Sms, Now.AddSeconds(10));
        Assert.IsType<CheckInCancelled>(Assert.Single(end.Events));
        Assert.Empty(end.Borrowed);

        var invite = engine.Handle(end.Session, $"{buddy} +855 12 345 678", Channel.Sms, Now.AddSeconds(15));
        Assert.Equal(new KeywordReceived("buddy", "+855 12 345 678"), Assert.Single(invite.Events));
        Assert.Equal(language, invite.Session.Language);
    }

    [Theory]
    [InlineData("th")]
    [InlineData("km")]
    [InlineData("lo")]
    [InlineData("vi")]
    [InlineData("my")]
    public void EnglishWords_StillWork_AndAreAnsweredInTheChildsLanguage(string language)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = language, Country = "KH", LastActivity = Now };

        var start = engine.Handle(session, "GO 20", Channel.Sms, Now.AddSeconds(5));
        Assert.Equal(new CheckInStarted(20), Assert.Single(start.Events));
        Assert.Empty(start.Borrowed);
        Assert.Equal(language, start.Session.Language);

        Assert.IsType<CheckInCancelled>(Assert.Single(engine.Handle(start.Session, "safe", Channel.Sms, Now.AddSeconds(10)).Events));
        Assert.IsType<KeywordReceived>(Assert.Single(engine.Handle(start.Session, "BUDDY +85512345678", Channel.Sms, Now.AddSeconds(15)).Events));
    }

    [Fact]
    public void AKhmerWord_BeforeAnyLanguageIsChosen_AnswersInKhmer()
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);

        var turn = engine.Handle(null, "ទៅ 30", Channel.Sms, Now);

        Assert.Equal(new CheckInStarted(30), Assert.Single(turn.Events, e => e is CheckInStarted));
        Assert.Equal("km", turn.Session.Language);
        Assert.StartsWith("បានចាប់ផ្តើមកំណត់ពេល 30 នាទី", turn.Messages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void OwnWords_NeedTheirMinutes_AndMeanNothingInsideASentence()
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { Language = "th", Country = "TH", LastActivity = Now };

        // "ไป" alone, or in a sentence, is not GO: the child is in the menus, no timer starts.
        Assert.DoesNotContain(engine.Handle(session, "ไป", Channel.Sms, Now).Events, e => e is CheckInStarted);
        Assert.DoesNotContain(engine.Handle(session, "ไป ทะเล 20", Channel.Sms, Now).Events, e => e is CheckInStarted);
        Assert.DoesNotContain(engine.Handle(session, "เพื่อน ของฉัน", Channel.Sms, Now).Events, e => e is KeywordReceived);
    }
}
