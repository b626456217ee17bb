namespace Gateway.Core.Cases;

/// <summary>
/// Counts pages per target in a sliding window and keeps the pages held back during a flood for one summary page.
/// Every call is safe to repeat: escalation steps run at least once.
/// </summary>
public interface IPageFloodStore
{
    /// <summary>
    /// Counts the page <paramref name="pageKey"/> (e.g. <c>K7QX2PM/0.0.th-ngo</c>) to <paramref name="targetId"/> once,
    /// forgets pages older than <paramref name="window"/>, and returns its place among the pages in the window
    /// (0 for the first): the same page asked about again keeps its place.
    /// </summary>
    Task<int> CountAsync(string targetId, string pageKey, DateTimeOffset now, TimeSpan window, CancellationToken cancellationToken = default);

    /// <summary>
    /// Adds a held page to the summary <paramref name="summaryId"/>; true when it is in it (now or already), false when
    /// that summary has been taken for sending without it (the page belongs in a later summary).
    /// </summary>
    Task<bool> HoldAsync(string summaryId, HeldPage page, TimeSpan keep, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the summary for sending until <paramref name="leaseUntil"/> and closes it to new pages: its held pages,
    /// or null when it is sent, empty, or another process holds it. A lease taken over from one that ran out is
    /// marked a possible duplicate.
    /// </summary>
    Task<SummaryLease?> TakeAsync(string summaryId, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default);

    /// <summary>The pages held in a summary (for a summary SMS that later came back undelivered).</summary>
    Task<IReadOnlyList<HeldPage>> PagesAsync(string summaryId, CancellationToken cancellationToken = default);

    /// <summary>Gives a taken summary back unsent (to be tried again).</summary>
    Task ReleaseAsync(string summaryId, CancellationToken cancellationToken = default);

    /// <summary>The summary went out (or failed for good): it is never taken again.</summary>
    Task CompleteAsync(string summaryId, CancellationToken cancellationToken = default);
}

/// <summary>A page held back for a summary: which report, which notification of it, at which level.</summary>
public sealed record HeldPage(string Reference, string NotificationId, string LevelName)
{
    /// <summary>One line: reference, notification id and level name, separated by <c>|</c>.</summary>
    public override string ToString() => $"{Reference}|{NotificationId}|{LevelName}";

    public static HeldPage Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parts = text.Split('|', 3);
        return new HeldPage(parts[0], parts.Length > 1 ? parts[1] : string.Empty, parts.Length > 2 ? parts[2] : string.Empty);
    }
}

/// <summary>A summary taken for sending: its held pages, and whether an earlier attempt may have sent it.</summary>
public sealed record SummaryLease(IReadOnlyList<HeldPage> Pages, bool PossibleDuplicate);
