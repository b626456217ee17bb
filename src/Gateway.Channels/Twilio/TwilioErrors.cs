using System.Globalization;

namespace Gateway.Channels.Twilio;

/// <summary>Twilio's error codes as sentences an operator can act on; never quoting Twilio's text, which can hold the number.</summary>
public static class TwilioErrors
{
    private static readonly Dictionary<int, string> Sentences = new()
    {
        [20003] = "Twilio refused the account's credentials: check Twilio__AccountSid and Twilio__AuthToken",
        [20429] = "Twilio asked the gateway to slow down",
        [21211] = "Twilio says the recipient's number is not a valid phone number",
        [21408] = "The Twilio account may not send to this country (geographic permissions)",
        [21606] = "The From number cannot send SMS to this destination",
        [21608] = "The Twilio account is a trial account and the recipient's number is not verified on it",
        [21610] = "The person replied STOP to this sender, so Twilio will not text them; they are marked as opted out",
        [21612] = "Twilio cannot route a message from this sender to the recipient's number",
        [21614] = "The recipient's number cannot receive SMS (a landline, perhaps)",
        [21617] = "The text is longer than Twilio accepts (1600 characters)",
        [13224] = "Twilio cannot call this number: it is not valid E.164 or no carrier can reach it",
        [13227] = "The Twilio account may not call this country (international voice permission)",
        [21210] = "The From number for calls is neither a Twilio number of this account nor a verified caller id",
        [21215] = "The Twilio account may not call this number (voice geographic permissions in the Twilio Console)",
        [21216] = "Twilio blocks calls to this number (a high-risk or barred destination)",
        [21217] = "Twilio says the number to call is not a valid phone number",
        [21219] = "The Twilio account is a trial account and the number to call is not verified on it",
        [30003] = "The phone was unreachable (switched off or out of coverage) and the network gave up",
        [30004] = "The message was blocked (by the person, the carrier or a filter)",
        [30005] = "The number is unknown to the carrier or no longer in service",
        [30006] = "The number is a landline or the carrier cannot deliver SMS to it",
        [30007] = "The carrier filtered the message as spam",
        [30008] = "The carrier reported an unknown delivery error",
    };

    /// <summary>
    /// A sentence naming the code (and the HTTP status, when there was one) and how to read more; an unknown code
    /// is told as a refusal of the <paramref name="subject"/> ("message" or "call").
    /// </summary>
    /// <example><c>Describe(21211, 400, null)</c>: "Twilio says the recipient's number is not a valid phone number (error 21211, HTTP 400)."</example>
    public static string Describe(int? code, int? httpStatus = null, string? moreInfo = null, string subject = "message")
    {
        var what = code is { } known && Sentences.TryGetValue(known, out var sentence)
            ? sentence
            : code is null ? $"Twilio refused the {subject} without an error code" : $"Twilio refused the {subject}";
        var details = new List<string>();
        if (code is { } c)
        {
            details.Add("error " + c.ToString(CultureInfo.InvariantCulture));
        }

        if (httpStatus is { } status and > 0)
        {
            details.Add("HTTP " + status.ToString(CultureInfo.InvariantCulture));
        }

        var text = details.Count == 0 ? what + "." : $"{what} ({string.Join(", ", details)}).";
        return Uri.TryCreate(moreInfo, UriKind.Absolute, out var link) && link.Scheme == Uri.UriSchemeHttps ? $"{text} See {link}" : text;
    }
}
