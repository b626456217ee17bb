namespace Gateway.Core.Localization;

/// <summary>
/// A budget that measures a text with a placeholder replaced by what it will become, e.g. <c>{ref}</c> by a
/// reference of seven letters and digits, because the placeholder is filled only after the text was paged.
/// </summary>
internal sealed record StandInBudget(TextBudget Inner, string Placeholder, string StandIn) : TextBudget
{
    /// <inheritdoc/>
    public override bool Fits(string text) => Inner.Fits(text.Replace(Placeholder, StandIn, StringComparison.Ordinal));

    /// <inheritdoc/>
    public override string Describe() => Inner.Describe();
}
