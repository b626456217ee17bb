namespace Gateway.Channels.Twilio;

/// <summary>
/// A voice webhook from Twilio (a call coming in, or a <c>&lt;Gather&gt;</c> posting the keys pressed), reduced to
/// what the gateway uses: CallSid (34 characters, CA…), From, To, Digits (absent on a new call and when nothing
/// was pressed), CallStatus and Direction. Twilio adds parameters without notice; the signature covers them all.
/// </summary>
public sealed record TwilioVoiceRequest(string CallSid, string From, string To, string? Digits, string? CallStatus, string? Direction)
{
    public static bool TryParse(IReadOnlyDictionary<string, string> form, out TwilioVoiceRequest? request, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(form);
        request = null;
        var sid = form.GetValueOrDefault("CallSid");
        if (string.IsNullOrWhiteSpace(sid) || sid.Length != 34 || !sid.StartsWith("CA", StringComparison.Ordinal))
        {
            problem = "CallSid is missing or is not a 34-character CA… id.";
            return false;
        }

        var from = form.GetValueOrDefault("From");
        if (string.IsNullOrWhiteSpace(from))
        {
            problem = "From is missing.";
            return false;
        }

        var digits = form.GetValueOrDefault("Digits");
        if (digits is { Length: > 0 } && (digits.Length > 32 || !digits.All(c => char.IsAsciiDigit(c) || c is '*' or '#')))
        {
            problem = "Digits holds something other than the keys of a phone (0-9, * and #).";
            return false;
        }

        request = new TwilioVoiceRequest(sid, from, form.GetValueOrDefault("To") ?? string.Empty, string.IsNullOrEmpty(digits) ? null : digits,
            form.GetValueOrDefault("CallStatus"), form.GetValueOrDefault("Direction"));
        problem = null;
        return true;
    }

    // The caller's number stays out of anything that prints this record.
    public override string ToString() => $"TwilioVoiceRequest {{ CallSid = {CallSid}, Digits = {(Digits is null ? "none" : "given")}, CallStatus = {CallStatus} }}";
}
