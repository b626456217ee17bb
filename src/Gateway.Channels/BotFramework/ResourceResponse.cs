namespace Gateway.Channels.BotFramework;

/// <summary>What the connector answers to a posted activity: the id it gave it.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}
