using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

public class FlowEngineFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Handle_LeavesTheGivenSessionUntouched_AndRecordsTheRevision()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var first = engine.Handle(null, "hello", Channel.Sms, Now);
        var before = first.Session.Clone();

        var second = engine.Handle(first.Session, "1", Channel.Sms, Now.AddSeconds(5));

        Assert.Equal(before.State, first.Session.State);
        Assert.Null(first.Session.Language);
        Assert.Equal("en", second.Session.Language);
        Assert.Equal("main:country", second.Session.State);
        Assert.Equal(Repository.ShippedBundle.Revision, second.Session.Revision);
        Assert.Equal(Now.AddSeconds(5), second.Session.LastActivity);
    }

    [Fact]
    public void Handle_ReturnsTheMenuForButtonChannels_AndDoesNotPageChat()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var turn = engine.Handle(new Session { Language = "my", Country = "TH", LastActivity = Now }, "hi", Channel.Chat, Now);
        Assert.Single(turn.Messages);
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 99], turn.Menu.Select(m => m.Key));
        Assert.Equal("မသွားမီ", turn.Menu[0].Label);
        Assert.Equal("ယခု အကူအညီ တောင်းရန်", turn.Menu[^1].Label);
    }

    [Fact]
    public void Handle_AsksTheCountry_OfAReturningPersonWhoNeverSaidIt()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);

        var unknown = engine.Handle(new Session { Language = "en", LastActivity = Now }, "hi", Channel.Sms, Now);
        var known = engine.Handle(new Session { Language = "en", Country = "LA", LastActivity = Now }, "hi", Channel.Sms, Now);

        Assert.Equal("main:country", unknown.Session.State);
        Assert.Equal("main:menu", known.Session.State);
    }

    [Fact]
    public void Handle_MovesToTheSameStateAndSaysSo_WhenTheRevisionChanged()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var old = new Session { State = "report:for_whom", Language = "en", Revision = "000000000000", LastActivity = Now };

        var turn = engine.Handle(old, "1", Channel.Sms, Now.AddMinutes(1));

        Assert.Equal("report:for_whom", turn.Session.State);
        var moved = Assert.IsType<SessionMoved>(Assert.Single(turn.Events));
        Assert.Equal("report:for_whom", moved.To);
        Assert.StartsWith("The menu has been updated.", turn.Messages[0], StringComparison.Ordinal);
        Assert.Contains(NodeTypes.Moved, turn.Trace);
    }

    [Fact]
    public void Handle_MovesToTheMenu_WhenTheStateNoLongerExists()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var old = new Session { State = "report:wages_detail", Language = "en", Revision = "000000000000", LastActivity = Now };

        var turn = engine.Handle(old, "2", Channel.Sms, Now.AddMinutes(1));

        Assert.Equal("main:menu", turn.Session.State);
        Assert.Equal("main:menu", Assert.IsType<SessionMoved>(Assert.Single(turn.Events)).To);
    }

    [Fact]
    public void Handle_PrefersAStateKeywordOverAGlobalOne()
    {
        var bundle = LoadWith("flows/main.yaml", text => text.Replace(
            "  info:\n    say: [info.text]\n",
            "  info:\n    say: [info.text]\n    keywords:\n      - id: back\n        words: { en: [MENU] }\n        go: report\n",
            StringComparison.Ordinal));
        var engine = new FlowEngine(bundle);
        var atInfo = new Session { State = "main:info", Language = "en", Revision = bundle.Revision, LastActivity = Now };
        var atMenu = new Session { State = "main:menu", Language = "en", Revision = bundle.Revision, LastActivity = Now };

        Assert.Equal("main:report", Assert.Single(engine.Handle(atInfo, "menu", Channel.Sms, Now).Visited));
        Assert.Equal("main:menu", engine.Handle(atMenu, "menu", Channel.Sms, Now).Session.State);
    }

    [Fact]
    public void Handle_PrefersThePersonsLanguage_WhenAWordMeansDifferentThingsInTwoLanguages()
    {
        var bundle = LoadWith("flows/keywords.yaml", text => text.Replace(
            "  - id: stop\n",
            "  - id: report\n    words:\n      km: [MENU]\n    go: main:report\n  - id: stop\n",
            StringComparison.Ordinal));
        var engine = new FlowEngine(bundle);

        var english = engine.Handle(new Session { Language = "en", LastActivity = Now }, "MENU", Channel.Sms, Now);
        var khmer = engine.Handle(new Session { Language = "km", LastActivity = Now }, "MENU", Channel.Sms, Now);

        Assert.Equal("main:menu", english.Session.State);
        Assert.Contains("main:report", khmer.Visited);
    }

    [Fact]
    public void Handle_FallsBackAlongTheChain_WhenATranslationIsMissing()
    {
        var bundle = LoadWith("localization/km.yaml", text => text.Replace("  menu.back: \"ត្រឡប់\"\n", string.Empty, StringComparison.Ordinal));
        var engine = new FlowEngine(bundle);
        var session = new Session { State = "main:menu", Language = "km", Revision = bundle.Revision, LastActivity = Now };

        var turn = engine.Handle(session, "1", Channel.Sms, Now);

        Assert.Contains("1. Back", turn.Messages[0], StringComparison.Ordinal);
        Assert.Contains("ហៅ 1506", turn.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_RecordsTheBorrowedText_WithoutMarkingWhatThePersonReads()
    {
        var bundle = LoadWith("localization/km.yaml", text => text.Replace("  menu.back: \"ត្រឡប់\"\n", string.Empty, StringComparison.Ordinal));
        var engine = new FlowEngine(bundle);
        var session = new Session { State = "main:menu", Language = "km", Revision = bundle.Revision, LastActivity = Now };

        var turn = engine.Handle(session, "1", Channel.Sms, Now);

        var borrowed = Assert.Single(turn.Borrowed);
        Assert.Equal(("menu.back", "en", "Back"), (borrowed.Key, borrowed.Language, borrowed.Text));
        Assert.DoesNotContain("fallback", turn.Messages[0], StringComparison.Ordinal);
        Assert.Empty(engine.Handle(session, "2", Channel.Sms, Now).Borrowed);
    }

    [Fact]
    public void Handle_SkipsAState_WhenTheSessionAlreadyKnowsWhatItAsks()
    {
        var engine = new FlowEngine(CountryBundle());
        var known = new Session { State = "main:menu", Language = "en", Country = "TH", Revision = engine.Bundle.Revision, LastActivity = Now };

        var turn = engine.Handle(known, "1", Channel.Sms, Now);

        Assert.Equal(["main:ask_country", "main:info"], turn.Visited);
        Assert.Contains(NodeTypes.IfKnown, turn.Trace);
        Assert.Equal("main:info", turn.Session.State);
        Assert.DoesNotContain("Which country", turn.Messages[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Handle_AsksTheCountryOnce_AndKeepsTheAnswer()
    {
        var engine = new FlowEngine(CountryBundle());
        var unknown = new Session { State = "main:menu", Language = "en", Revision = engine.Bundle.Revision, LastActivity = Now };

        var asked = engine.Handle(unknown, "1", Channel.Sms, Now);
        var answered = engine.Handle(asked.Session, "1", Channel.Sms, Now);
        var backAtMenu = engine.Handle(answered.Session, "1", Channel.Sms, Now);
        var again = engine.Handle(backAtMenu.Session, "1", Channel.Sms, Now);

        Assert.Equal("main:ask_country", asked.Session.State);
        Assert.StartsWith("Which country", asked.Messages[0], StringComparison.Ordinal);
        Assert.Equal("KH", answered.Session.Country);
        Assert.Equal("KH", Assert.IsType<CountryChosen>(Assert.Single(answered.Events)).Country);
        Assert.Equal("main:info", answered.Session.State);
        Assert.Equal("main:info", again.Session.State);
        Assert.Contains(NodeTypes.IfKnown, again.Trace);
    }

    [Fact]
    public void Handle_SaysTheCountryVariant_AndNeverAMadeUpNumber()
    {
        var engine = new FlowEngine(CountryBundle());
        Session At(string language, string country) =>
            new() { State = "main:menu", Language = language, Country = country, Revision = engine.Bundle.Revision, LastActivity = Now };

        var thailand = engine.Handle(At("en", "TH"), "1", Channel.Sms, Now).Messages[0];
        var cambodia = engine.Handle(At("en", "KH"), "1", Channel.Sms, Now).Messages[0];
        var khmer = engine.Handle(At("km", "KH"), "1", Channel.Sms, Now);

        Assert.StartsWith("Call 1506 about work.", thailand, StringComparison.Ordinal);
        Assert.StartsWith("In Cambodia: call your local emergency number.", cambodia, StringComparison.Ordinal);
        Assert.StartsWith("ហៅ លេខបន្ទាន់", khmer.Messages[0], StringComparison.Ordinal);
        Assert.Empty(khmer.Borrowed);
    }

    [Fact]
    public void Handle_ReadsMyanmarDigitsAsMenuNumbers()
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { State = "main:menu", Language = "my", Revision = Repository.ShippedBundle.Revision, LastActivity = Now };

        var turn = engine.Handle(session, "၅", Channel.Sms, Now);

        Assert.Equal("report:category", turn.Session.State);
    }

    [Theory]
    [InlineData("ကုမ္ပဏီ")]                  // "company" in Unicode, scored 0.65 as Zawgyi
    [InlineData("ရန္ကုန္")]                  // Yangon in Zawgyi, scored 1.00
    [InlineData("ေစ်း")]                     // "market" in Zawgyi, scored 0.21
    [InlineData("အင်္ဂလိပ် ကျောင်း")]        // kinzi and medial YA, scored 0.00
    public void Handle_SavesFreeTextAsTyped_WhateverTheZawgyiScore(string place)
    {
        var engine = new FlowEngine(Repository.ShippedBundle, TestEngine.Options);
        var session = new Session { State = "report:place", Language = "my", Revision = Repository.ShippedBundle.Revision, LastActivity = Now };

        var turn = engine.Handle(session, place, Channel.Sms, Now);

        Assert.Equal("report:for_whom", turn.Session.State);
        Assert.Equal(place, turn.Session.Variables["place"]);
    }

    /// <summary>The base fixture with a country question before "info" and a Cambodian variant of its text.</summary>
    private static FlowBundle CountryBundle() => LoadWith(
        ("flows/main.yaml", text => text.Replace(
            "        text: menu.info\n        go: info\n",
            "        text: menu.info\n        go: ask_country\n",
            StringComparison.Ordinal) + """
              ask_country:
                if_known: { country: info }
                say: [info.country]
                options:
                  - key: 1
                    text: menu.info
                    do:
                      - set_country: KH
                    go: info
            """),
        ("localization/en.yaml", text => text + """
              info.country: "Which country are you in?"
              info.text@KH: "In Cambodia: call {hotline}."
            """));

    private static FlowBundle LoadWith(string file, Func<string, string> edit) => LoadWith((file, edit));

    private static FlowBundle LoadWith(params (string File, Func<string, string> Edit)[] edits)
    {
        var result = FlowValidatorFacts.Load("base");
        Assert.NotNull(result.Bundle);
        var root = Repository.PathOf("tests/Gateway.Core.Tests/Flows/Fixtures/base");
        var files = Directory.EnumerateFiles(root, "*.yaml", SearchOption.AllDirectories)
            .Select(p => (Display: Path.GetRelativePath(root, p).Replace('\\', '/'), Text: File.ReadAllText(p)))
            .Select(f => new SourceFile(f.Display, edits.Where(e => e.File == f.Display).Aggregate(f.Text, (text, e) => e.Edit(text))))
            .ToList();
        Assert.All(edits, e => Assert.Contains(files, f => f.DisplayPath == e.File));
        var loaded = FlowLoader.Load(
            new FlowSource(files.Where(f => f.DisplayPath.StartsWith("flows/", StringComparison.Ordinal)), files.Where(f => f.DisplayPath.StartsWith("localization/", StringComparison.Ordinal))),
            Repository.Today);
        return loaded.Bundle ?? throw new InvalidOperationException(string.Join('\n', loaded.Findings));
    }
}
