using System.Globalization;
using Gateway.Core.Outbound;

namespace Gateway.Channels.Twilio;

/// <summary>
/// A message status callback from Twilio (MessageSid, MessageStatus, ErrorCode on failed and undelivered),
/// reduced to what the gateway uses. Twilio adds parameters without notice; the signature still covers them all.
/// </summary>
public sealed record TwilioStatusCallback(string MessageSid, string Status, int? ErrorCode)
{
    public static bool TryParse(IReadOnlyDictionary<string, string> form, out TwilioStatusCallback? callback, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(form);
        callback = null;
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        if (string.IsNullOrWhiteSpace(sid) || sid.Length != 34 || !(sid.StartsWith("SM", StringComparison.Ordinal) || sid.StartsWith("MM", StringComparison.Ordinal)))
        {
            problem = "MessageSid is missing or is not a 34-character SM… or MM… id.";
            return false;
        }

        var status = form.GetValueOrDefault("MessageStatus") ?? form.GetValueOrDefault("SmsStatus");
        if (!DeliveryStatus.IsKnown(status))
        {
            problem = $"MessageStatus is missing or is not one of {string.Join(", ", DeliveryStatus.All)}.";
            return false;
        }

        int? code = null;
        if (form.GetValueOrDefault("ErrorCode") is { Length: > 0 } text)
        {
            if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed))
            {
                problem = "ErrorCode is not a number.";
                return false;
            }

            code = parsed;
        }

        callback = new TwilioStatusCallback(sid, status!, code);
        problem = null;
        return true;
    }
}
