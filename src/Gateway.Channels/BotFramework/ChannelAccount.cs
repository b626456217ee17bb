namespace Gateway.Channels.BotFramework;

/// <summary>A person or bot in a conversation (<c>from</c>, <c>recipient</c>, <c>membersAdded</c>).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }

    public string? Name { get; set; }

    public string? Role { get; set; }
}
