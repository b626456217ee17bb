using System.Net;
using Gateway.Channels.Twilio;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Messaging;
using Gateway.Web.Sms;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>
/// The signed links pages carry, and the key a paged responder presses on a voice page. <c>GET /a/{token}</c> shows
/// the report's summary and a button; only <c>POST /a/{token}</c> acknowledges (so a link preview or a mail
/// scanner never takes a report), once: a link is single-use, bound to its report, level and target, and expires.
/// <c>POST /voice/page/accept?link=…</c> is Twilio's Gather callback (signature verified): 1 acknowledges.
/// </summary>
public static partial class ActionLinkApi
{
    public const string VoiceAcceptPath = "/voice/page/accept";

    public const string VoiceStatusPath = "/voice/page/status";

    public static IEndpointRouteBuilder MapActionLinks(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(ActionLinks.PathPrefix + "{token}", async (string token, ActionLinks links, IReportStore reports, TimeProvider clock, CancellationToken ct) =>
        {
            var (claim, refusal) = Check(links, token, clock);
            if (claim is null)
            {
                return Page(refusal!, null, StatusCodes.Status404NotFound);
            }

            var report = await reports.FindAsync(claim.Reference, ct);
            if (report is null)
            {
                return Page("This report no longer exists.", null, StatusCodes.Status404NotFound);
            }

            var summary = $"Report {report.Reference}: {report.Category}{(report.Urgent ? " (SOS)" : string.Empty)}, language {report.Language ?? "unknown"}, {report.Country ?? "country unknown"}, under 18: {report.UnderEighteen ?? "unknown"}. Status: {report.Status}. You were paged at level {claim.Level}.";
            return Page(summary, report.IsActive ? token : null, StatusCodes.Status200OK);
        });

        app.MapPost(ActionLinks.PathPrefix + "{token}", async (string token, ActionLinks links, IUsedLinkStore used, ReportService service, TimeProvider clock, CancellationToken ct) =>
        {
            var (outcome, message) = await AcknowledgeAsync(token, links, used, service, clock, "link", ct);
            return Page(message, null, outcome == ReportActionOutcome.Unknown ? StatusCodes.Status404NotFound : outcome == ReportActionOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status200OK);
        }).DisableAntiforgery();

        app.MapPost(VoiceAcceptPath, async (HttpContext http, ActionLinks links, IUsedLinkStore used, ReportService service, TimeProvider clock,
            GatewayMetrics metrics, IOptions<GatewayOptions> options, IOptionsMonitor<TwilioOptions> twilio, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var (form, refusal) = await TwilioWebhook.ReadVerifiedAsync(http, options.Value, twilio.CurrentValue.AuthToken, metrics, loggers.CreateLogger("Gateway.Web.Reports.VoicePage"), ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var said = "Nothing was changed. Goodbye.";
            if (form!.GetValueOrDefault("Digits") == "1")
            {
                var (_, message) = await AcknowledgeAsync(http.Request.Query["link"].ToString(), links, used, service, clock, "voice", ct);
                said = message;
            }

            return Results.Text(new VoiceTwiML().Say(said, VoiceTwiML.PageVoice, "en-US").Hangup().ToString(), TwiML.ContentType);
        }).DisableAntiforgery();

        // A page call nobody answered (busy, no-answer, failed, canceled) moves the chain on like an undelivered SMS.
        app.MapPost(VoiceStatusPath, async (HttpContext http, EscalationRunner runner, GatewayMetrics metrics, IOptions<GatewayOptions> options,
            IOptionsMonitor<TwilioOptions> twilio, ILoggerFactory loggers, CancellationToken ct) =>
        {
            var (form, refusal) = await TwilioWebhook.ReadVerifiedAsync(http, options.Value, twilio.CurrentValue.AuthToken, metrics, loggers.CreateLogger("Gateway.Web.Reports.VoicePage"), ct);
            if (refusal is not null)
            {
                return refusal;
            }

            var status = form!.GetValueOrDefault("CallStatus");
            if (http.Request.Query["page"].ToString().Split(':') is [var reference, var notificationId] && status is "busy" or "no-answer" or "failed" or "canceled")
            {
                await runner.PageFailedAsync(reference, notificationId, $"The voice page was not answered (Twilio: {status}).", optedOut: false, ct);
            }

            return Results.NoContent();
        }).DisableAntiforgery();
        return app;
    }

    private static async Task<(ReportActionOutcome Outcome, string Message)> AcknowledgeAsync(string token, ActionLinks links, IUsedLinkStore used, ReportService service, TimeProvider clock, string via, CancellationToken ct)
    {
        var (claim, refusal) = Check(links, token, clock);
        if (claim is null)
        {
            return (ReportActionOutcome.Unknown, refusal!);
        }

        if (!await used.TryUseAsync(claim.TokenId, claim.Expires, ct))
        {
            return (ReportActionOutcome.Conflict, "This link was used already: each link works once.");
        }

        var (outcome, report) = await service.AcknowledgeAsync(claim.Reference, new Actor(claim.TargetId, null, via), ct);
        return outcome switch
        {
            ReportActionOutcome.Done => (outcome, $"Report {report!.Reference} ({report.Category}) is yours now. The escalation has stopped."),
            ReportActionOutcome.Conflict => (outcome, $"Report {report!.Reference} ({report.Category}) was already taken or is closed. Nothing changed."),
            _ => (outcome, "This report no longer exists."),
        };
    }

    private static (ActionLinkClaim? Claim, string? Refusal) Check(ActionLinks links, string token, TimeProvider clock) =>
        links.Check(token, clock.GetUtcNow(), out var claim) switch
        {
            ActionLinkStatus.Valid => (claim, null),
            ActionLinkStatus.Expired => (null, "This link has expired. Use the console or reply ACK with the reference from the number that was paged."),
            _ => (null, "This link is not valid."),
        };

    private static IResult Page(string message, string? token, int status)
    {
        var form = token is null ? string.Empty : $"""<form method="post" action="{ActionLinks.PathPrefix}{WebUtility.HtmlEncode(token)}"><button type="submit">Acknowledge: I take this report</button></form>""";
        var html = $"""
            <!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="referrer" content="no-referrer"><title>Safe Migration Gateway</title>
            <style>body{"{"}font-family:sans-serif;max-width:36rem;margin:1rem auto;padding:0 1rem{"}"}button{"{"}font-size:1.2rem;padding:.6rem 1rem{"}"}</style></head>
            <body><h1>Safe Migration Gateway</h1><p>{WebUtility.HtmlEncode(message)}</p>{form}</body></html>
            """;
        return Results.Content(html, "text/html; charset=utf-8", statusCode: status);
    }
}
