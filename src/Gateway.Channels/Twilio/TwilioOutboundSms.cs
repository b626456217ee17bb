namespace Gateway.Channels.Twilio;

/// <summary>
/// One SMS to send through the Messages API. The sender is the messaging service when one is given, otherwise the
/// From number; the status callback is where Twilio posts delivery statuses.
/// </summary>
public sealed record TwilioOutboundSms(string To, string Body, string? From, string? MessagingServiceSid, string? StatusCallback)
{
    /// <summary>Twilio's limit for one message body, in characters.</summary>
    public const int MaxBodyLength = 1600;

    // The number and the text stay out of anything that prints this record.
    public override string ToString() => $"TwilioOutboundSms {{ Body = {Body.Length} characters, StatusCallback = {StatusCallback} }}";
}
