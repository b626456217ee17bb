namespace Gateway.Core.CheckIns;

/// <summary>
/// Text keys the host says about check-ins and buddies, outside any flow, and the placeholders they may use besides
/// the built-in ones: <c>{phone_end}</c> (the last digits of the other person's number, never the whole number),
/// <c>{last_message}</c> (what the child last wrote) and <c>{minutes}</c>.
/// </summary>
public static class CheckInTexts
{
    /// <summary>The reply that agrees to an invitation. A number, never one of Twilio's reserved words.</summary>
    public const string ConfirmDigit = "1";

    /// <summary>To the child, before the timer runs out: "{minutes} minutes left. Reply SAFE …".</summary>
    public const string Reminder = "checkin.reminder";

    /// <summary>To each buddy when the timer ran out, with the child's last message and the hotline: tell an adult, or call.</summary>
    public const string Alert = "checkin.alert";

    /// <summary>The same alert when the child wrote nothing but keywords.</summary>
    public const string AlertNoMessage = "checkin.alert_no_message";

    /// <summary>To the buddies already alerted, when the child says SAFE after all.</summary>
    public const string SafeNow = "checkin.safe_now";

    /// <summary>To the invited number: who asks (by the last digits), and "Reply 1 to agree".</summary>
    public const string Invitation = "buddy.invitation";

    /// <summary>To the invited number once it agreed.</summary>
    public const string Agreed = "buddy.agreed";

    /// <summary>To the invited number when it replied another number than 1.</summary>
    public const string WrongReply = "buddy.wrong_reply";

    /// <summary>To the child: the invitation went out.</summary>
    public const string Invited = "buddy.invited";

    /// <summary>To the child: the invitation went out and replaced the one still waiting.</summary>
    public const string Replaced = "buddy.replaced";

    /// <summary>To the child: the buddy agreed.</summary>
    public const string Confirmed = "buddy.confirmed";

    /// <summary>To the child: the number cannot be read.</summary>
    public const string BadNumber = "buddy.bad_number";

    /// <summary>To the child: they wrote their own number.</summary>
    public const string OwnNumber = "buddy.own_number";

    /// <summary>To the child: that number is a buddy already.</summary>
    public const string Already = "buddy.already";

    /// <summary>To the child: too many buddies, or too many invitations today.</summary>
    public const string Limit = "buddy.limit";

    /// <summary>To the child: the gateway cannot text that number (a country it does not text) or this phone.</summary>
    public const string NotPossible = "buddy.not_possible";

    /// <summary>Placeholders these texts may use besides the built-in ones.</summary>
    public static readonly IReadOnlyList<string> Placeholders = ["phone_end", "last_message"];

    public static readonly IReadOnlyList<string> All =
        [Reminder, Alert, AlertNoMessage, SafeNow, Invitation, Agreed, WrongReply, Invited, Replaced, Confirmed, BadNumber, OwnNumber, Already, Limit, NotPossible];

    /// <summary>
    /// The last digits of a number, the only part of it a text shows: "+855 12 345 678" → "5678".
    /// </summary>
    public static string PhoneEnd(string e164)
    {
        ArgumentNullException.ThrowIfNull(e164);
        var digits = new string([.. e164.Where(char.IsAsciiDigit)]);
        return digits.Length <= 4 ? digits : digits[^4..];
    }
}
