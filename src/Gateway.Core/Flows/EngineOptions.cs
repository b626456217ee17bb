namespace Gateway.Core.Flows;

/// <summary>How the engine pages and normalises; the defaults suit production.</summary>
public sealed class EngineOptions
{
    /// <summary>
    /// An SMS reply longer than this many segments is split into pages behind "0. More", so a long text
    /// does not cost the person's phone or the NGO's budget more than expected.
    /// </summary>
    public int SmsSegmentsPerMessage { get; init; } = 5;

    /// <summary>Wrong answers in a row before the person is offered the menu and the hotline.</summary>
    public int MaxInvalidAnswers { get; init; } = 3;

    /// <summary>
    /// Turns a raw message into the forms keywords and answers are matched against (e.g. as typed and
    /// converted from Zawgyi), the first being the one answers are read from.
    /// </summary>
    /// <remarks>
    /// The default: NFC, zero-width characters dropped, digits of every script read as numbers, and Burmese
    /// also read as Zawgyi converted to Unicode (<see cref="Text.InboundNormalizer"/>).
    /// </remarks>
    public Func<string, IReadOnlyList<string>> Normalize { get; init; } = raw => Text.InboundNormalizer.Normalize(raw).Candidates;

    /// <summary>
    /// Converts a Unicode Burmese reply for a person who chose Zawgyi output; by default ICU's my-Zawgyi
    /// transliterator where ICU is installed (replies stay in Unicode where it is not).
    /// </summary>
    public Func<string, string>? ToZawgyi { get; init; } = Text.IcuTransliterator.IsAvailable(out _) ? Text.IcuTransliterator.ToZawgyi : null;

    /// <summary>
    /// Whether a page could reach a target, as the host knows it (a webhook that is configured here); used when a
    /// text promises that someone will be paged (<see cref="PromiseCheck"/>) and to tell a person who receives their
    /// report. Null: <see cref="Cases.EscalationTarget.IsReachable"/>, which counts every webhook as configured.
    /// </summary>
    public Func<Cases.EscalationTarget, bool>? CanReach { get; init; }
}
