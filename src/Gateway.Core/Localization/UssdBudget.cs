namespace Gateway.Core.Localization;

/// <summary>
/// A text fits when it fits one USSD screen (see <see cref="UssdScreen"/>). Use the shared
/// instance <see cref="TextBudget.Ussd"/>.
/// </summary>
public sealed record UssdBudget : TextBudget
{
    /// <inheritdoc/>
    public override bool Fits(string text) => UssdScreen.Fits(text);

    /// <inheritdoc/>
    public override string Describe() =>
        "one USSD screen (182 GSM-7 characters, or 80 in other scripts such as Burmese or Khmer)";
}
