using System.Text.Json.Nodes;
using CsCheck;
using Gateway.Channels.Ussd;

namespace Gateway.Channels.Tests.Ussd;

/// <summary>
/// Generated USSD requests for both conventions (Africa's Talking forms, Hubtel JSON: random, and valid ones
/// mutated) and text histories: a refusal with a reason or a request, never an exception; a valid Hubtel request
/// reads back as sent, and the new answer of a history is always a part of it.
/// </summary>
public sealed class UssdFuzzFacts
{
    private static readonly string[] HubtelSamples =
    [
        """{"Type":"Initiation","Mobile":"233244123456","SessionId":"a1b2","ServiceCode":"*714#","Message":"*714#","Operator":"mtn","Sequence":1,"ClientState":null}""",
        """{"Type":"Response","Mobile":"233244123456","SessionId":"a1b2","Message":"1*2","Sequence":"3"}""",
        """{"Type":"Release","Mobile":"+233244123456","SessionId":"x","Sequence":2,"ClientState":"s"}""",
    ];

    private static readonly string[] JsonTokens = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "-1", "1e309", "\"Sequence\":", "\"Type\":\"Response\"", "\\u0000", "\\ud800", "[[[[[[[[[[", "9223372036854775808"];

    [Fact]
    public void AfricasTalking_RefusesWithAReason_AndNeverThrows()
    {
        string[] names = ["sessionId", "phoneNumber", "text", "serviceCode", "networkCode"];
        var gen = Gen.Select(Gen.OneOf(Gen.Int[0, names.Length - 1].Select(i => names[i]), Fuzzing.Texts(10)), Gen.OneOf(Fuzzing.Texts(200), Gen.Const(new string('x', 129)))).Array[0, 8]
            .Select(pairs => pairs.GroupBy(p => p.Item1, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Item2, StringComparer.Ordinal));
        Fuzzing.Check(gen, form =>
        {
            if (AfricasTalkingUssd.TryParse(form, out var request, out var problem))
            {
                Assert.Equal(form["text"].Length, request.Step);
                Assert.True(request.SessionId.Length <= 128);
                var rendered = AfricasTalkingUssd.Render(new UssdResponse(request.Text, Ends: request.Text.Length % 2 == 0));
                Assert.True(rendered.StartsWith("CON ", StringComparison.Ordinal) || rendered.StartsWith("END ", StringComparison.Ordinal));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }
        }, iterations: 20_000, print: Fuzzing.Show);
    }

    [Fact]
    public void Hubtel_RefusesWithAReason_AndNeverThrows()
    {
        var gen = Gen.OneOf(Fuzzing.Mutations(HubtelSamples, JsonTokens), Fuzzing.Texts(80), Gen.Int[1, 3000].Select(n => new string('[', n)));
        Fuzzing.Check(gen, json =>
        {
            if (HubtelUssd.TryParse(json, out var request, out var problem))
            {
                Assert.True(request.Step >= 0);
                Assert.False(string.IsNullOrWhiteSpace(request.PhoneNumber));
                Assert.NotNull(JsonNode.Parse(HubtelUssd.Render(new UssdResponse(request.Text, Ends: false), request.ClientState)));
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }
        }, iterations: 20_000);
    }

    [Theory]
    [InlineData("{\"Type\":\"Response\",\"Mobile\":\"233244123456\",\"SessionId\":\"a\\ude00\",\"Sequence\":2}")]
    [InlineData("{\"Type\":\"Response\",\"Mobile\":\"233244123456\",\"SessionId\\ud800\":\"a\",\"Sequence\":2}")]
    [InlineData("{\"Type\":\"Response\",\"Mobile\":\"\\ud800\",\"SessionId\":\"a\",\"Sequence\":2}")]
    [InlineData("{\"Type\":\"Response\",\"Type\":\"Release\",\"Mobile\":\"233244123456\",\"SessionId\":\"a\",\"Sequence\":2}")]
    [InlineData("{\"Type\":\"Response\",\"Mobile\":\"233244123456\",\"SessionId\":\"a\",\"Sequence\":2,\"Sequence\":3}")]
    public void Hubtel_RefusesABodyJsonCannotHold_WithAReason(string json)
    {
        // Found by the fuzzing above: text that is not valid UTF-16 (raw, or escaped as half a character in the
        // JSON, which the wire can carry), and a name given twice, made TryParse throw.
        var text = json.Replace("a\\ude00", "a\ude00", StringComparison.Ordinal);

        Assert.False(HubtelUssd.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Hubtel_ValidRequests_ReadBackAsSent()
    {
        var gen = Gen.Select(Gen.OneOf("Initiation", "Response", "release", "TIMEOUT"), Gen.Char['0', '9'].Array[6, 15], Fuzzing.WellFormedTexts(40).Where(t => !string.IsNullOrWhiteSpace(t) && t.Length <= 128), Fuzzing.WellFormedTexts(160), Gen.Long[0, long.MaxValue]);
        Fuzzing.Check(gen, t =>
        {
            var (type, digits, session, message, sequence) = (t.Item1, new string(t.Item2), t.Item3, t.Item4, t.Item5);
            var json = new JsonObject { ["Type"] = type, ["Mobile"] = digits, ["SessionId"] = session, ["Message"] = message, ["Sequence"] = sequence }.ToJsonString();

            Assert.True(HubtelUssd.TryParse(json, out var request, out var problem), problem);
            Assert.Equal("+" + digits, request.PhoneNumber);
            Assert.Equal(session, request.SessionId);
            Assert.Equal(sequence, request.Step);
            Assert.Equal(request.Kind == UssdRequestKind.Dial ? string.Empty : message, request.Text);
        }, iterations: 5_000);
    }

    [Fact]
    public void History_NewAnswer_IsAlwaysTheEndOfTheHistory()
    {
        var gen = Gen.Select(Gen.OneOf(Fuzzing.Texts(60), Gen.Char["0123456789*"].Array[0, 40].Select(c => new string(c))), Gen.OneOf(Gen.Long[long.MinValue, long.MaxValue], Gen.Long[-2, 60]));
        Fuzzing.Check(gen, t =>
        {
            var (text, consumed) = t;
            var answer = UssdHistory.After(text, consumed);
            Assert.EndsWith(answer, text, StringComparison.Ordinal);
            if (consumed <= 0)
            {
                Assert.Equal(text, answer);
            }
        }, iterations: 20_000);
    }
}
