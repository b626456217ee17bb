using Gateway.Core.Accounts;
using Gateway.Web.Accounts;
using Gateway.Web.Reports;
using Hangfire;
using Hangfire.Dashboard;
using Microsoft.Extensions.Options;

namespace Gateway.Web.OperatorConsole;

/// <summary>
/// The Hangfire dashboard at <see cref="Path"/>, for admins of an operator organisation (one that sees every
/// report: <c>Reports__OperatorOrganisations</c>, or made with <c>accounts create-admin --operator</c>) only: its job arguments name every organisation's reports, and its
/// buttons can delete the steps that carry escalations. Everyone else gets 401 (signed out) or 403. It is read-only
/// unless <see cref="JobsDashboardOptions.AllowActions"/> is set; every action, done or refused, is an AUDIT line
/// in the log with the account and the jobs it named.
/// </summary>
public static class JobsDashboard
{
    public const string Path = "/console/jobs";

    // Hangfire's pages poll their counters with a POST here; every other POST is an action on jobs.
    private const string StatsPath = "/stats";

    public static WebApplicationBuilder AddGatewayJobsDashboard(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptions<JobsDashboardOptions>().BindConfiguration(JobsDashboardOptions.Section);
        builder.Services.AddSingleton<JobsDashboardAudit>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<JobsDashboardAudit>());
        return builder;
    }

    public static WebApplication MapGatewayJobsDashboard(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(
            context => HttpMethods.IsPost(context.Request.Method) && context.Request.Path.StartsWithSegments(Path, out var rest) && rest != StatsPath,
            actions => actions.Use(next => context => context.RequestServices.GetRequiredService<JobsDashboardAudit>().ActionAsync(context, next)));
        app.MapHangfireDashboard(Path, new DashboardOptions
        {
            Authorization = [new OperatorAdminAuthorization()],
            IsReadOnlyFunc = context => !AllowsActions(context.GetHttpContext()),
            AppPath = "/console",
            DashboardTitle = "Gateway jobs",
            DisplayStorageConnectionString = false,
        });
        return app;
    }

    /// <summary>Is the signed-in account an admin of an operator organisation?</summary>
    public static bool IsOperatorAdmin(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var user = context.User;
        var options = context.RequestServices.GetRequiredService<IOptionsMonitor<ReportOptions>>().CurrentValue;
        return user.Identity?.IsAuthenticated == true
            && user.IsInRole(Role.Admin.Name())
            && user.FindFirst(AccountClaims.Organisation) is not null
            && Reports.ReportsApi.SeesAll(user, options);
    }

    private static bool AllowsActions(HttpContext context) =>
        context.RequestServices.GetRequiredService<IOptionsMonitor<JobsDashboardOptions>>().CurrentValue.AllowActions;

    /// <summary>Lets only a signed-in admin of an operator organisation (console cookie) in; others get 401 or 403.</summary>
    public sealed class OperatorAdminAuthorization : IDashboardAuthorizationFilter
    {
        public bool Authorize(DashboardContext context)
        {
            ArgumentNullException.ThrowIfNull(context);
            return IsOperatorAdmin(context.GetHttpContext());
        }
    }
}

/// <summary>
/// Says at start-up (and when the setting changes) whether the jobs dashboard allows actions, and records every
/// action asked of it: who, which jobs, and what came of it. A refused action never reaches Hangfire.
/// </summary>
public sealed partial class JobsDashboardAudit(IOptionsMonitor<JobsDashboardOptions> options, ILogger<JobsDashboardAudit> logger) : IHostedService, IDisposable
{
    private IDisposable? _changes;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Announce(options.CurrentValue);
        _changes = options.OnChange(Announce);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose() => _changes?.Dispose();

    /// <summary>Refuses or records one POST to the dashboard that is not its counters.</summary>
    public async Task ActionAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var account = context.User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value ?? "(signed out)";
        var organisation = context.User.FindFirst(AccountClaims.Organisation)?.Value ?? "-";
        var action = Cut(context.Request.Path.Value?[JobsDashboard.Path.Length..] ?? string.Empty);
        var jobs = context.Request.HasFormContentType
            ? Cut(string.Join(',', (await context.Request.ReadFormAsync(context.RequestAborted))["jobs[]"].Select(j => j ?? string.Empty)))
            : "-";
        if (!JobsDashboard.IsOperatorAdmin(context))
        {
            context.Response.StatusCode = context.User.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized;
            LogRefused(logger, account, organisation, action, jobs, "not an admin of an operator organisation");
            return;
        }

        if (!options.CurrentValue.AllowActions)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            LogRefused(logger, account, organisation, action, jobs, "the dashboard is read-only (JobsDashboard__AllowActions is not set)");
            return;
        }

        await next(context);
        LogAction(logger, account, organisation, action, jobs, context.Response.StatusCode);
    }

    private static string Cut(string text) => text.Length <= 200 ? text : text[..200] + "…";

    private void Announce(JobsDashboardOptions settings)
    {
        if (settings.AllowActions)
        {
            LogActionsAllowed(logger, JobsDashboard.Path);
        }
        else
        {
            LogReadOnly(logger, JobsDashboard.Path);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUDIT the jobs dashboard at {Path} allows actions (JobsDashboard__AllowActions): operator admins can delete, requeue and trigger jobs, escalation steps and the watchdog included; every action is logged")]
    private static partial void LogActionsAllowed(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Information, Message = "The jobs dashboard at {Path} is read-only, for operator admins (JobsDashboard__AllowActions is not set)")]
    private static partial void LogReadOnly(ILogger logger, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUDIT jobs dashboard: account {AccountId} of {Organisation} did {Action} on jobs {Jobs}: answered {Status}")]
    private static partial void LogAction(ILogger logger, string accountId, string organisation, string action, string jobs, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AUDIT jobs dashboard: account {AccountId} of {Organisation} was refused {Action} on jobs {Jobs}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string accountId, string organisation, string action, string jobs, string reason);
}
