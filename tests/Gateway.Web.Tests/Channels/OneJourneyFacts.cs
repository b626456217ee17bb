using System.Globalization;
using System.Text.RegularExpressions;
using Gateway.Core.Cases;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Messaging;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Gateway.Web.Tests.Channels;

/// <summary>
/// One journey, four channels: the same person's path (switch the language, open "at work" and its minimum wage
/// topic, then SOS) over SMS, USSD, chat and voice, each through its real endpoint and its checks (Twilio
/// signature, USSD shared secret, Bot Framework token). The gateway's own record of each turn
/// (<see cref="ITurnObserver"/>, cross-checked with the session store) must show the same states and the same
/// events on every channel, and the same report stored; each answer must carry the chosen language's texts in the
/// channel's own form. Thai is heard in Thai on a call; Burmese and Khmer have no voice or recordings yet, so a call
/// says their texts in English, the next language of their chain.
/// </summary>
public sealed partial class OneJourneyFacts : IDisposable
{
    private const string AppId = "gateway-app-id";
    private const string TokenPath = "/botframework.com/oauth2/v2.0/token";
    private const string UssdSecret = "journey-ussd-secret-8d1e";
    private const string Language = "th";
    private const string Country = "TH";

    private readonly FakeBotFramework _botFramework = new();
    private readonly WireMockServer _connector = WireMockServer.Start();
    private readonly TurnJournal _journal = new();
    private readonly GatewayFactory _factory;
    private readonly WebApplicationFactory<Program> _host;
    private readonly HttpClient _client;

    public OneJourneyFacts()
    {
        _connector.Given(Request.Create().WithPath(TokenPath).UsingPost()).RespondWith(Response.Create().WithStatusCode(200)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"token_type":"Bearer","expires_in":3599,"ext_expires_in":3599,"access_token":"outbound-token-1"}"""));
        _connector.Given(Request.Create().WithPath("/v3/*").UsingPost()).AtPriority(10)
            .RespondWith(Response.Create().WithStatusCode(200).WithBody("""{"id":"reply"}"""));
        _factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Ussd:SharedSecret"] = UssdSecret,
            ["BotFramework:AppId"] = AppId,
            ["BotFramework:AppPassword"] = "gateway-app-secret",
            ["BotFramework:OpenIdMetadataUrl"] = _botFramework.MetadataUrl,
            ["BotFramework:TokenEndpoint"] = _connector.Url + TokenPath,
        });
        _host = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton<ITurnObserver>(_journal)));
        _client = _host.CreateClient();
    }

    /// <summary>The journey, step by step: what the person does, and the texts the answer must carry, in which language.</summary>
    private static JourneyStep[] Steps(string language, int languageOption) =>
    [
        new("menu 7: language", c => c.ChooseAsync(7), "en", ["language.choose"]),
        new($"{languageOption}: {language}", c => c.ChooseAsync(languageOption), language, ["menu.intro", "menu.at_work", "menu.sos"]),
        new("3: at work", c => c.ChooseAsync(3), language, ["work.intro", "work.wage_title", "menu.sos"]),
        new("1: minimum wage", c => c.ChooseAsync(1), language, ["work.wage", "menu.sos"]),
        new("SOS", c => c.SosAsync(), language, ["sos.received_no_contact"]),
    ];

    /// <summary>What every channel must record, step by step: the states entered, the state after, the events.</summary>
    private static string[] Expected(string language, int languageOption) =>
    [
        "menu 7: language | visited main:language | now main:language | events -",
        $"{languageOption}: {language} | visited main:country_once > main:menu | now main:menu | events LanguageChosen language={language}",
        "3: at work | visited main:at_work | now main:at_work | events -",
        "1: minimum wage | visited main:work_wage | now main:work_wage | events -",
        "SOS | visited main:sos_sent > main:sos_recipients > main:sos_choice | now (ended) | events ReportRequested category=other under18=- place=- for=self may_text=no may_call=no urgent=yes; FlowEnded state=main:sos_choice",
    ];

    public void Dispose()
    {
        _client.Dispose();
        _host.Dispose();
        _factory.Dispose();
        _connector.Stop();
        _connector.Dispose();
        _botFramework.Dispose();
    }

    [Theory]
    [InlineData("th", 4)]
    [InlineData("my", 2)]
    [InlineData("km", 5)]
    public async Task OneJourney_ReachesTheSameStates_EmitsTheSameEvents_AndStoresTheSameReport_OnAllFourChannels(string language, int languageOption)
    {
        var steps = Steps(language, languageOption);
        var transcripts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var reports = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var answers = new List<(IJourneyChannel Channel, IReadOnlyList<ChannelAnswer> Answers)>();
        foreach (var channel in Channels())
        {
            await SetUpAsync(channel);
            var walk = await WalkAsync(channel, steps);
            transcripts[channel.Name] = walk.Transcript;
            reports[channel.Name] = [walk.Report];
            answers.Add((channel, walk.Answers));
        }

        // First the comparison, so that a channel that went elsewhere is named with the step where it did.
        AssertSame("the flow's record of the journey", transcripts);
        AssertSame("the report stored", reports);
        Assert.Equal(Expected(language, languageOption), transcripts["sms"]);
        foreach (var (channel, walked) in answers)
        {
            for (var i = 0; i < steps.Length; i++)
            {
                foreach (var key in steps[i].Keys.Where(k => k != "menu.sos" || channel.Renders != Channel.Sms))
                {
                    AssertSays(channel, walked[i], key, steps[i].Language);
                }
            }
        }
    }

    private IEnumerable<IJourneyChannel> Channels()
    {
        var key = _host.Services.GetRequiredService<DataKey>();
        yield return new SmsJourney(_client, "+66812346601", key.ContactId("+66812346601"));
        yield return new UssdJourney(_client, "+66812346602", key.ContactId("+66812346602"), UssdSecret);
        yield return new ChatJourney(_client, _botFramework, _connector, AppId, "journey-user", key.ContactId("chat:webchat:journey-user"));
        yield return new VoiceJourney(_client, "+66812346603", key.ContactId("+66812346603"));
    }

    /// <summary>
    /// To the main menu in English, as a first contact. A phone number's +66 tells the gateway the person is in
    /// Thailand; a chat id tells nothing, so chat alone asks the country once, and the person answers Thailand.
    /// From the menu on, every channel's person is in the same place: that is where the compared journey starts.
    /// </summary>
    private async Task SetUpAsync(IJourneyChannel channel)
    {
        var first = await channel.StartAsync();
        Assert.Contains(Text("language.choose", "en", channel.Renders), Flat(first.All), StringComparison.Ordinal);
        await channel.ChooseAsync(1);
        if (channel.Name == "chat")
        {
            await channel.ChooseAsync(1);
        }

        var turns = _journal.Take();
        Assert.All(turns, t => Assert.Equal((channel.ContactId, channel.Name), (t.ContactId, t.Channel)));
        Assert.Equal("main:language", turns[0].State);
        Assert.Equal("main:menu", turns[^1].State);
        Assert.Contains(turns.SelectMany(t => t.Events), e => e is LanguageChosen { Language: "en" });
        var askedCountry = turns.SelectMany(t => t.Events).OfType<CountryChosen>().Select(c => c.Country).ToList();
        Assert.Equal(channel.Name == "chat" ? [Country] : [], askedCountry);
        Assert.Equal(Country, (await SessionAsync(channel))!.Country);
    }

    /// <summary>The journey on one channel: the gateway's record of each step and of the report it stored, as lines, and what the person got at each step.</summary>
    private async Task<(IReadOnlyList<string> Transcript, string Report, IReadOnlyList<ChannelAnswer> Answers)> WalkAsync(IJourneyChannel channel, IReadOnlyList<JourneyStep> steps)
    {
        var transcript = new List<string>();
        IReadOnlyList<string> reports = [];
        var answers = new List<ChannelAnswer>();
        foreach (var step in steps)
        {
            var answer = await step.Act(channel);
            // One turn per step, except where a channel shows a long text a screen at a time (USSD's "0. More").
            var turns = _journal.Take();
            Assert.True(turns.Count == 1 || (channel.Renders == Channel.Ussd && turns.Count > 1), $"{channel.Name}, {step.Name}: {turns.Count} turns");
            Assert.All(turns, t => Assert.Equal((channel.ContactId, channel.Name), (t.ContactId, t.Channel)));
            var state = turns[^1].State;
            reports = [.. turns.SelectMany(t => t.Reports)];
            var stored = (await SessionAsync(channel))?.State;
            Assert.True(state == stored, $"{channel.Name}, {step.Name}: the session store says {stored ?? "(ended)"}, the turn {state ?? "(ended)"}");
            transcript.Add($"{step.Name} | visited {string.Join(" > ", turns.SelectMany(t => t.Visited))} | now {state ?? "(ended)"} | events {Describe([.. turns.SelectMany(t => t.Events)])}");
            answers.Add(answer);
        }

        var reference = Assert.Single(reports);
        var report = await _host.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal(channel.Name, report.Channel);
        Assert.Equal(channel.ContactId, report.ContactId);
        var said = channel.Renders == Channel.Voice ? string.Join(", ", reference.Select(c => c.ToString())) : reference;
        Assert.Contains(said, answers[^1].All, StringComparison.Ordinal);
        return (transcript, $"category={report.Category} urgent={report.Urgent} language={report.Language} country={report.Country} under18={report.UnderEighteen ?? "-"} "
            + $"for_someone_else={report.ForSomeoneElse} may_text={report.MayText} may_call={report.MayCall} status={report.Status} test={report.IsTest} sos={report.SosCount}", answers);
    }

    /// <summary>
    /// The answer carries <paramref name="key"/> as the gateway's texts give it for the channel (its variant, for a
    /// person in Thailand), written in the journey's language itself, not a fallback. A call says it with the voice
    /// of the first language along the language's fallback chain that has one (no recordings ship yet): Thai in
    /// Thai, Burmese and Khmer in English until they are recorded.
    /// </summary>
    private void AssertSays(IJourneyChannel channel, ChannelAnswer answer, string key, string language)
    {
        var texts = _host.Services.GetRequiredService<FlowHost>().Engine.Bundle.Texts;
        var resolved = texts.Resolve(key, language, channel.Renders, Country);
        Assert.True(resolved.Language == language && !resolved.IsMissing, $"{key} has no {language} text for {channel.Renders}");
        var heard = language;
        SpeechVoice? voice = null;
        if (channel.Renders == Channel.Voice)
        {
            heard = texts.Chain(language).First(c => texts.Language(c)?.Speech is not null);
            voice = texts.Language(heard)!.Speech;
        }

        var expected = Text(key, heard, channel.Renders);
        Assert.True(expected.Length >= 3, $"{key} ({heard}) has too few words before its first value to look for: \"{expected}\"");
        var part = answer.Texts.FirstOrDefault(t => Flat(t.Text).Contains(expected, StringComparison.Ordinal));
        Assert.True(part is not null, $"{channel.Name} does not carry {key} ({heard}) \"{expected}\":\n{answer.All}");
        if (voice is not null)
        {
            Assert.True(part.SpokenIn == voice.Language, $"voice says {key} in {part.SpokenIn ?? "no voice"}, not {voice.Language}");
        }
    }

    /// <summary>The first words of a text as the channel gets it, up to any value filled in ({ref}, {hotline}).</summary>
    private string Text(string key, string language, Channel channel)
    {
        var text = _host.Services.GetRequiredService<FlowHost>().Engine.Bundle.Texts.Resolve(key, language, channel, Country).Text;
        var words = Flat(text.Split('{')[0]);
        return words.Length > 24 ? words[..24] : words;
    }

    private async Task<Session?> SessionAsync(IJourneyChannel channel) =>
        (await _host.Services.GetRequiredService<IContactStore>().LoadAsync(channel.ContactId)).Session;

    private static string Describe(IReadOnlyList<FlowEvent> events) =>
        events.Count == 0 ? "-" : string.Join("; ", events.Select(e => e.Describe()));

    private static string Flat(string text) => Whitespace().Replace(text, " ").Trim();

    /// <summary>Fails with every step where the channels' lines differ, each channel's line shown.</summary>
    private static void AssertSame(string what, IReadOnlyDictionary<string, IReadOnlyList<string>> lines)
    {
        var problems = new List<string>();
        var length = lines.Values.Max(l => l.Count);
        for (var i = 0; i < length; i++)
        {
            var variants = lines.GroupBy(l => i < l.Value.Count ? l.Value[i] : "(nothing)", StringComparer.Ordinal).ToList();
            if (variants.Count > 1)
            {
                problems.Add($"step {i + 1} differs:\n" + string.Join('\n', variants.Select(v => $"  {string.Join(", ", v.Select(l => l.Key)),-16} {v.Key}")));
            }
        }

        Assert.True(problems.Count == 0, $"The channels diverge in {what}:\n{string.Join('\n', problems)}");
        Assert.Equal(4, lines.Count);
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    private sealed record JourneyStep(string Name, Func<IJourneyChannel, Task<ChannelAnswer>> Act, string Language, IReadOnlyList<string> Keys);
}
