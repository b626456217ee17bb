namespace Gateway.Channels.BotFramework;

/// <summary>The outcome of checking a channel's bearer token: valid, or why not (a sentence, never the token).</summary>
public sealed record BotAuthResult(bool IsValid, string? Problem)
{
    public static BotAuthResult Valid { get; } = new(true, null);

    public static BotAuthResult Refused(string problem) => new(false, problem);
}
