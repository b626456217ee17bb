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
    public Func<string, IReadOnlyList<string>> Normalize { get; init; } = DefaultNormalize;

    /// <summary>Converts a Unicode Burmese reply for a person who chose Zawgyi output.</summary>
    public Func<string, string>? ToZawgyi { get; init; }

    private static IReadOnlyList<string> DefaultNormalize(string raw) =>
        [raw.Trim().Normalize(System.Text.NormalizationForm.FormC)];
}
