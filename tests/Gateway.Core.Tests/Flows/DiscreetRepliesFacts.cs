using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// Discreet replies on the shipped content: offered in the very first reply, turned on by each language's own word
/// (and QUIET) and off by the option that follows; once on, a whole report and an SOS in that language say no word
/// that names trafficking, SOS or a hotline, in English or in the language's own words.
/// </summary>
public class DiscreetRepliesFacts
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>Each language's word for discretion and for SOS, as flows/keywords.yaml lists them.</summary>
    public static TheoryData<string, string, string> Languages() => new()
    {
        { "en", "QUIET", "HELP ME" },
        { "my", "တိတ်တိတ်", "ကယ်ပါ" },
        { "th", "เงียบ", "ช่วยด้วย" },
        { "km", "ស្ងាត់", "ជួយខ្ញុំផង" },
        { "lo", "ງຽບ", "ຊ່ວຍແດ່" },
        { "vi", "KIN DAO", "CỨU TÔI" },
    };

    /// <summary>
    /// Words a person reading someone else's phone would understand, written here apart from the language files so
    /// that a word dropped from a file's discreet_words is still caught: English's, then each language's own words
    /// for trafficking, SOS and hotline, and the directory's names for the lines given in Thailand.
    /// </summary>
    private static readonly Dictionary<string, string[]> Forbidden = new(StringComparer.Ordinal)
    {
        ["en"] = ["trafficking", "trafficker", "SOS", "hotline", "Job-seekers Protection Division"],
        ["my"] = ["လူကုန်ကူး", "ဖုန်းလိုင်း"],
        ["th"] = ["ค้ามนุษย์", "สายด่วน"],
        ["km"] = ["ជួញដូរមនុស្ស", "ខ្សែទូរស័ព្ទបន្ទាន់"],
        ["lo"] = ["ຄ້າມະນຸດ", "ສາຍດ່ວນ"],
        ["vi"] = ["buôn người", "buôn bán người", "đường dây nóng"],
    };

    [Fact]
    public void TheFirstReply_OffersDiscreetReplies_AndNamesNoTrafficking()
    {
        var engine = new FlowEngine(Repository.ShippedBundle);

        var first = engine.Handle(new Session { LastActivity = Now }, "hello", Channel.Sms, Now);

        var said = string.Join('\n', first.Messages);
        Assert.Equal("main:language", first.Session.State);
        Assert.Contains("Reply QUIET", said, StringComparison.Ordinal);
        Assert.Null(DiscreetWords.Find(said, Repository.ShippedBundle.DiscreetWords));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void TheLanguagesOwnWord_TurnsDiscreetRepliesOn_AndTheNextOptionTurnsThemOff(string language, string quiet, string sos)
    {
        _ = sos;
        var engine = new FlowEngine(Repository.ShippedBundle);
        var session = new Session { State = "main:menu", Language = language, Country = "TH", Revision = engine.Bundle.Revision, LastActivity = Now };

        var on = engine.Handle(session, quiet, Channel.Sms, Now);
        var off = engine.Handle(on.Session, "3", Channel.Sms, Now);
        var latin = engine.Handle(off.Session, "QUIET", Channel.Sms, Now);

        Assert.True(on.Session.Discreet);
        Assert.True(Assert.Single(on.Events.OfType<DiscretionChosen>()).Discreet);
        Assert.False(off.Session.Discreet);
        Assert.Contains("main:menu", off.Visited);
        Assert.True(latin.Session.Discreet);
        Assert.Equal(language, latin.Session.Language);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void AWholeReportAndAnSos_InDiscreetMode_SayNoWordThatNamesTheSubject(string language, string quiet, string sos)
    {
        var bundle = Repository.ShippedBundle;
        string[] conversation = ["1", "4", "3", "5", "1", "1", "Chiang Mai", "1", "1", "2", sos, "4"];

        var discreet = Play(bundle, language, [quiet, .. conversation]);
        var plain = Play(bundle, language, ["MENU", .. conversation]);

        var words = Forbidden["en"].Concat(Forbidden[language]).Concat(bundle.Directory.Entries.Select(e => e.Name)).ToList();
        var named = discreet.SelectMany(m => words.Where(w => m.Contains(w, StringComparison.OrdinalIgnoreCase)).Select(w => $"\"{w}\" in: {m}")).ToList();
        Assert.True(named.Count == 0, string.Join('\n', named));

        // The same conversation without discretion does name the subject: the check above can fail.
        Assert.Contains(plain, m => words.Any(w => m.Contains(w, StringComparison.OrdinalIgnoreCase)));
    }

    [Fact]
    public void ATranslationWithoutANeutralWording_IsPassedOver_ForEnglishsNeutralWords()
    {
        var texts = Repository.ShippedBundle.Texts;

        var plain = texts.Resolve("road.trafficker", "km", Channel.Sms, "TH", discreet: false);
        var discreet = texts.Resolve("road.trafficker", "km", Channel.Sms, "TH", discreet: true);

        Assert.Equal("km", plain.Language);
        Assert.True(discreet.IsFallback);
        Assert.Equal(texts.Language("en")!.Texts["road.trafficker"].Discreet, discreet.Text);
    }

    private static List<string> Play(FlowBundle bundle, string language, IEnumerable<string> inputs)
    {
        var engine = new FlowEngine(bundle);
        var session = new Session { State = "main:menu", Language = language, Country = "TH", Revision = bundle.Revision, LastActivity = Now };
        var said = new List<string>();
        foreach (var input in inputs)
        {
            var turn = engine.Handle(session, input, Channel.Sms, Now);
            said.AddRange(turn.Messages);
            session = turn.Session;
        }

        return said;
    }
}
