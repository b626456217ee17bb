namespace Gateway.Core.Localization;

/// <summary>
/// How much text one reply may carry on a channel: a number of SMS segments, or one USSD
/// screen. Flows and the <see cref="TextPager"/> ask a budget whether a text fits rather than
/// counting characters, because the room depends on the alphabet the whole text needs.
/// </summary>
/// <example>
/// <code>
/// TextBudget.Sms(1).Fits("Hello");   // true: one GSM-7 segment
/// TextBudget.Ussd.Fits(burmeseText); // true when it has at most 80 UTF-16 units
/// </code>
/// </example>
public abstract record TextBudget
{
    /// <summary>One USSD screen.</summary>
    public static TextBudget Ussd { get; } = new UssdBudget();

    /// <summary>At most <paramref name="maxSegments"/> SMS segments.</summary>
    public static TextBudget Sms(int maxSegments) => new SmsBudget(maxSegments);

    /// <summary>True when <paramref name="text"/>, exactly as given, fits the budget.</summary>
    public abstract bool Fits(string text);

    /// <summary>
    /// The budget in words for an NGO editor, to complete a sentence such as
    /// "does not fit on …"; for example "one USSD screen (182 GSM-7 characters, or 80 in
    /// other scripts)".
    /// </summary>
    public abstract string Describe();
}
