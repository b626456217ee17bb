using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// SOS as a numbered option on every USSD menu screen (flows/keywords.yaml: <c>menu: { key: 99 … }</c>), paging
/// that keeps it on every screen within the budget, and a dropped USSD session resumed on the next dial.
/// </summary>
public class MenuKeywordFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private static FlowEngine Engine() => new(Repository.ShippedBundle, TestEngine.Options);

    /// <summary>Plays <paramref name="inputs"/> ("@dial" = a new USSD session) and returns every turn.</summary>
    private static List<Turn> Play(FlowEngine engine, Channel channel, params string[] inputs)
    {
        var session = new Session { Country = "TH", LastActivity = Now };
        var turns = new List<Turn>();
        var now = Now;
        foreach (var input in inputs)
        {
            now = now.AddSeconds(5);
            var turn = input == "@dial" ? engine.Resume(session, channel, now) : engine.Handle(session, input, channel, now);
            turns.Add(turn);
            session = turn.Session;
        }

        return turns;
    }

    [Fact]
    public void BurmeseUssdJourney_FitsEveryScreen_AndEndsEveryMenuScreenWithSos()
    {
        // Burmese, the work section, a long topic read to its end, back to the menu, the report's first questions
        // (after who will be told, "1. Send it").
        var turns = Play(Engine(), Channel.Ussd, "", "2", "3", "4", "0", "0", "0", "0", "0", "2", "0", "0", "5", "2", "1", "2");

        var screens = turns.SelectMany(t => t.Messages).ToList();
        Assert.True(screens.Count >= turns.Count);
        Assert.All(screens, screen => Assert.True(UssdScreen.Fits(screen), $"does not fit one USSD screen ({UssdScreen.Cost(screen, out _)} units):\n{screen}"));
        Assert.Contains(turns, t => t.Messages.Any(m => m.Contains("\n0. နောက်ထပ်\n99. SOS", StringComparison.Ordinal)));

        // Every screen of a state with options ends with the SOS option, after "more" where the text goes on.
        foreach (var turn in turns.Where(t => t.Session.State is { } state && Repository.ShippedBundle.FindState(state)!.Options.Count > 0))
        {
            Assert.EndsWith("\n99. SOS", Assert.Single(turn.Messages), StringComparison.Ordinal);
        }

        Assert.Equal("report:place", turns[^1].Session.State);
        Assert.Equal("labour", turns[^1].Session.Variables["category"]);
    }

    [Theory]
    [InlineData("my")]
    [InlineData("en")]
    [InlineData("km")]
    public void SosByNumber_FromADeepUssdMenu_OpensAnUrgentReport_KeepingTheCategory(string language)
    {
        var option = language switch { "en" => "1", "my" => "2", _ => "5" };

        // Into a report (labour), past who will be told, then 99 at the question about age.
        var turns = Play(Engine(), Channel.Ussd, "", option, "5", "2", "1", "99");

        var sos = turns[^1];
        var report = Assert.Single(sos.Events.OfType<ReportRequested>());
        Assert.True(report.Urgent);
        Assert.Equal("labour", report.Category);
        Assert.Contains(NodeTypes.MenuOption, sos.Trace);

        // Stored first (the event above), then the person may keep it away from the 1506 hotline, not paged yet.
        Assert.Equal("main:sos_choice_offer", sos.Session.State);
        Assert.Contains("{ref}", Assert.Single(sos.Messages), StringComparison.Ordinal);
    }

    [Fact]
    public void SosByNumber_WorksOnAnIntermediateScreenOfALongText()
    {
        var turns = Play(Engine(), Channel.Ussd, "", "2", "1", "1", "99");

        Assert.NotEmpty(turns[^2].Session.PendingPages);
        Assert.Single(turns[^1].Events.OfType<ReportRequested>());
    }

    [Fact]
    public void Sms_ShowsNoSosOption_And99IsAWrongAnswerThere()
    {
        var turns = Play(Engine(), Channel.Sms, "hello", "1", "99");

        Assert.DoesNotContain(turns[1].Menu, m => m.Key == 99);
        Assert.DoesNotContain("99.", turns[1].Messages[0], StringComparison.Ordinal);
        Assert.Empty(turns[^1].Events.OfType<ReportRequested>());
        Assert.Contains(NodeTypes.Invalid, turns[^1].Trace);
    }

    [Fact]
    public void NinetyNine_IsAnAnswer_WhereTheStateOnlyTakesTypedText()
    {
        // The check-in asks for minutes and has no menu: 99 is 99 minutes, not SOS.
        var turns = Play(Engine(), Channel.Ussd, "", "1", "6", "2", "99");

        Assert.Empty(turns[^1].Events.OfType<ReportRequested>());
        Assert.Equal(99, Assert.Single(turns[^1].Events.OfType<CheckInStarted>()).Minutes);
    }

    [Fact]
    public void Resume_SaysTheScreenTheDroppedSessionWasAt_FromItsFirstPage()
    {
        var engine = Engine();
        var turns = Play(engine, Channel.Ussd, "", "2", "1", "1", "0");
        var dropped = turns[^1].Session;

        var resumed = engine.Resume(dropped, Channel.Ussd, Now.AddMinutes(2));

        Assert.Equal("main:before_register", resumed.Session.State);
        Assert.Equal(turns[3].Messages, resumed.Messages);
        Assert.Equal(turns[3].Session.PendingPages, resumed.Session.PendingPages);
        Assert.Contains(NodeTypes.Resumed, resumed.Trace);
        Assert.Empty(resumed.Events);
        Assert.Equal(0, resumed.Session.InvalidAnswers);
    }

    [Fact]
    public void Resume_StartsAfresh_WhenNothingWasGoingOn_OrTheSessionExpired()
    {
        var engine = Engine();
        var ended = Play(engine, Channel.Ussd, "", "1", "99", "1")[^1].Session; // SOS, then "keep it as it is": ended
        var midway = Play(engine, Channel.Ussd, "", "1", "5")[^1].Session;

        var afterEnd = engine.Resume(ended, Channel.Ussd, Now.AddMinutes(1));
        var afterExpiry = engine.Resume(midway, Channel.Ussd, Now.AddHours(2));
        var first = engine.Resume(null, Channel.Ussd, Now);

        Assert.Equal("main:menu", afterEnd.Session.State);
        Assert.Equal("main:menu", afterExpiry.Session.State);
        Assert.Contains(afterExpiry.Events, e => e is SessionExpired);
        Assert.Equal("main:language", first.Session.State);
        Assert.DoesNotContain(NodeTypes.Resumed, afterEnd.Trace);
    }
}
