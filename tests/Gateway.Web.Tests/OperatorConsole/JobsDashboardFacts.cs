using System.Net;
using System.Text.RegularExpressions;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Web.Accounts;
using Gateway.Web.OperatorConsole;
using Gateway.Web.Reports;
using Hangfire;
using Hangfire.Storage;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Gateway.Web.Tests.OperatorConsole;

/// <summary>
/// The jobs dashboard in process: only an admin of an operator organisation gets in, it is read-only unless
/// JobsDashboard__AllowActions is set, and every action asked of it is an AUDIT line in the log. A scheduled
/// escalation step of a report shows what a non-operator must never see (its reference).
/// </summary>
public sealed partial class JobsDashboardFacts : IDisposable
{
    private const string Operators = "org_jobsoperator";
    private const string Partner = "org_jobspartner";
    private const string Password = "correct horse battery staple";

    // The scheduled jobs page's delete button, which Hangfire draws only when the dashboard is not read-only.
    private const string DeleteButton = "data-url=\"/console/jobs/jobs/scheduled/delete\"";

    private readonly List<IDisposable> _owned = [];

    public void Dispose()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            owned.Dispose();
        }
    }

    [Fact]
    public async Task Dashboard_IsRefused_ToAPartnersAdmin_AnOperatorsResponder_AndTheSignedOut_AndShowsThemNoReport()
    {
        var factory = NewFactory(allowActions: true);
        var reference = ScheduleStep(factory);
        var partnerAdmin = await SignedInAsync(factory, Partner, Role.Admin);
        var operatorResponder = await SignedInAsync(factory, Operators, Role.Responder);
        var signedOut = NewClient(factory);

        var details = JobsDashboard.Path + "/jobs/details/" + Assert.Single(ScheduledStepIds(factory));
        foreach (var path in new[] { JobsDashboard.Path, JobsDashboard.Path + "/jobs/scheduled", JobsDashboard.Path + "/recurring", details })
        {
            using var partner = await partnerAdmin.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, partner.StatusCode);
            Assert.DoesNotContain(reference, await partner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var responder = await operatorResponder.GetAsync(path);
            Assert.Equal(HttpStatusCode.Forbidden, responder.StatusCode);
            using var anonymous = await signedOut.GetAsync(path);
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // Even with actions allowed, a partner's admin cannot delete the watchdog's job.
        using var removed = await PostAsync(partnerAdmin, "/recurring/remove", await TokenAsync(partnerAdmin), EscalationWatchdog.RecurringJobId);
        Assert.Equal(HttpStatusCode.Forbidden, removed.StatusCode);
        Assert.True(WatchdogJobExists(factory));
        Assert.Contains(factory.Logs, l => l.Contains("AUDIT jobs dashboard", StringComparison.Ordinal) && l.Contains("not an admin of an operator organisation", StringComparison.Ordinal));

        // The operator's admin sees it all, the report's step included.
        var operatorAdmin = await SignedInAsync(factory, Operators, Role.Admin);
        Assert.Contains(reference, await operatorAdmin.GetStringAsync(details), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_IsReadOnly_ForAnOperatorsAdmin_SoDeletingAndTriggeringAreRefused_AndAudited()
    {
        var factory = NewFactory(allowActions: false);
        var reference = ScheduleStep(factory);
        var admin = await SignedInAsync(factory, Operators, Role.Admin);

        Assert.Contains("Gateway jobs", await admin.GetStringAsync(JobsDashboard.Path), StringComparison.Ordinal);
        Assert.Contains(reference, await admin.GetStringAsync(JobsDashboard.Path + "/jobs/details/" + Assert.Single(ScheduledStepIds(factory))), StringComparison.Ordinal);
        Assert.DoesNotContain(DeleteButton, await admin.GetStringAsync(JobsDashboard.Path + "/jobs/scheduled"), StringComparison.Ordinal);
        var token = await TokenAsync(admin);

        using var removed = await PostAsync(admin, "/recurring/remove", token, EscalationWatchdog.RecurringJobId);
        using var triggered = await PostAsync(admin, "/recurring/trigger", token, EscalationWatchdog.RecurringJobId);
        using var deleted = await PostAsync(admin, "/jobs/scheduled/delete", token, ScheduledStepIds(factory).ToArray());
        using var stats = await PostAsync(admin, "/stats", token);

        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.Forbidden, HttpStatusCode.Forbidden], new[] { removed.StatusCode, triggered.StatusCode, deleted.StatusCode });
        Assert.Equal(HttpStatusCode.OK, stats.StatusCode);
        Assert.True(WatchdogJobExists(factory));
        Assert.Single(ScheduledStepIds(factory));
        Assert.Contains(factory.Logs, l => l.Contains("is read-only, for operator admins", StringComparison.Ordinal));
        Assert.Equal(3, factory.Logs.Count(l => l.Contains("AUDIT jobs dashboard", StringComparison.Ordinal) && l.Contains("the dashboard is read-only", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task WithActionsAllowed_AnOperatorsAdminRemovesTheWatchdogsJob_Audited_AndTheSelfCheckPutsItBack()
    {
        var factory = NewFactory(allowActions: true);
        ScheduleStep(factory);
        var admin = await SignedInAsync(factory, Operators, Role.Admin);
        Assert.Contains(factory.Logs, l => l.Contains("AUDIT the jobs dashboard at /console/jobs allows actions", StringComparison.Ordinal));
        Assert.Contains(DeleteButton, await admin.GetStringAsync(JobsDashboard.Path + "/jobs/scheduled"), StringComparison.Ordinal);

        using var removed = await PostAsync(admin, "/recurring/remove", await TokenAsync(admin), EscalationWatchdog.RecurringJobId);

        Assert.True(removed.IsSuccessStatusCode, $"answered {removed.StatusCode}");
        Assert.False(WatchdogJobExists(factory));
        Assert.Contains(factory.Logs, l => l.Contains("AUDIT jobs dashboard: account ", StringComparison.Ordinal) && l.Contains($"did /recurring/remove on jobs {EscalationWatchdog.RecurringJobId}", StringComparison.Ordinal));

        Assert.True(factory.Services.GetRequiredService<EscalationWatchdogRegistration>().CheckRegistration());
        Assert.True(WatchdogJobExists(factory));
        Assert.Contains(factory.Logs, l => l.Contains($"ALERT escalation watchdog: its recurring job {EscalationWatchdog.RecurringJobId} was missing", StringComparison.Ordinal));
        Assert.False(factory.Services.GetRequiredService<EscalationWatchdogRegistration>().CheckRegistration());
    }

    private GatewayFactory NewFactory(bool allowActions)
    {
        var factory = new GatewayFactory(settings: new Dictionary<string, string?>
        {
            ["Reports:OperatorOrganisations"] = Operators,
            ["Escalation:WatchdogSchedule"] = "*/5 * * * *",
            ["JobsDashboard:AllowActions"] = allowActions ? "true" : "false",
        });
        _owned.Add(factory);
        return factory;
    }

    /// <summary>Schedules an escalation step of a new report an hour from now, as a report's chain would; returns the reference.</summary>
    private static string ScheduleStep(GatewayFactory factory)
    {
        var reference = ReportReference.New();
        factory.Services.GetRequiredService<IBackgroundJobClient>().Schedule<EscalationJobs>(j => j.StepAsync(reference, "token-1"), TimeSpan.FromHours(1));
        return reference;
    }

    private static List<string> ScheduledStepIds(GatewayFactory factory) =>
        [.. factory.Services.GetRequiredService<JobStorage>().GetMonitoringApi().ScheduledJobs(0, 100).Select(j => j.Key)];

    private static bool WatchdogJobExists(GatewayFactory factory)
    {
        using var connection = factory.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs([EscalationWatchdog.RecurringJobId]).SingleOrDefault() is { Removed: false };
    }

    private HttpClient NewClient(GatewayFactory factory)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = true });
        _owned.Add(client);
        return client;
    }

    private async Task<HttpClient> SignedInAsync(GatewayFactory factory, string organisationId, Role role)
    {
        var accounts = factory.Services.GetRequiredService<IAccountStore>();
        if (await accounts.FindOrganisationAsync(organisationId) is null)
        {
            await accounts.CreateOrganisationAsync(new Organisation { Id = organisationId, Name = "Organisation " + organisationId, CreatedAt = DateTimeOffset.UtcNow });
        }

        var key = ApiKeys.New();
        var account = new Account { Id = AccountIds.NewAccountId(), OrganisationId = organisationId, Name = role + " desk", Role = role, ApiKeyId = key.KeyId, ApiKeyHash = key.Hash, CreatedAt = DateTimeOffset.UtcNow };
        account = await accounts.CreateAccountAsync(account with { PasswordHash = factory.Services.GetRequiredService<AccountPasswords>().Hash(account, Password) });

        var client = NewClient(factory);
        var token = TokenPattern().Match(await client.GetStringAsync("/console/sign-in")).Groups[1].Value;
        using var response = await client.PostAsync("/console/sign-in", new FormUrlEncodedContent([new("account", account.Id), new("password", Password), new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    /// <summary>An antiforgery token for the signed-in account, from a console page.</summary>
    private static async Task<string> TokenAsync(HttpClient client) =>
        TokenPattern().Match(await client.GetStringAsync("/console/account")) is { Success: true } match
            ? match.Groups[1].Value
            : throw new InvalidOperationException("The account page has no antiforgery token.");

    /// <summary>A POST to the dashboard as its buttons send it: the job ids as jobs[], with the antiforgery token.</summary>
    private static Task<HttpResponseMessage> PostAsync(HttpClient client, string action, string token, params string[] jobs)
    {
        var form = jobs.Select(j => new KeyValuePair<string, string>("jobs[]", j)).Append(new("__RequestVerificationToken", token));
        return client.PostAsync(JobsDashboard.Path + action, new FormUrlEncodedContent(form));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
