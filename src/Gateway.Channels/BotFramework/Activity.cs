using System.Text.Json;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// A Bot Framework activity, as a channel posts it to <c>/api/messages</c> and as the gateway posts its replies to
/// the connector. Only the fields the gateway reads or writes are typed; the rest (attachments, entities,
/// channelData) are kept as raw JSON, and fields the protocol adds later are ignored.
/// </summary>
/// <example>
/// <code>
/// {"type":"message","id":"f5a1","serviceUrl":"https://smba.trafficmanager.net/apac/","channelId":"webchat",
///  "from":{"id":"u-1"},"recipient":{"id":"bot-1"},"conversation":{"id":"c-1"},"text":"hello","locale":"my-MM"}
/// </code>
/// </example>
public sealed class Activity
{
    public string? Type { get; set; }

    public string? Id { get; set; }

    /// <summary>ISO 8601 as the channel wrote it; kept as text so an unusual format never refuses a message.</summary>
    public string? Timestamp { get; set; }

    public string? LocalTimestamp { get; set; }

    /// <summary>Where replies go: the connector of the channel that sent this activity.</summary>
    public string? ServiceUrl { get; set; }

    public string? ChannelId { get; set; }

    public ChannelAccount? From { get; set; }

    public ChannelAccount? Recipient { get; set; }

    public ConversationAccount? Conversation { get; set; }

    public string? Text { get; set; }

    public string? TextFormat { get; set; }

    /// <summary>The person's locale as a BCP 47 tag (e.g. my-MM), when the channel knows it.</summary>
    public string? Locale { get; set; }

    public string? ReplyToId { get; set; }

    public string? InputHint { get; set; }

    public IReadOnlyList<ChannelAccount>? MembersAdded { get; set; }

    public IReadOnlyList<ChannelAccount>? MembersRemoved { get; set; }

    public SuggestedActions? SuggestedActions { get; set; }

    public JsonElement? Attachments { get; set; }

    public JsonElement? Entities { get; set; }

    public JsonElement? ChannelData { get; set; }

    public JsonElement? Value { get; set; }

    public string? Name { get; set; }

    /// <summary>
    /// The reply to this activity that carries <paramref name="text"/>: from the recipient to the sender, in the same
    /// conversation, marked as a reply to this activity's id.
    /// </summary>
    public Activity CreateReply(string text) => new()
    {
        Type = ActivityTypes.Message,
        ServiceUrl = ServiceUrl,
        ChannelId = ChannelId,
        From = Recipient is null ? null : new ChannelAccount { Id = Recipient.Id, Name = Recipient.Name },
        Recipient = From is null ? null : new ChannelAccount { Id = From.Id, Name = From.Name },
        Conversation = Conversation is null ? null : new ConversationAccount { Id = Conversation.Id, IsGroup = Conversation.IsGroup, ConversationType = Conversation.ConversationType, TenantId = Conversation.TenantId },
        ReplyToId = Id,
        Locale = Locale,
        Text = text,
        TextFormat = "plain",
    };
}
