namespace Gateway.Core.Localization;

/// <summary>
/// What a text is for. Every key has one purpose, written once in localization/en.yaml (<c>purpose: danger</c>) and
/// shared by every language, so that a translation can never make a text less guarded than its English. The
/// purpose tells <see cref="Content.ApprovalGate"/> which changes a second person must check.
/// </summary>
public enum TextPurpose
{
    /// <summary>Tells a person who may be in danger now what to do (call a hotline, reply SOS). Guarded.</summary>
    Danger,

    /// <summary>The SOS path: how to ask for help at once, and the answer to an SOS. Guarded.</summary>
    Sos,

    /// <summary>Reporting a problem: the questions, the reference, the report's status, responders' answers. Guarded.</summary>
    Report,

    /// <summary>Asks for or confirms a person's permission: text or call back, buddy, opt-out and opt-in. Guarded.</summary>
    Consent,

    /// <summary>Gives hotline or partner numbers and names, or stands in where there is none. Guarded.</summary>
    Hotline,

    /// <summary>Safety advice for children (the child vendors' section).</summary>
    Child,

    /// <summary>The check-in timer and safety buddies.</summary>
    Checkin,

    /// <summary>Safe-migration advice: before you go, on the road, at work.</summary>
    Advice,

    /// <summary>Menu titles and choices, language and country names.</summary>
    Menu,

    /// <summary>What the gateway says about itself: not understood, more, goodbye, a call being placed.</summary>
    System,
}

/// <summary>The lowercase names of <see cref="TextPurpose"/> used in the language files, and which purposes are guarded.</summary>
public static class TextPurposes
{
    /// <summary>Every purpose, in the order the files and docs list them.</summary>
    public static IReadOnlyList<TextPurpose> All { get; } = Enum.GetValues<TextPurpose>();

    /// <summary>The purposes whose every change needs a second person: danger, sos, report, consent, hotline.</summary>
    public static IReadOnlyList<TextPurpose> Guarded { get; } =
        [TextPurpose.Danger, TextPurpose.Sos, TextPurpose.Report, TextPurpose.Consent, TextPurpose.Hotline];

    /// <summary>Whether every change to a text of this purpose needs a second person.</summary>
    public static bool IsGuarded(this TextPurpose purpose) => Guarded.Contains(purpose);

    /// <summary>The name written in the files: "danger", "sos", "checkin".</summary>
    public static string Name(this TextPurpose purpose) => purpose.ToString().ToLowerInvariant();

    /// <summary>Reads a purpose's name exactly as the files write it (lowercase); false for anything else.</summary>
    public static bool TryParse(string? text, out TextPurpose purpose)
    {
        foreach (var candidate in All)
        {
            if (text == candidate.Name())
            {
                purpose = candidate;
                return true;
            }
        }

        purpose = default;
        return false;
    }
}
