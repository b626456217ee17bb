using Gateway.Core.Cases;

namespace Gateway.Bench.Escalation;

/// <summary>
/// Reads each report's escalation from its timeline. A step writes its start time (the time it took right after
/// reading the report) into the entry it adds: <c>level_done</c> for a level that paged, <c>chain_exhausted</c> for
/// the step after the last level. The step that pages level <c>k</c> was due at the previous step's start plus level
/// <c>k - 1</c>'s <c>acknowledge_within</c> (exactly the <c>NextStepAt</c> the escalation state held); the first step,
/// enqueued when the report opened, was due at <c>escalation_started</c>.
/// </summary>
internal static class ChainCheck
{
    /// <summary>Lateness in seconds of each step by its index in the chain (0 = the first), and what was wrong with the chains.</summary>
    public static (List<double>[] ByStep, List<string> Problems) Read(IReadOnlyList<Report> reports, int levels)
    {
        var byStep = Enumerable.Range(0, levels + 1).Select(_ => new List<double>(reports.Count)).ToArray();
        var problems = new List<string>();
        foreach (var report in reports)
        {
            var problem = ReadOne(report, levels, byStep);
            if (problem is not null && problems.Count < 20)
            {
                problems.Add($"{report.Reference}: {problem}");
            }
            else if (problem is not null)
            {
                problems[^1] = "… and more";
            }
        }

        return (byStep, problems);
    }

    private static string? ReadOne(Report report, int levels, List<double>[] byStep)
    {
        if (report.Escalation is not { } state)
        {
            return "no escalation (no policy matched?)";
        }

        if (!state.Exhausted || state.Round != 0)
        {
            return $"chain not at its end (level {state.Level}, round {state.Round}, exhausted {state.Exhausted})";
        }

        var started = report.Timeline.Where(t => t.Kind == "escalation_started").ToList();
        var done = report.Timeline.Where(t => t.Kind == "level_done").ToList();
        var ended = report.Timeline.Where(t => t.Kind == "chain_exhausted").ToList();
        if (started.Count != 1 || done.Count != levels || ended.Count != 1)
        {
            return $"{started.Count} start(s), {done.Count} level(s) done, {ended.Count} end(s) in the timeline; expected 1, {levels}, 1 ({string.Join(", ", report.Timeline.Select(t => t.Kind))})";
        }

        var sent = report.Notifications.Count(n => n.Status == NotificationStatus.Sent && !n.PossibleDuplicate);
        if (report.Notifications.Count != levels || sent != levels || report.Notifications.Select(n => n.Level).Distinct().Count() != levels)
        {
            return $"{report.Notifications.Count} page(s), {sent} sent once; expected one per level ({levels})";
        }

        var starts = done.Select(t => t.At).Append(ended[0].At).ToList();
        byStep[0].Add((starts[0] - started[0].At).TotalSeconds);
        for (var step = 1; step <= levels; step++)
        {
            var due = starts[step - 1] + state.Policy.Levels[step - 1].AcknowledgeWithin;
            byStep[step].Add((starts[step] - due).TotalSeconds);
        }

        return null;
    }
}
