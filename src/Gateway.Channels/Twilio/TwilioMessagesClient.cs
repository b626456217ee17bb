namespace Gateway.Channels.Twilio;

/// <summary>
/// Twilio's Messages API: <c>POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Messages.json</c> with Basic auth
/// and a form (To; MessagingServiceSid or From; Body; StatusCallback), answered by 201 and the message JSON or by
/// an error JSON <c>{code, message, more_info, status}</c>. One call is one attempt: the answer says whether to
/// retry, and whether a retry might deliver the message twice.
/// </summary>
/// <example>
/// <code>
/// var client = new TwilioMessagesClient(httpClient, new TwilioAccount("AC…", token, new Uri("https://api.twilio.com")));
/// var result = await client.SendAsync(new TwilioOutboundSms("+66812345678", "Hello", "+15005550006", null, callbackUrl), ct);
/// </code>
/// </example>
public sealed class TwilioMessagesClient(HttpClient http, TwilioAccount account)
{
    public TwilioAccount Account { get; } = account;

    /// <summary>The Messages resource of the account.</summary>
    public Uri MessagesUri => TwilioRest.ResourceUri(Account, "Messages.json");

    /// <summary>
    /// Sends one message. Throws only when <paramref name="cancellationToken"/> is cancelled; every answer from
    /// Twilio, a timeout and a broken connection come back as a result.
    /// </summary>
    public Task<TwilioSendResult> SendAsync(TwilioOutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        return TwilioRest.PostFormAsync(http, Account, MessagesUri, Form(sms), TwilioSendResult.Message, cancellationToken);
    }

    internal static List<KeyValuePair<string, string>> Form(TwilioOutboundSms sms)
    {
        var form = new List<KeyValuePair<string, string>> { new("To", sms.To) };
        if (!string.IsNullOrEmpty(sms.MessagingServiceSid))
        {
            form.Add(new("MessagingServiceSid", sms.MessagingServiceSid));
        }
        else if (!string.IsNullOrEmpty(sms.From))
        {
            form.Add(new("From", sms.From));
        }

        form.Add(new("Body", sms.Body));
        if (!string.IsNullOrEmpty(sms.StatusCallback))
        {
            form.Add(new("StatusCallback", sms.StatusCallback));
        }

        return form;
    }
}
