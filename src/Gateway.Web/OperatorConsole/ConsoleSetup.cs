using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Web.Accounts;
using Gateway.Web.Reports;
using Microsoft.Extensions.Options;

namespace Gateway.Web.OperatorConsole;

/// <summary>
/// The operator console: server-rendered Razor Pages under <c>/console</c> (src/Gateway.Web/Pages/Console, see the
/// README there), plain CSS and a little script from wwwroot/console, no front-end build. Every page but sign-in
/// needs a signed-in account (<see cref="AccountPolicies.Viewer"/>); actions check their own role. Every form carries
/// an antiforgery token; a POST without one is refused with 400.
/// </summary>
public static class ConsoleSetup
{
    /// <summary>The flows page, the one page whose diagrams need inline styles.</summary>
    public const string FlowsPath = "/console/flows";

    /// <summary>The Hangfire dashboard, for admins of operator organisations only (<see cref="JobsDashboard"/>).</summary>
    public const string JobsPath = JobsDashboard.Path;

    /// <summary>The reports list as JSON, for its live refresh (a 401 here, never a redirect, when signed out).</summary>
    public const string LiveReportsPath = "/console/live/reports";

    public static WebApplicationBuilder AddGatewayConsole(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddRazorPages(options =>
        {
            options.Conventions.AuthorizeFolder("/Console", AccountPolicies.Viewer);
            options.Conventions.AllowAnonymousToPage("/Console/SignIn");
        });
        builder.Services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "gw_console_af";
            options.Cookie.SameSite = SameSiteMode.Strict;
            options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            options.HeaderName = "X-Console-Token";
        });
        builder.Services.AddSingleton<ConsoleSignIn>();
        builder.Services.AddSingleton<ConsoleReports>();
        builder.AddGatewayJobsDashboard();
        return builder;
    }

    public static WebApplication MapGatewayConsole(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseWhen(context => context.Request.Path.StartsWithSegments("/console") && !context.Request.Path.StartsWithSegments(JobsPath), console => console.Use(async (context, next) =>
        {
            // Pages show reports: never cached, never framed, scripts and styles from the gateway only.
            var headers = context.Response.Headers;
            headers.CacheControl = "no-store";
            // The flows page shows no personal data; the diagrams Mermaid draws carry their own <style> elements.
            var styles = context.Request.Path.StartsWithSegments(FlowsPath) ? " style-src 'self' 'unsafe-inline';" : string.Empty;
            headers.ContentSecurityPolicy = $"default-src 'self';{styles} img-src 'self' data:; frame-ancestors 'none'; form-action 'self'; base-uri 'none'; object-src 'none'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            await next(context);
        }));
        app.UseStaticFiles();
        app.MapRazorPages();
        app.MapGet("/console", () => Results.Redirect("/console/reports")).ExcludeFromDescription();
        app.MapGet(LiveReportsPath, LiveReportsAsync).RequireAuthorization(AccountPolicies.Viewer).ExcludeFromDescription();
        app.MapGatewayJobsDashboard();
        return app;
    }

    /// <summary>
    /// The reports list's rows as JSON, for the page's script to refresh the list without a reload (it asks every
    /// few seconds with the page's filters). Reads only: nothing here is recorded as a view.
    /// </summary>
    private static async Task<IResult> LiveReportsAsync(HttpContext context, IReportStore store, IOptionsMonitor<ReportOptions> options, TimeProvider clock, CancellationToken ct)
    {
        var filter = ReportFilter.From(context.Request.Query);
        var found = await store.ListAsync(filter.ToQuery(context.User, options.CurrentValue, clock.GetUtcNow()), ct);
        return Results.Json(found.Select(ReportRow.From), ConsoleJson.Options);
    }
}
