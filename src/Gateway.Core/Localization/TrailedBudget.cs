namespace Gateway.Core.Localization;

/// <summary>
/// A budget for the part of a reply that comes before a fixed tail: a text fits when the text with the tail
/// appended fits <paramref name="Inner"/>. The engine pages a menu's text with it so that lines closing every
/// screen (such as "99. SOS" on USSD) always have room.
/// </summary>
internal sealed record TrailedBudget(TextBudget Inner, string Tail) : TextBudget
{
    /// <inheritdoc/>
    public override bool Fits(string text) => Inner.Fits(text + Tail);

    /// <inheritdoc/>
    public override string Describe() => Inner.Describe();
}
