using System.Text;
using CsCheck;
using Gateway.Channels.BotFramework;

namespace Gateway.Channels.Tests.BotFramework;

/// <summary>
/// Generated Bot Framework activities (random bytes, random text, valid activities mutated): TryParse answers with a
/// reason or an activity, never an exception; an activity the gateway writes reads back with the same fields.
/// </summary>
public sealed class BotJsonFuzzFacts
{
    private static readonly string[] Samples =
    [
        """{"type":"message","id":"f5a1","serviceUrl":"https://smba.trafficmanager.net/apac/","channelId":"webchat","from":{"id":"u-1","name":"You"},"recipient":{"id":"bot-1"},"conversation":{"id":"c-1","isGroup":false},"text":"hello","locale":"my-MM","attachments":[],"entities":[{"type":"x"}],"channelData":{"a":1},"value":null}""",
        """{"type":"conversationUpdate","membersAdded":[{"id":"u-1"},{"id":"bot-1"}],"suggestedActions":{"actions":[{"type":"imBack","title":"1","value":"1"}]},"conversation":{"id":"c"}}""",
    ];

    private static readonly string[] Tokens = ["{", "}", "[", "]", "\"", ":", ",", "null", "true", "0", "-0.5e400", "\"type\":", "\"from\":{\"id\":", "\"membersAdded\":[", "\\u0000", "\\ud800", "\"$ref\":\"1\"", "\"$id\":\"1\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["];

    [Fact]
    public void TryParse_RefusesWithAReason_AndNeverThrows()
    {
        var gen = Gen.OneOf(
            Fuzzing.Mutations(Samples, Tokens).Select(Encoding.UTF8.GetBytes),
            Gen.Byte.Array[0, 200],
            Fuzzing.Texts(100).Select(Encoding.UTF8.GetBytes));
        Fuzzing.Check(gen, body =>
        {
            if (BotJson.TryParse(body, out var activity, out var problem))
            {
                Assert.False(string.IsNullOrWhiteSpace(activity!.Type));
                Assert.Null(problem);
                _ = BotJson.Serialize(activity.CreateReply("ok"));
            }
            else
            {
                Assert.Null(activity);
                Assert.False(string.IsNullOrWhiteSpace(problem));
            }
        }, iterations: 20_000, print: Fuzzing.Show);
    }

    [Theory]
    [InlineData("{\"type\":\"message\",\"text\":\"\\ud800\"}")]
    [InlineData("{\"type\":\"message\",\"from\":{\"id\":\"\\udfff\"}}")]
    [InlineData("{\"type\":\"message\",\"type\":\"typing\"}")]
    [InlineData("{\"type\":\"message\",\"membersAdded\":{\"id\":\"u\"}}")]
    public void TryParse_AnOddButWellFormedBody_AnswersWithoutThrowing(string json)
    {
        var parsed = BotJson.TryParse(Encoding.UTF8.GetBytes(json), out var activity, out var problem);

        Assert.True(parsed ? activity is not null : !string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void Activities_ReadBackAsWritten()
    {
        var gen = Gen.Select(Fuzzing.WellFormedTexts(20).Where(t => !string.IsNullOrWhiteSpace(t)), Fuzzing.WellFormedTexts(30), Fuzzing.WellFormedTexts(200), Fuzzing.WellFormedTexts(12));
        Fuzzing.Check(gen, t =>
        {
            var (type, id, text, locale) = t;
            var written = new Activity { Type = type, Id = id, Text = text, Locale = locale, From = new ChannelAccount { Id = id }, Conversation = new ConversationAccount { Id = id } };

            Assert.True(BotJson.TryParse(Encoding.UTF8.GetBytes(BotJson.Serialize(written)), out var read, out var problem), problem);
            Assert.Equal((written.Type, written.Id, written.Text, written.Locale, id, id), (read!.Type, read.Id, read.Text, read.Locale, read.From!.Id, read.Conversation!.Id));
        }, iterations: 5_000);
    }
}
