using Gateway.Core.Contacts;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Contacts;

public class ConnectRoutingFacts
{
    // Wednesday 2026-11-25 10:00 in Bangkok (03:00 UTC); the numbers are in +999, which no country has.
    private static readonly DateTimeOffset WednesdayMorning = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset WednesdayNight = new(2026, 11, 25, 15, 0, 0, TimeSpan.Zero);

    private static DirectoryEntry Entry(string id, string kind, string? number, string? page = null, string hours = "unknown", string[]? languages = null, string[]? categories = null, string country = "TH") => new()
    {
        Id = id,
        Name = id,
        Kind = kind,
        Country = country,
        Number = number,
        PageNumber = page,
        Hours = hours,
        Languages = languages ?? [],
        Categories = categories ?? [],
    };

    private static readonly ContactDirectory Directory = new(
    [
        Entry("hotline", "hotline", "1300", categories: ["trafficking", "other"], languages: ["th"]),
        Entry("labour-line", "hotline", "1506", categories: ["labour"], languages: ["th"]),
        Entry("ngo-burmese", "ngo", "+99912345601", hours: "Mon-Fri 08:30-16:30", languages: ["my"]),
        Entry("ngo-khmer", "ngo", "02 123 4567", page: "+99912345602", languages: ["km"]),
        Entry("ngo-placeholder", "ngo", null, languages: ["lo"]),
        Entry("ngo-duty-phone", "ngo", null, page: "+99912345604", languages: ["shn"], hours: "Mon-Fri 08:30-16:30"),
        Entry("kh-hotline", "hotline", "+99912345603", country: "KH"),
    ]);

    [Fact]
    public void Choose_PutsThroughTheNgoSpeakingTheLanguage_WhileItIsOpen()
    {
        var target = ConnectRouting.Choose(Directory, "TH", "labour", "my", WednesdayMorning);

        Assert.Equal("ngo-burmese", target.Entry?.Id);
        Assert.Equal("+99912345601", target.Dial);
    }

    [Fact]
    public void Choose_PassesOverAClosedNgo_ToANumberThatCanBeDialled()
    {
        var target = ConnectRouting.Choose(Directory, "TH", "labour", "my", WednesdayNight);

        // The Khmer partner is open (hours unknown) and its page number can be called; a short code cannot.
        Assert.Equal("ngo-khmer", target.Entry?.Id);
        Assert.Equal("+99912345602", target.Dial);
    }

    [Fact]
    public void Choose_NamesAShortCode_WithoutDialling_WhenNothingElseCanTakeTheCall()
    {
        var onlyHotlines = new ContactDirectory([.. Directory.Entries.Where(e => e.Kind == "hotline")]);

        var target = ConnectRouting.Choose(onlyHotlines, "TH", "labour", "th", WednesdayMorning);

        Assert.Equal("labour-line", target.Entry?.Id);
        Assert.False(target.IsDialable);
    }

    [Fact]
    public void Choose_PutsThroughToAPartnersDutyPhone_WhenItHasNoPublicNumber()
    {
        var target = ConnectRouting.Choose(Directory, "TH", "other", "shn", WednesdayMorning);

        Assert.Equal("ngo-duty-phone", target.Entry?.Id);
        Assert.Equal("+99912345604", target.Dial);
    }

    [Fact]
    public void Choose_NeverPicksAPlaceholder_NorAnotherCountry()
    {
        var target = ConnectRouting.Choose(new ContactDirectory([.. Directory.Entries.Where(e => e.Id is "ngo-placeholder" or "kh-hotline")]), "TH", null, "lo", WednesdayMorning);

        Assert.Null(target.Entry);
        Assert.Null(ConnectRouting.Choose(Directory, null, null, "my", WednesdayMorning).Entry);
    }

    [Fact]
    public void ConnectCall_OnVoice_SaysConnecting_AndTellsTheHostWhom()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { Language = "en", Country = "TH", LastActivity = WednesdayMorning };
        var turn = engine.Handle(session, "MENU", Channel.Voice, WednesdayMorning);
        turn = engine.Handle(turn.Session, "4", Channel.Voice, WednesdayMorning);
        turn = engine.Handle(turn.Session, "4", Channel.Voice, WednesdayMorning);

        // The shipped directory has no number a call can be put through to in Thailand: 1300 is said.
        var connect = Assert.Single(turn.Events.OfType<ConnectRequested>());
        Assert.Equal("th-1300", connect.EntryId);
        Assert.False(connect.Dialable);
        var said = Assert.Single(turn.Said);
        Assert.Equal("connect.call_number", said.Key);
        Assert.Contains("call 1300", said.Text, StringComparison.Ordinal);
        Assert.Null(turn.Session.State);
    }
}
