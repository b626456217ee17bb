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
/// One journey, four channels: the same person's path (switch the language to Thai, open "at work" and its minimum
/// wage topic, then SOS) over SMS, USSD, chat and voice, each through its real endpoint and checks (Twilio
/// signature, USSD shared secret, Bot Framework token). The gateway's own record of each turn (<see cref="ITurnObserver"/>,
/// cross-checked with the session store) must show the same states and the same events on every channel, and the
/// same report stored; each answer must carry the Thai texts in the channel's own form.
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

    /// <summary>The journey, step by step: what the person does, and the texts the answer must carry in Thai.</summary>
    private static readonly JourneyStep[] Steps =
    [
        new("menu 7: language", c => c.ChooseAsync(7), "en", ["language.choose"]),
        new("4: Thai", c => c.ChooseAsync(4), Language, ["menu.intro", "menu.at_work", "menu.sos"]),
        new("3: at work", c => c.ChooseAsync(3), Language, ["work.intro", "work.wage_title", "menu.sos"]),
        new("1: minimum wage", c => c.ChooseAsync(1), Language, ["work.wage", "menu.sos"]),
        new("SOS", c => c.SosAsync(), Language, ["sos.received"]),
    ];

    /// <summary>What every channel must record, turn by turn: states entered, the state after, the events.</summary>
    private static readonly string[] Expected =
    [
        "menu 7: language | visited main:language | now main:language | events -",
        "4: Thai | visited main:country_once > main:menu | now main:menu | events LanguageChosen language=th",
        "3: at work | visited main:at_work | now main:at_work | events -",
        "1: minimum wage | visited main:work_wage | now main:work_wage | events -",
        "SOS | visited main:sos_sent | now (ended) | events ReportRequested category=other under18=- place=- for=self may_text=no may_call=no urgent=yes; FlowEnded state=main:sos_sent",
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

    [Fact]
    public async Task OneJourney_ReachesTheSameStates_EmitsTheSameEvents_AndStoresTheSameReport_OnAllFourChannels()
    {
        var transcripts = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var reports = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in Channels())
        {
            await SetUpAsync(channel);
            var (transcript, report) = await WalkAsync(channel);
            transcripts[channel.Name] = transcript;
            reports[channel.Name] = report;
        }

        AssertSame("the flow's record", transcripts);
        AssertSame("the stored report", reports.ToDictionary(r => r.Key, r => (IReadOnlyList<string>)[r.Value], StringComparer.Ordinal));
        Assert.Equal(Expected, transcripts["sms"]);
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

    /// <summary>The journey on one channel: the gateway's record of each step, and the report it stored, as lines.</summary>
    private async Task<(IReadOnlyList<string> Transcript, string Report)> WalkAsync(IJourneyChannel channel)
    {
        var transcript = new List<string>();
        string? state;
        IReadOnlyList<string> reports = [];
        ChannelAnswer? answer = null;
        foreach (var step in Steps)
        {
            answer = await step.Act(channel);
            // One turn per step, except where a channel shows a long text a screen at a time (USSD's "0. More").
            var turns = _journal.Take();
            Assert.NotEmpty(turns);
            Assert.All(turns, t => Assert.Equal((channel.ContactId, channel.Name), (t.ContactId, t.Channel)));
            state = turns[^1].State;
            reports = [.. turns.SelectMany(t => t.Reports)];
            var stored = (await SessionAsync(channel))?.State;
            Assert.True(state == stored, $"{channel.Name}, {step.Name}: the session store says {stored ?? "(ended)"}, the turn {state ?? "(ended)"}");
            transcript.Add($"{step.Name} | visited {string.Join(" > ", turns.SelectMany(t => t.Visited))} | now {state ?? "(ended)"} | events {Describe([.. turns.SelectMany(t => t.Events)])}");
            foreach (var key in step.Keys.Where(k => k != "menu.sos" || channel.Renders != Channel.Sms))
            {
                AssertSays(channel, answer, key, step.Language);
            }
        }

        var reference = Assert.Single(reports);
        var report = await _host.Services.GetRequiredService<IReportStore>().FindAsync(reference);
        Assert.NotNull(report);
        Assert.Equal(channel.Name, report.Channel);
        Assert.Equal(channel.ContactId, report.ContactId);
        var said = channel.Renders == Channel.Voice ? string.Join(", ", reference.Select(c => c.ToString())) : reference;
        Assert.Contains(said, answer!.All, StringComparison.Ordinal);
        return (transcript, $"category={report.Category} urgent={report.Urgent} language={report.Language} country={report.Country} under18={report.UnderEighteen ?? "-"} "
            + $"for_someone_else={report.ForSomeoneElse} may_text={report.MayText} may_call={report.MayCall} status={report.Status} test={report.IsTest} sos={report.SosCount}");
    }

    /// <summary>
    /// The answer carries <paramref name="key"/> as the gateway's texts give it for the channel (its variant, for a
    /// person in Thailand), in the journey's language itself, not a fallback; on a call, said by that language's voice.
    /// </summary>
    private void AssertSays(IJourneyChannel channel, ChannelAnswer answer, string key, string language)
    {
        var texts = _host.Services.GetRequiredService<FlowHost>().Engine.Bundle.Texts;
        var resolved = texts.Resolve(key, language, channel.Renders, Country);
        Assert.True(resolved.Language == language && !resolved.IsMissing, $"{key} has no {language} text for {channel.Renders}");
        var expected = Text(key, language, channel.Renders);
        var part = answer.Texts.FirstOrDefault(t => Flat(t.Text).Contains(expected, StringComparison.Ordinal));
        Assert.True(part is not null, $"{channel.Name} does not carry {key} ({language}) \"{expected}\":\n{answer.All}");
        if (channel.Renders == Channel.Voice && texts.Language(language)?.Speech is { } speech)
        {
            Assert.True(part.SpokenIn == speech.Language, $"voice says {key} in {part.SpokenIn ?? "no voice"}, not {speech.Language}");
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
