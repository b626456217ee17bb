using System.Globalization;

namespace Gateway.Channels.Twilio;

/// <summary>
/// Twilio's Calls API: <c>POST {ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/Calls.json</c> with Basic auth and a
/// form (To, From, Twiml or Url, StatusCallback, StatusCallbackEvent once per event, Timeout), answered by 201 and
/// the call JSON (sid CA…, status queued) or by an error JSON <c>{code, message, more_info, status}</c>, read as
/// the Messages API's are. A 201 means Twilio will dial, not that anyone answered: busy, no-answer and failed
/// arrive later at the status callback.
/// </summary>
/// <example>
/// <code>
/// var calls = new TwilioCallsClient(httpClient, account);
/// var result = await calls.PlaceAsync(new TwilioOutboundCall(to, from) { Twiml = VoiceTwiML.Page(reference, "labour", accept) }, ct);
/// if (result.Outcome == TwilioSendOutcome.Accepted) { /* record result.Sid (CA…) on the page */ }
/// </code>
/// </example>
public sealed class TwilioCallsClient(HttpClient http, TwilioAccount account)
{
    public TwilioAccount Account { get; } = account;

    /// <summary>The Calls resource of the account.</summary>
    public Uri CallsUri => TwilioRest.ResourceUri(Account, "Calls.json");

    /// <summary>
    /// Places one call. Throws <see cref="ArgumentException"/> for a call that names neither or both of TwiML and
    /// URL, or TwiML longer than Twilio accepts; otherwise throws only when <paramref name="cancellationToken"/> is
    /// cancelled, and every answer, a timeout and a broken connection come back as a result.
    /// </summary>
    public Task<TwilioSendResult> PlaceAsync(TwilioOutboundCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return TwilioRest.PostFormAsync(http, Account, CallsUri, Form(call), TwilioSendResult.Call, cancellationToken);
    }

    internal static List<KeyValuePair<string, string>> Form(TwilioOutboundCall call)
    {
        if (string.IsNullOrEmpty(call.Twiml) == (call.Url is null))
        {
            throw new ArgumentException("A call needs either inline TwiML or a URL to fetch it from, not both.", nameof(call));
        }

        if (call.Twiml is { Length: > TwilioOutboundCall.MaxTwimlLength } twiml)
        {
            throw new ArgumentException($"The call's TwiML is {twiml.Length} characters; Twilio accepts at most {TwilioOutboundCall.MaxTwimlLength}: give a URL instead.", nameof(call));
        }

        var form = new List<KeyValuePair<string, string>> { new("To", call.To), new("From", call.From) };
        form.Add(call.Url is { } url ? new("Url", url.AbsoluteUri) : new("Twiml", call.Twiml!));
        if (call.StatusCallback is { } callback)
        {
            form.Add(new("StatusCallback", callback.AbsoluteUri));
            form.Add(new("StatusCallbackMethod", "POST"));
            foreach (var name in call.StatusCallbackEvents)
            {
                form.Add(new("StatusCallbackEvent", name));
            }
        }

        if (call.Timeout is { } timeout)
        {
            var seconds = (int)Math.Clamp(Math.Ceiling(timeout.TotalSeconds), 1, 600);
            form.Add(new("Timeout", seconds.ToString(CultureInfo.InvariantCulture)));
        }

        return form;
    }
}
