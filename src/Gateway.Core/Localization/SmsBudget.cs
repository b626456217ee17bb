namespace Gateway.Core.Localization;

/// <summary>
/// A text fits when Twilio's calculator would send it in at most <paramref name="MaxSegments"/>
/// segments (see <see cref="SmsSegmentCalculator"/>); each segment is billed.
/// </summary>
/// <param name="MaxSegments">Segments allowed, at least 1.</param>
public sealed record SmsBudget(int MaxSegments) : TextBudget
{
    /// <summary>Segments allowed, at least 1.</summary>
    public int MaxSegments { get; } = MaxSegments >= 1
        ? MaxSegments
        : throw new ArgumentOutOfRangeException(nameof(MaxSegments), MaxSegments, "An SMS budget needs at least one segment.");

    /// <inheritdoc/>
    public override bool Fits(string text) => SmsSegmentCalculator.Measure(text).Segments <= MaxSegments;

    /// <inheritdoc/>
    public override string Describe() => MaxSegments == 1
        ? "one SMS (160 GSM-7 characters, or 70 in other scripts such as Burmese or Khmer)"
        : $"{MaxSegments} SMS segments (153 GSM-7 characters each, or 67 in other scripts such as Burmese or Khmer)";
}
