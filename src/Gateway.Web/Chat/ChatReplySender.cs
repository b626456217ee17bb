using Gateway.Channels.BotFramework;
using Gateway.Web.Messaging;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Chat;

/// <summary>
/// Posts a turn's replies to the channel's connector, in order, with the gateway's token. 429, 5xx and timeouts
/// are tried again with a doubling wait (the connector's Retry-After wins) within the reply budget; a refused token
/// is renewed once. A reply that still fails is logged by the contact's hashed id and counted, and the ones after it
/// are not sent (they would make no sense alone). Never a text or a conversation id in a log.
/// </summary>
public sealed partial class ChatReplySender(
    BotConnectorClient connector,
    BotTokenClient tokens,
    IOptions<BotFrameworkOptions> options,
    TimeProvider clock,
    GatewayMetrics metrics,
    ILogger<ChatReplySender> logger)
{
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Sends <paramref name="replies"/> as answers to activity <paramref name="replyToId"/>; without
    /// <paramref name="withToken"/> (a local emulator) no Authorization header is sent. Returns how many went out.
    /// </summary>
    public async Task<int> SendAsync(IReadOnlyList<Activity> replies, string? replyToId, bool withToken, string contactId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(replies);
        var settings = options.Value;
        var started = clock.GetTimestamp();
        for (var index = 0; index < replies.Count; index++)
        {
            var (sent, status, attempts) = await SendOneAsync(replies[index], replyToId, withToken, settings, started, cancellationToken);
            if (!sent)
            {
                LogFailed(logger, index + 1, replies.Count, contactId, status, attempts);
                metrics.Failed.Add(replies.Count - index, new KeyValuePair<string, object?>("channel", "chat"), new KeyValuePair<string, object?>("reason", status == 0 ? "unreachable" : $"http_{status}"));
                return index;
            }

            metrics.Sent.Add(1, new KeyValuePair<string, object?>("channel", "chat"));
        }

        return replies.Count;
    }

    private async Task<(bool Sent, int Status, int Attempts)> SendOneAsync(
        Activity reply, string? replyToId, bool withToken, BotFrameworkOptions settings, long started, CancellationToken cancellationToken)
    {
        var renewed = false;
        var status = 0;
        for (var attempt = 1; ; attempt++)
        {
            string? token = null;
            if (withToken)
            {
                try
                {
                    token = await tokens.GetTokenAsync(cancellationToken);
                }
                catch (BotTokenException e)
                {
                    LogNoToken(logger, e.Message);
                    return (false, e.Status, attempt);
                }
            }

            var result = await connector.ReplyAsync(reply, replyToId, token, cancellationToken);
            status = result.Status;
            switch (result.Outcome)
            {
                case BotSendOutcome.Sent:
                    return (true, status, attempt);
                case BotSendOutcome.Unauthorized when token is not null && !renewed:
                    // A token revoked or rotated early: ask for a new one, once.
                    tokens.Invalidate(token);
                    renewed = true;
                    continue;
                case BotSendOutcome.Unauthorized:
                    LogTokenRefused(logger, status);
                    return (false, status, attempt);
                case BotSendOutcome.Rejected:
                    return (false, status, attempt);
            }

            var delay = result.RetryAfter ?? settings.RetryBaseDelay * Math.Pow(2, attempt - 1);
            delay = delay > MaxDelay ? MaxDelay : delay;
            if (attempt >= settings.MaxSendAttempts || clock.GetElapsedTime(started) + delay > settings.ReplyBudget)
            {
                return (false, status, attempt);
            }

            LogRetry(logger, status, attempt, delay.TotalMilliseconds);
            await Task.Delay(delay, clock, cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Chat reply {Index} of {Count} to contact {ContactId} was not delivered to the connector after {Attempts} attempt(s) (last status {Status}); the replies after it were not sent")]
    private static partial void LogFailed(ILogger logger, int index, int count, string contactId, int status, int attempts);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The chat connector answered {Status} on attempt {Attempt}; trying again in {DelayMs} ms")]
    private static partial void LogRetry(ILogger logger, int status, int attempt, double delayMs);

    [LoggerMessage(Level = LogLevel.Error, Message = "No token for the chat connector: {Problem}")]
    private static partial void LogNoToken(ILogger logger, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "The chat connector refused the gateway's token twice ({Status}): check BotFramework:AppId, BotFramework:AppPassword and BotFramework:TokenEndpoint")]
    private static partial void LogTokenRefused(ILogger logger, int status);
}
