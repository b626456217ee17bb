using System.Globalization;
using Gateway.Channels.Twilio;
using Gateway.Channels.Webhooks;
using Gateway.Core.Accounts;
using Gateway.Core.Cases;
using Gateway.Infrastructure.Security;
using Gateway.Web.Configuration;
using Gateway.Web.Outbound;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Reports;

/// <summary>What sending one page came to.</summary>
public sealed record PageResult
{
    /// <summary>Handed to the provider (an SMS in the outbox, a call Twilio took, a webhook answered 2xx).</summary>
    public bool Sent { get; init; }

    /// <summary>Try again later (a 5xx, a 429, a timeout).</summary>
    public bool Retry { get; init; }

    public bool MayHaveBeenSent { get; init; }

    public TimeSpan? RetryAfter { get; init; }

    public string? Error { get; init; }

    public string? DeliveryId { get; init; }

    public string? ProviderId { get; init; }

    public string? PagedContactId { get; init; }

    public string? SealedNumber { get; init; }

    public string? AccountId { get; init; }
}

/// <summary>
/// Sends one page to one target: an SMS from the paging number (through the outbox), a voice call that reads the
/// reference and lets the responder press 1 to accept, or a signed webhook to a hotline's system. A page carries
/// the reference, the category and what a responder needs to decide, and a signed link to acknowledge; never the
/// person's number.
/// </summary>
public sealed partial class PageSender(
    OutboundSender outbound,
    IServiceProvider services,
    DataKey dataKey,
    ActionLinks links,
    TimeProvider clock,
    IOptionsMonitor<EscalationOptions> options,
    IOptionsMonitor<ReportOptions> reportOptions,
    IOptionsMonitor<TwilioOptions> twilio,
    IOptionsMonitor<GatewayOptions> gateway)
{
    public async Task<PageResult> SendAsync(Report report, EscalationLevel level, EscalationTarget target, string notificationId, bool possibleDuplicate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(level);
        ArgumentNullException.ThrowIfNull(target);
        var link = Link(report, level, target);
        if (target.By == "webhook")
        {
            return await WebhookAsync(report, level, target, notificationId, link, possibleDuplicate, cancellationToken);
        }

        var (number, accountId) = await NumberAsync(target, cancellationToken);
        if (number is null)
        {
            return new PageResult { Error = target.Organisation is null ? "The target has no number a provider can reach (a placeholder)." : $"Organisation {target.Organisation} has no responder with a verified number." };
        }

        var paged = new PageResult { PagedContactId = dataKey.ContactId(number), SealedNumber = dataKey.Seal(number), AccountId = accountId };
        return target.By == "voice"
            ? await CallAsync(report, number, notificationId, link, possibleDuplicate, paged, cancellationToken)
            : await TextAsync(report, level, number, notificationId, link, possibleDuplicate, paged, cancellationToken);
    }

    /// <summary>Reminds the responder who took a report (by the number they were paged on) that it is not resolved.</summary>
    public Task RemindAsync(Report report, Notification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(notification);
        var text = $"Safe Migration Gateway: report {report.Reference} ({report.Category}) that you took is not resolved yet. Resolve it in the console or with the API when it is done.";
        return outbound.EnqueueToNumberAsync(dataKey.Open(notification.SealedNumber!), text, "page_reminder", correlation: null, cancellationToken);
    }

    /// <summary>
    /// What opens a page that may repeat one the responder already has (an earlier attempt's answer was lost): the
    /// responder can tell a repeat from a new report without comparing references.
    /// </summary>
    public const string RepeatMark = "(repeat of an earlier page, may be a duplicate)";

    /// <summary>A page's SMS <paramref name="text"/> marked as a possible repeat (once, however often it is resent).</summary>
    public static string MarkRepeat(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.StartsWith(RepeatMark, StringComparison.Ordinal) ? text : RepeatMark + " " + text;
    }

    /// <summary>The SMS text of a page: short, no personal data, the reference to ACK and the signed link.</summary>
    public static string PageText(Report report, string level, Uri link, bool possibleDuplicate)
    {
        ArgumentNullException.ThrowIfNull(report);
        var facts = string.Join(", ", new[]
        {
            report.Urgent ? "SOS" : null,
            report.Language is null ? null : "language " + report.Language,
            report.Country,
            report.UnderEighteen == "yes" ? "UNDER 18" : null,
            report.ForSomeoneElse ? "filed for someone else" : null,
        }.Where(f => f is not null));
        return $"{(possibleDuplicate ? RepeatMark + " " : string.Empty)}Safe Migration Gateway: {report.Category} report {report.Reference} ({facts}), level {level}. Reply ACK {report.Reference} to take it, or open {link}";
    }

    private Uri Link(Report report, EscalationLevel level, EscalationTarget target)
    {
        var token = links.Create(report.Reference, level.Name, target.Id, clock.GetUtcNow() + reportOptions.CurrentValue.LinkLifetime);
        return ActionLinks.Url(BaseUrl(), token);
    }

    private Uri BaseUrl() =>
        Uri.TryCreate(gateway.CurrentValue.PublicBaseUrl, UriKind.Absolute, out var url) ? url : new Uri("http://localhost:5000");

    private async Task<(string? Number, string? AccountId)> NumberAsync(EscalationTarget target, CancellationToken cancellationToken)
    {
        if (target.PageNumber is { } number)
        {
            return (number, null);
        }

        if (target.Organisation is null || services.GetService<IAccountStore>() is not { } accounts)
        {
            return (null, null);
        }

        foreach (var account in await accounts.ListAccountsAsync(target.Organisation, cancellationToken))
        {
            if (account.Disabled || account.Role is not (Role.Responder or Role.Admin))
            {
                continue;
            }

            var verified = (await accounts.FindResponderNumbersAsync(account.Id, cancellationToken)).FirstOrDefault(n => n.Verified);
            if (verified is not null)
            {
                return (dataKey.Open(verified.EncryptedNumber), account.Id);
            }
        }

        return (null, null);
    }

    private async Task<PageResult> TextAsync(Report report, EscalationLevel level, string number, string notificationId, Uri link, bool possibleDuplicate, PageResult paged, CancellationToken cancellationToken)
    {
        var message = await outbound.EnqueueToNumberAsync(number, PageText(report, level.Name, link, possibleDuplicate), EscalationRunner.PagePurpose, $"page:{report.Reference}:{notificationId}", cancellationToken);
        return message.IsFailed
            ? paged with { Error = message.Error, DeliveryId = message.Id }
            : paged with { Sent = true, DeliveryId = message.Id };
    }

    private async Task<PageResult> CallAsync(Report report, string number, string notificationId, Uri link, bool possibleDuplicate, PageResult paged, CancellationToken cancellationToken)
    {
        var settings = twilio.CurrentValue;
        var from = settings.PagingNumber ?? settings.FromNumber;
        if (from is null || string.IsNullOrEmpty(settings.AccountSid))
        {
            return paged with { Error = "Twilio__AccountSid and Twilio__PagingNumber (or Twilio__FromNumber) must be set to call." };
        }

        var accept = new Uri(BaseUrl(), $"/voice/page/accept?link={Uri.EscapeDataString(link.Segments[^1])}");
        // Twilio takes a call it will place (201) before anyone answers: busy, no-answer and failed come to this callback.
        var status = new Uri(BaseUrl(), $"{ActionLinkApi.VoiceStatusPath}?page={Uri.EscapeDataString($"{report.Reference}:{notificationId}")}");
        var call = new TwilioOutboundCall(number, from)
        {
            Twiml = VoiceTwiML.Page(report.Reference, report.Category.Replace('_', ' '), accept, possibleDuplicate: possibleDuplicate),
            StatusCallback = status,
            StatusCallbackEvents = ["completed"],
        };
        var result = await services.GetRequiredService<TwilioCallsClient>().PlaceAsync(call, cancellationToken);
        return result.Outcome switch
        {
            TwilioSendOutcome.Accepted => paged with { Sent = true, ProviderId = result.Sid },
            TwilioSendOutcome.Retry => paged with { Retry = true, MayHaveBeenSent = result.MayHaveBeenSent, RetryAfter = result.RetryAfter, Error = result.Describe() },
            _ => paged with { Error = result.Describe() },
        };
    }

    private async Task<PageResult> WebhookAsync(Report report, EscalationLevel level, EscalationTarget target, string notificationId, Uri link, bool possibleDuplicate, CancellationToken cancellationToken)
    {
        if (target.Webhook is null || options.CurrentValue.FindWebhook(target.Webhook) is not { Url: not null } settings || settings.SecretList().Count == 0)
        {
            return new PageResult { Error = $"Webhook \"{target.Webhook}\" is not configured (Escalation__Webhooks__{EscalationOptions.SettingName(target.Webhook ?? "name")}__Url and __Secrets)." };
        }

        var place = report.EncryptedPlace is null ? null : dataKey.Open(report.EncryptedPlace);
        var body = PagePayload.For(report, place, level.Name, link, possibleDuplicate).ToJson();
        var deliveryId = $"{report.Reference}.{notificationId}";
        var result = await services.GetRequiredService<WebhookClient>().DeliverAsync(new WebhookTarget(target.Webhook, settings.Url, settings.SecretList(), settings.Timeout), deliveryId, body, cancellationToken);
        return result.Outcome switch
        {
            WebhookOutcome.Delivered => new PageResult { Sent = true, DeliveryId = deliveryId, ProviderId = result.ResponseId ?? ("http " + result.HttpStatus.ToString(CultureInfo.InvariantCulture)) },
            WebhookOutcome.Retry => new PageResult { Retry = true, MayHaveBeenSent = result.MayHaveBeenDelivered, RetryAfter = result.RetryAfter, Error = result.Describe(), DeliveryId = deliveryId },
            _ => new PageResult { Error = result.Describe(), DeliveryId = deliveryId },
        };
    }
}
