namespace Gateway.Channels.BotFramework;

/// <summary>
/// One button. <c>imBack</c> posts <see cref="Value"/> back into the conversation as if the person had typed it, so
/// a button is exactly the same as typing its number.
/// </summary>
public sealed class CardAction
{
    public const string ImBack = "imBack";

    public string Type { get; set; } = ImBack;

    public string? Title { get; set; }

    public string? Value { get; set; }
}
