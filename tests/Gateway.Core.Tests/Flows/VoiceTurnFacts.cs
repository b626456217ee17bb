using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>On voice a turn says which text each part of the reply is, so a call can play its recording.</summary>
public class VoiceTurnFacts
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Handle_OnVoice_ListsEachTextWithItsKeyAndLanguage_AndTheMenuWithItsLabelsKeys()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { Language = "km", Country = "TH", LastActivity = Now };

        var turn = engine.Handle(session, "MENU", Channel.Voice, Now);

        var said = Assert.Single(turn.Said);
        Assert.Equal(("menu.intro", "km"), (said.Key, said.Language));
        Assert.Equal(said.Text, said.Template);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 0], turn.Menu.Select(m => m.Key));
        Assert.Equal("menu.before_you_go", turn.Menu[0].TextKey);
        Assert.Equal(("menu.sos", "km"), (turn.Menu[^1].TextKey, turn.Menu[^1].Language));
    }

    [Fact]
    public void Handle_OnVoice_KeepsTheTemplateOfAFilledText_AndNamesABorrowedOnesLanguage()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { Language = "shn", Country = "TH", LastActivity = Now };

        var turn = engine.Handle(session, "0", Channel.Voice, Now);

        // SOS by its voice key is not a menu option outside a menu; by its word it is, anywhere.
        turn = engine.Handle(turn.Session, "SOS", Channel.Voice, Now);
        var said = Assert.Single(turn.Said, s => s.Key == "sos.received");
        Assert.Equal("sos.received", said.Key);
        Assert.True(said.HasPlaceholders);
        Assert.Contains("{ref}", said.Text, StringComparison.Ordinal);
        Assert.Contains("1300", said.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("{hotline", said.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_OnOtherChannels_ListsNothing()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var turn = engine.Handle(new Session { Language = "en", Country = "TH", LastActivity = Now }, "MENU", Channel.Sms, Now);

        Assert.Empty(turn.Said);
        Assert.NotEmpty(turn.Messages);
    }

    [Fact]
    public void Handle_OnUssd_StillTakes99ForSos_AndOnVoice0()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { Language = "en", Country = "TH", LastActivity = Now };
        var ussd = engine.Handle(engine.Handle(session, "MENU", Channel.Ussd, Now).Session, "99", Channel.Ussd, Now);
        var voice = engine.Handle(engine.Handle(session, "MENU", Channel.Voice, Now).Session, "0", Channel.Voice, Now);
        var voice99 = engine.Handle(engine.Handle(session, "MENU", Channel.Voice, Now).Session, "99", Channel.Voice, Now);

        Assert.Contains(ussd.Events, e => e is ReportRequested { Urgent: true });
        Assert.Contains(voice.Events, e => e is ReportRequested { Urgent: true });
        Assert.DoesNotContain(voice99.Events, e => e is ReportRequested);
    }
}
