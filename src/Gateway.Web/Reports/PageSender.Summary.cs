using Gateway.Channels.Twilio;
using Gateway.Core.Cases;

namespace Gateway.Web.Reports;

public sealed partial class PageSender
{
    /// <summary>
    /// Sends one summary page during a flood: by SMS from the paging number (through the outbox) or as a voice call
    /// that reads how many reports wait. It names references and links to the list of open reports; it never
    /// acknowledges anything.
    /// </summary>
    public async Task<PageResult> SendSummaryAsync(EscalationTarget target, string summaryId, string text, string spoken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        var (number, accountId) = await NumberAsync(target, cancellationToken);
        if (number is null)
        {
            return new PageResult { Error = "The target has no number a provider can reach (a placeholder, or no verified responder)." };
        }

        var paged = new PageResult { PagedContactId = dataKey.ContactId(number), SealedNumber = dataKey.Seal(number), AccountId = accountId };
        if (target.By != EscalationTarget.ByVoice)
        {
            var message = await outbound.EnqueueToNumberAsync(number, text, EscalationRunner.PagePurpose, PageFlood.Correlation(summaryId), cancellationToken);
            return message.IsFailed ? paged with { Error = message.Error, DeliveryId = message.Id } : paged with { Sent = true, DeliveryId = message.Id };
        }

        var settings = twilio.CurrentValue;
        var from = settings.PagingNumber ?? settings.FromNumber;
        if (from is null || string.IsNullOrEmpty(settings.AccountSid))
        {
            return paged with { Error = "Twilio__AccountSid and Twilio__PagingNumber (or Twilio__FromNumber) must be set to call." };
        }

        const string language = "en-US";
        var twiml = new VoiceTwiML();
        for (var time = 0; time < 2; time++)
        {
            twiml.Say(spoken, VoiceTwiML.PageVoice, language).Pause(2);
        }

        var call = new TwilioOutboundCall(number, from) { Twiml = twiml.Hangup().ToString() };
        var result = await services.GetRequiredService<TwilioCallsClient>().PlaceAsync(call, cancellationToken);
        return result.Outcome switch
        {
            TwilioSendOutcome.Accepted => paged with { Sent = true, ProviderId = result.Sid },
            TwilioSendOutcome.Retry => paged with { Retry = true, MayHaveBeenSent = result.MayHaveBeenSent, RetryAfter = result.RetryAfter, Error = result.Describe() },
            _ => paged with { Error = result.Describe() },
        };
    }

    /// <summary>Where a summary sends a responder: the list of open reports on this gateway.</summary>
    public Uri ListLink() => new(BaseUrl(), options.CurrentValue.FloodListPath);
}
