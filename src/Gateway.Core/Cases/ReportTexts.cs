namespace Gateway.Core.Cases;

/// <summary>
/// Text keys the host says about reports, outside any flow: answers to STATUS and ACK, and the notice that someone
/// has taken a case. They may use <c>{ref}</c> and <c>{category}</c> (the report's category in the person's words)
/// besides the built-in placeholders.
/// </summary>
public static class ReportTexts
{
    /// <summary>STATUS on an open or reopened report: received, someone is being found.</summary>
    public const string StatusOpen = "report.status_open";

    /// <summary>STATUS on an acknowledged report: someone has taken it.</summary>
    public const string StatusTaken = "report.status_taken";

    /// <summary>STATUS on a resolved report.</summary>
    public const string StatusClosed = "report.status_closed";

    /// <summary>STATUS with a reference this number did not file (or that does not exist: the answer is the same).</summary>
    public const string StatusUnknown = "report.status_unknown";

    /// <summary>Sent, only with consent to be texted, when a responder acknowledged the report.</summary>
    public const string Taken = "report.taken";

    /// <summary>A paged responder's ACK worked: echoes the reference and category.</summary>
    public const string AckDone = "ack.done";

    /// <summary>ACK from a number that was not paged for the report.</summary>
    public const string AckRefused = "ack.refused";

    /// <summary>ACK on a report someone else took, or that is closed.</summary>
    public const string AckAlready = "ack.already";

    public static readonly IReadOnlyList<string> All = [StatusOpen, StatusTaken, StatusClosed, StatusUnknown, Taken, AckDone, AckRefused, AckAlready];

    /// <summary>
    /// The texts a person who filed a report reads: every language should have them, and the coverage table and the
    /// missing-text warnings count them as needed. The ACK answers are for responders, who read English.
    /// </summary>
    public static readonly IReadOnlyList<string> PersonFacing = [StatusOpen, StatusTaken, StatusClosed, StatusUnknown, Taken];
}
