namespace Gateway.Channels.Ussd;

/// <summary>
/// Reads the Africa's Talking text history, every answer of a session joined by <c>*</c>. Only the part after
/// what was already read is new, because an answer may itself contain <c>*</c> (a place typed as "Soi 3*4").
/// </summary>
/// <example>
/// <code>
/// UssdHistory.After("1*3", consumed: 1);        // "3"
/// UssdHistory.After("1*Soi 3*4", consumed: 1);  // "Soi 3*4": one answer
/// UssdHistory.After("5", consumed: 0);          // "5": the first answer after the dial
/// </code>
/// </example>
public static class UssdHistory
{
    public static string After(string text, long consumed)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (consumed <= 0)
        {
            return text;
        }

        if (consumed < text.Length && text[(int)consumed] == '*')
        {
            return text[((int)consumed + 1)..];
        }

        // The history does not continue what was read (the provider restarted it, or the gateway lost its
        // place): the last answer is the best guess.
        var star = text.LastIndexOf('*');
        return star < 0 ? text : text[(star + 1)..];
    }
}
