using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

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
    public Uri MessagesUri => new(
        new Uri(Account.ApiBaseUrl.ToString().TrimEnd('/') + "/"),
        $"2010-04-01/Accounts/{Uri.EscapeDataString(Account.AccountSid)}/Messages.json");

    /// <summary>
    /// Sends one message. Throws only when <paramref name="cancellationToken"/> is cancelled; every answer from
    /// Twilio, a timeout and a broken connection come back as a result.
    /// </summary>
    public async Task<TwilioSendResult> SendAsync(TwilioOutboundSms sms, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sms);
        using var request = new HttpRequestMessage(HttpMethod.Post, MessagesUri) { Content = new FormUrlEncodedContent(Form(sms)) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Account.AccountSid}:{Account.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Read(response, body);
        }
        catch (HttpRequestException)
        {
            // The request may or may not have reached Twilio.
            return new TwilioSendResult(TwilioSendOutcome.Retry, 0) { MayHaveBeenSent = true };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return new TwilioSendResult(TwilioSendOutcome.Retry, 0) { MayHaveBeenSent = true };
        }
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

    private static TwilioSendResult Read(HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        var json = Parse(body);
        if (response.IsSuccessStatusCode)
        {
            var sid = Text(json, "sid");
            return string.IsNullOrEmpty(sid)
                ? new TwilioSendResult(TwilioSendOutcome.Retry, status) { MayHaveBeenSent = true }
                : new TwilioSendResult(TwilioSendOutcome.Accepted, status) { Sid = sid, Status = Text(json, "status") ?? "queued" };
        }

        var code = json?.TryGetProperty("code", out var c) == true && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : (int?)null;
        var moreInfo = Text(json, "more_info");
        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || code == 20429)
        {
            return new TwilioSendResult(TwilioSendOutcome.Retry, status) { ErrorCode = code, MoreInfo = moreInfo, RetryAfter = retryAfter };
        }

        if (status >= 500)
        {
            return new TwilioSendResult(TwilioSendOutcome.Retry, status) { ErrorCode = code, MoreInfo = moreInfo, RetryAfter = retryAfter, MayHaveBeenSent = true };
        }

        return new TwilioSendResult(code == 21610 ? TwilioSendOutcome.OptedOut : TwilioSendOutcome.Rejected, status) { ErrorCode = code, MoreInfo = moreInfo };
    }

    private static JsonElement? Parse(string body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement? json, string name) =>
        json?.TryGetProperty(name, out var value) == true && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
