using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Channels.Twilio;

/// <summary>
/// One POST to a resource of Twilio's 2010-04-01 REST API (Messages, Calls), and what its answer means: the
/// resource's sid on a 2xx, a retry on 429 / 20429 / 5xx / a timeout / a broken connection, otherwise a refusal
/// with Twilio's error code. Shared by <see cref="TwilioMessagesClient"/> and <see cref="TwilioCallsClient"/>.
/// </summary>
internal static class TwilioRest
{
    /// <summary><c>{ApiBaseUrl}/2010-04-01/Accounts/{AccountSid}/{resource}</c>.</summary>
    internal static Uri ResourceUri(TwilioAccount account, string resource) => new(
        new Uri(account.ApiBaseUrl.ToString().TrimEnd('/') + "/"),
        $"2010-04-01/Accounts/{Uri.EscapeDataString(account.AccountSid)}/{resource}");

    /// <summary>
    /// Posts the form with Basic auth. Throws only when <paramref name="cancellationToken"/> is cancelled; every
    /// answer, a timeout and a broken connection come back as a result about <paramref name="subject"/>.
    /// </summary>
    internal static async Task<TwilioSendResult> PostFormAsync(
        HttpClient http, TwilioAccount account, Uri uri, IEnumerable<KeyValuePair<string, string>> form, string subject, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Authorization = new AuthenticationHeaderValue(
            "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{account.AccountSid}:{account.AuthToken}")));
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return Read(response, body, subject);
        }
        catch (HttpRequestException)
        {
            // The request may or may not have reached Twilio.
            return new TwilioSendResult(TwilioSendOutcome.Retry, 0) { MayHaveBeenSent = true, Subject = subject };
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return new TwilioSendResult(TwilioSendOutcome.Retry, 0) { MayHaveBeenSent = true, Subject = subject };
        }
    }

    private static TwilioSendResult Read(HttpResponseMessage response, string body, string subject)
    {
        var status = (int)response.StatusCode;
        var json = Parse(body);
        if (response.IsSuccessStatusCode)
        {
            var sid = Text(json, "sid");
            return string.IsNullOrEmpty(sid)
                ? new TwilioSendResult(TwilioSendOutcome.Retry, status) { MayHaveBeenSent = true, Subject = subject }
                : new TwilioSendResult(TwilioSendOutcome.Accepted, status) { Sid = sid, Status = Text(json, "status") ?? "queued", Subject = subject };
        }

        var code = json?.TryGetProperty("code", out var c) == true && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) ? n : (int?)null;
        var moreInfo = Text(json, "more_info");
        var retryAfter = RetryAfter(response.Headers.RetryAfter);
        if (response.StatusCode == HttpStatusCode.TooManyRequests || code == 20429)
        {
            return new TwilioSendResult(TwilioSendOutcome.Retry, status) { ErrorCode = code, MoreInfo = moreInfo, RetryAfter = retryAfter, Subject = subject };
        }

        if (status >= 500)
        {
            return new TwilioSendResult(TwilioSendOutcome.Retry, status) { ErrorCode = code, MoreInfo = moreInfo, RetryAfter = retryAfter, MayHaveBeenSent = true, Subject = subject };
        }

        return new TwilioSendResult(code == 21610 ? TwilioSendOutcome.OptedOut : TwilioSendOutcome.Rejected, status) { ErrorCode = code, MoreInfo = moreInfo, Subject = subject };
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

    /// <summary>The wait a Retry-After header asks for, as a delay or until a date.</summary>
    internal static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
