using Gateway.Core.Cases;
using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// Which (country, category) pairs would page nobody with the flows served now and the webhooks configured here.
/// Said loudly at start-up and on <c>/health/escalations</c>, which answers 503 while any pair is unreachable so
/// that monitoring alerts, and while the escalation watchdog reports what it could not repair or has stopped running
/// (<see cref="EscalationWatchdog"/>); <c>/health/ready</c> never depends on it, so a load balancer keeps taking SOS messages.
/// </summary>
public sealed partial class EscalationHealth(FlowHost flows, IOptionsMonitor<EscalationOptions> options, ILogger<EscalationHealth> logger)
{
    public const string Path = "/health/escalations";

    /// <summary>The problems now: unreachable pairs, and webhook names the policies use that are not configured.</summary>
    public EscalationReport Check()
    {
        var webhooks = options.CurrentValue.Webhooks;
        bool Configured(string? name) => name is not null && webhooks.TryGetValue(name, out var hook) && hook.Url is not null && hook.SecretList().Count > 0;
        var escalation = flows.Engine.Bundle.Escalation;
        var unreachable = escalation.Unreachable(target => target.By == EscalationTarget.ByWebhook ? Configured(target.Webhook) : target.IsReachable);
        var missing = escalation.Policies.SelectMany(p => p.Levels).SelectMany(l => l.Targets)
            .Where(t => t.By == EscalationTarget.ByWebhook && !Configured(t.Webhook)).Select(t => t.Webhook ?? "(no name)")
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        return new EscalationReport(
            unreachable.Count == 0,
            [.. unreachable.Select(u => new UnreachablePair(u.Country, u.Category, u.Problem))],
            missing);
    }

    /// <summary>Logs every unreachable pair as an error, once, at start-up.</summary>
    public void Announce()
    {
        var report = Check();
        foreach (var pair in report.Unreachable)
        {
            LogUnreachable(logger, pair.Country, pair.Category, pair.Problem);
        }

        foreach (var name in report.WebhooksNotConfigured)
        {
            LogWebhookMissing(logger, name);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "ALERT escalation: a report from {Country} in category {Category} pages NOBODY ({Problem}); it still gets its confirmation and the numbers to call")]
    private static partial void LogUnreachable(ILogger logger, string country, string category, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalation webhook {Name} is used by a policy but not configured (Escalation__Webhooks__{Name}__Url and __Secrets)")]
    private static partial void LogWebhookMissing(ILogger logger, string name);
}

public sealed record EscalationReport(bool Ok, IReadOnlyList<UnreachablePair> Unreachable, IReadOnlyList<string> WebhooksNotConfigured)
{
    /// <summary>The escalation watchdog's last run: overdue reports it could not repair, or a watchdog that stopped.</summary>
    public WatchdogHealth? Watchdog { get; init; }
}

public sealed record UnreachablePair(string Country, string Category, string Problem);
