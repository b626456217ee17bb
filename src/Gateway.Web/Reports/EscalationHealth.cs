using Gateway.Core.Cases;
using Gateway.Core.Flows.Validation;
using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Which (country, category) pairs would page nobody with the flows served now and the webhooks configured here.
/// Said at start-up in one line and in full on <c>/health/escalations</c>, which answers 503 while any pair is unreachable so
/// that monitoring alerts, and while the escalation watchdog reports what it could not repair or has stopped running
/// (<see cref="EscalationWatchdog"/>); <c>/health/ready</c> never depends on it, so a load balancer keeps taking SOS messages.
/// </summary>
public sealed partial class EscalationHealth(FlowHost flows, IOptionsMonitor<EscalationOptions> options, ILogger<EscalationHealth> logger)
{
    public const string Path = "/health/escalations";

    /// <summary>
    /// Whether a page could reach <c>target</c> with the settings as they are when it is asked: a webhook only when
    /// its address and a secret are configured, anything else as <see cref="EscalationTarget.IsReachable"/> says. The
    /// engine asks it when a text promises a page and when it tells a person who receives their report, so what the
    /// person is told and what this endpoint reports cannot disagree.
    /// </summary>
    public static Func<EscalationTarget, bool> CanReach(IOptionsMonitor<EscalationOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return target => target.By == EscalationTarget.ByWebhook ? Configured(options.CurrentValue, target.Webhook) : target.IsReachable;
    }

    /// <summary>The problems now: unreachable pairs, webhook names the policies use that are not configured, and promise texts that would be false.</summary>
    public EscalationReport Check()
    {
        var settings = options.CurrentValue;
        bool Configured(string? name) => EscalationHealth.Configured(settings, name);
        var escalation = flows.Engine.Bundle.Escalation;
        var canReach = CanReach(options);
        var unreachable = escalation.Unreachable(canReach);
        var missing = escalation.Policies.SelectMany(p => p.Levels).SelectMany(l => l.Targets)
            .Where(t => t.By == EscalationTarget.ByWebhook && !Configured(t.Webhook)).Select(t => t.Webhook ?? "(no name)")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new EscalationReport(
            unreachable.Count == 0,
            [.. unreachable.Select(u => new UnreachablePair(u.Country, u.Category, u.Problem))],
            missing)
        {
            FalsePromises = PromiseChecks.Audit(flows.Engine.Bundle, canReach),
        };
    }

    private static bool Configured(EscalationOptions settings, string? name) =>
        settings.FindWebhook(name) is { Url: not null } hook && hook.SecretList().Count > 0;

    /// <summary>
    /// Says at start-up, in one line, how many (country, category) pairs would page nobody and which webhooks are not
    /// configured, pointing to <see cref="Path"/> for the details. An error with Redis; a warning in the embedded
    /// default, whose shipped directory has placeholder numbers on purpose.
    /// </summary>
    public void Announce(bool embedded)
    {
        var report = Check();
        var webhooks = report.WebhooksNotConfigured.Count == 0
            ? string.Empty
            : $"; webhooks not configured: {string.Join(", ", report.WebhooksNotConfigured)} (Escalation__Webhooks__<name>__Url and __Secrets)";
        if (report.Unreachable.Count > 0)
        {
            LogUnreachable(logger, embedded ? LogLevel.Warning : LogLevel.Error, report.Unreachable.Count, webhooks, Path);
        }
        else if (webhooks.Length > 0)
        {
            LogWebhooksMissing(logger, webhooks[2..], Path);
        }
    }

    public static IEndpointRouteBuilder MapEscalationHealth(IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, async (EscalationHealth health, EscalationWatchdog watchdog, CancellationToken cancellationToken) =>
        {
            var report = health.Check();
            var overdue = await watchdog.HealthAsync(cancellationToken);
            report = report with { Ok = report.Ok && overdue.Ok, Watchdog = overdue };
            return Results.Json(report, statusCode: report.Ok ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        return app;
    }

    [LoggerMessage(Message = "ALERT escalation: {Pairs} country and category pairs would page NOBODY{Webhooks}. Their reports still get a confirmation and the numbers to call. GET {Path} lists each pair and why.")]
    private static partial void LogUnreachable(ILogger logger, LogLevel level, int pairs, string webhooks, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation: {Webhooks}; the levels that use them page the other targets only. GET {Path} lists them.")]
    private static partial void LogWebhooksMissing(ILogger logger, string webhooks, string path);
}

public sealed record EscalationReport(bool Ok, IReadOnlyList<UnreachablePair> Unreachable, IReadOnlyList<string> WebhooksNotConfigured)
{
    /// <summary>The escalation watchdog's last run: overdue reports it could not repair, or a watchdog that stopped.</summary>
    public WatchdogHealth? Watchdog { get; init; }

    /// <summary>
    /// Texts that promise a page which would be false with this configuration, for whom, and why: those people are
    /// sent the text's true <c>otherwise:</c> sentence instead. They do not make the endpoint fail: the people are
    /// told the truth; the list says what to confirm to keep the promise.
    /// </summary>
    public IReadOnlyList<FalsePromise> FalsePromises { get; init; } = [];
}

public sealed record UnreachablePair(string Country, string Category, string Problem);
