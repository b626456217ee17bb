using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Gateway.Channels.BotFramework;

/// <summary>
/// The channel's connector: <c>POST {serviceUrl}/v3/conversations/{conversationId}/activities/{activityId}</c> answers
/// an activity (<c>…/activities</c> without an id starts a new message), with the gateway's bearer token. The
/// conversation and activity ids are percent-encoded as whole path segments: Teams ids hold ':', '@', ';' and '='.
/// One call is one attempt; the result says whether to try again.
/// </summary>
public sealed class BotConnectorClient(HttpClient http)
{
    /// <summary>
    /// The URL of a reply: <c>ReplyUri("https://smba.example/apac/", "19:abc@thread.v2;messageid=17 x", "1")</c> is
    /// <c>https://smba.example/apac/v3/conversations/19%3Aabc%40thread.v2%3Bmessageid%3D17%20x/activities/1</c>.
    /// </summary>
    public static Uri ReplyUri(string serviceUrl, string conversationId, string? replyToId)
    {
        ArgumentException.ThrowIfNullOrEmpty(serviceUrl);
        ArgumentException.ThrowIfNullOrEmpty(conversationId);
        var path = $"{serviceUrl.TrimEnd('/')}/v3/conversations/{EncodeSegment(conversationId)}/activities";
        return new Uri(string.IsNullOrEmpty(replyToId) ? path : $"{path}/{EncodeSegment(replyToId)}");
    }

    /// <summary>Percent-encodes everything but letters, digits and <c>- _ . ~</c> (RFC 3986 unreserved characters).</summary>
    public static string EncodeSegment(string value) => Uri.EscapeDataString(value);

    /// <summary>
    /// Posts <paramref name="reply"/> as the answer to activity <paramref name="replyToId"/> in its conversation.
    /// <paramref name="bearerToken"/> may be null only for a local emulator. Throws only when
    /// <paramref name="cancellationToken"/> is cancelled.
    /// </summary>
    public async Task<BotSendResult> ReplyAsync(Activity reply, string? replyToId, string? bearerToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var uri = ReplyUri(reply.ServiceUrl ?? string.Empty, reply.Conversation?.Id ?? string.Empty, replyToId);
        // A buffered body with its Content-Length: not every connector takes a chunked request.
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new StringContent(BotJson.Serialize(reply), Encoding.UTF8, "application/json") };
        if (bearerToken is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearerToken);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                return new BotSendResult(BotSendOutcome.Sent, status) { Id = await ReadIdAsync(response, cancellationToken) };
            }

            var outcome = response.StatusCode switch
            {
                HttpStatusCode.TooManyRequests => BotSendOutcome.Retry,
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden => BotSendOutcome.Unauthorized,
                _ when status >= 500 => BotSendOutcome.Retry,
                _ => BotSendOutcome.Rejected,
            };
            return new BotSendResult(outcome, status) { RetryAfter = RetryAfter(response.Headers.RetryAfter) };
        }
        catch (HttpRequestException)
        {
            return new BotSendResult(BotSendOutcome.Retry, 0);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // HttpClient's own timeout.
            return new BotSendResult(BotSendOutcome.Retry, 0);
        }
    }

    private static async Task<string?> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            return body.Length == 0 ? null : JsonSerializer.Deserialize<ResourceResponse>(body, BotJson.Options)?.Id;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow is { Ticks: > 0 } wait ? wait : TimeSpan.Zero,
        _ => null,
    };
}
