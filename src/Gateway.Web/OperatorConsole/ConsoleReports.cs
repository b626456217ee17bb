using Gateway.Core.Cases;
using Gateway.Core.Sessions;
using Gateway.Infrastructure.Security;
using Gateway.Web.Accounts;
using Gateway.Web.Reports;

namespace Gateway.Web.OperatorConsole;

/// <summary>
/// What the console records and shows beyond <see cref="ReportService"/>: each view of a report is a "viewed" line
/// in its timeline, and so is each reveal of the person's number ("number_revealed"); the number is otherwise shown
/// masked to its last three digits, and never logged.
/// </summary>
public sealed partial class ConsoleReports(IReportStore reports, IContactStore contacts, DataKey dataKey, TimeProvider clock, ILogger<ConsoleReports> logger)
{
    public const string ViewedKind = "viewed";
    public const string RevealedKind = "number_revealed";

    /// <summary>Records that <paramref name="actor"/> opened the report; returns the report as stored afterwards.</summary>
    public async Task<Report> RecordViewAsync(Report report, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        var entry = new TimelineEntry(clock.GetUtcNow(), ViewedKind, actor.Name, $"Viewed by {actor.Name} ({actor.Via}).");
        var (updated, _) = await reports.UpdateAsync(report.Reference, r => r.With(entry), cancellationToken);
        return updated ?? report;
    }

    /// <summary>The person's number with all but its last three digits masked, or null when none is kept.</summary>
    public async Task<string?> MaskedNumberAsync(Report report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        return await NumberAsync(report, cancellationToken) is { } number ? ResponderNumbers.Mask(number) : null;
    }

    /// <summary>
    /// The person's whole number, after recording in the timeline who saw it and why: null (and nothing recorded)
    /// when the gateway keeps no number for this report.
    /// </summary>
    public async Task<(string? Number, Report Report)> RevealAsync(Report report, Actor actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(actor);
        if (await NumberAsync(report, cancellationToken) is not { } number)
        {
            return (null, report);
        }

        var entry = new TimelineEntry(clock.GetUtcNow(), RevealedKind, actor.Name, $"The person's number was revealed to {actor.Name} ({actor.Via}).");
        var (updated, _) = await reports.UpdateAsync(report.Reference, r => r.With(entry), cancellationToken);
        LogRevealed(logger, report.Reference, actor.Name);
        return (number, updated ?? report);
    }

    private async Task<string?> NumberAsync(Report report, CancellationToken cancellationToken)
    {
        var profile = (await contacts.LoadAsync(report.ContactId, cancellationToken)).Profile;
        if (profile?.EncryptedAddress is not { } sealedAddress)
        {
            return null;
        }

        try
        {
            return dataKey.Open(sealedAddress);
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The number of the person behind report {Reference} was revealed to {Actor}")]
    private static partial void LogRevealed(ILogger logger, string reference, string actor);
}
