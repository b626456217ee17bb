namespace Gateway.Channels.BotFramework;

/// <summary>Buttons offered with a message; most channels hide them once the person answers.</summary>
public sealed class SuggestedActions
{
    /// <summary>Ids of the accounts that see the buttons; absent means everyone.</summary>
    public IReadOnlyList<string>? To { get; set; }

    public IReadOnlyList<CardAction> Actions { get; set; } = [];
}
