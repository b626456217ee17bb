using System.Text;
using Gateway.Channels.BotFramework;

namespace Gateway.Channels.Tests.BotFramework;

public sealed class BotJsonFacts
{
    [Fact]
    public void TryParse_ReadsAChannelsActivity_IgnoringFieldsItDoesNotKnow()
    {
        const string json = """
            {"type":"message","id":"1485983408511","timestamp":"2026-03-01T08:00:00.000Z","localTimestamp":"2026-03-01T15:00:00+07:00",
             "serviceUrl":"https://webchat.botframework.com/","channelId":"webchat",
             "from":{"id":"dl_123","name":"You","role":"user"},"recipient":{"id":"gateway-bot@abc","name":"Gateway","role":"bot"},
             "conversation":{"id":"K3x|0001","isGroup":false,"tenantId":"t-1"},
             "text":"SOS","textFormat":"plain","locale":"my-MM","attachments":[],"entities":[{"type":"ClientCapabilities","requiresBotState":true}],
             "channelData":{"clientActivityID":"x"},"somethingNew":{"nested":[1,2,3]},"listenFor":["a"]}
            """;

        Assert.True(BotJson.TryParse(Encoding.UTF8.GetBytes(json), out var activity, out var problem), problem);

        Assert.Equal(ActivityTypes.Message, activity!.Type);
        Assert.Equal("1485983408511", activity.Id);
        Assert.Equal("https://webchat.botframework.com/", activity.ServiceUrl);
        Assert.Equal("webchat", activity.ChannelId);
        Assert.Equal("dl_123", activity.From!.Id);
        Assert.Equal("gateway-bot@abc", activity.Recipient!.Id);
        Assert.Equal("K3x|0001", activity.Conversation!.Id);
        Assert.False(activity.Conversation.IsGroup);
        Assert.Equal("SOS", activity.Text);
        Assert.Equal("my-MM", activity.Locale);
        Assert.NotNull(activity.ChannelData);
    }

    [Fact]
    public void TryParse_ReadsMembersAdded()
    {
        const string json = """{"type":"conversationUpdate","membersAdded":[{"id":"bot"},{"id":"user-1","name":"U"}],"recipient":{"id":"bot"}}""";

        Assert.True(BotJson.TryParse(Encoding.UTF8.GetBytes(json), out var activity, out _));

        Assert.Equal(["bot", "user-1"], activity!.MembersAdded!.Select(m => m.Id));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("{\"type\":", "not a valid activity")]
    [InlineData("null", "JSON null")]
    [InlineData("[1,2]", "not a valid activity")]
    [InlineData("{\"text\":\"hi\"}", "no type")]
    [InlineData("{\"type\":\"message\",\"from\":\"someone\"}", "not a valid activity")]
    public void TryParse_SaysWhy_WhenTheBodyIsNotAnActivity(string json, string expected)
    {
        Assert.False(BotJson.TryParse(Encoding.UTF8.GetBytes(json), out var activity, out var problem));

        Assert.Null(activity);
        Assert.Contains(expected, problem, StringComparison.Ordinal);
    }
}
