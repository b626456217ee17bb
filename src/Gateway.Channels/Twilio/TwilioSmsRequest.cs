namespace Gateway.Channels.Twilio;

/// <summary>
/// An inbound SMS webhook from Twilio, reduced to what the gateway uses. Twilio adds parameters without notice;
/// only these are read (the signature still covers them all).
/// </summary>
public sealed record TwilioSmsRequest(string MessageSid, string From, string To, string Body, string? AccountSid)
{
    public static bool TryParse(IReadOnlyDictionary<string, string> form, out TwilioSmsRequest? request, out string? problem)
    {
        request = null;
        var sid = form.GetValueOrDefault("MessageSid") ?? form.GetValueOrDefault("SmsSid");
        var from = form.GetValueOrDefault("From");
        if (string.IsNullOrWhiteSpace(sid) || sid.Length != 34 || !(sid.StartsWith("SM", StringComparison.Ordinal) || sid.StartsWith("MM", StringComparison.Ordinal)))
        {
            problem = "MessageSid is missing or is not a 34-character SM… or MM… id.";
            return false;
        }

        if (string.IsNullOrWhiteSpace(from))
        {
            problem = "From is missing.";
            return false;
        }

        if (!form.TryGetValue("Body", out var body))
        {
            problem = "Body is missing.";
            return false;
        }

        request = new TwilioSmsRequest(sid, from, form.GetValueOrDefault("To") ?? string.Empty, body, form.GetValueOrDefault("AccountSid"));
        problem = null;
        return true;
    }
}
