namespace Gateway.Core.Flows.Validation;

/// <summary>
/// Words Twilio acts on by itself when they are a whole message on a long code: it opts the sender out or in,
/// or answers HELP, before the gateway sees the message. A flow must never use them as answers.
/// </summary>
public static class ReservedWords
{
    public static readonly IReadOnlyList<string> OptOut = ["STOP", "UNSUBSCRIBE", "END", "QUIT", "STOPALL", "REVOKE", "OPTOUT", "CANCEL"];
    public static readonly IReadOnlyList<string> OptIn = ["START", "YES", "UNSTOP"];
    public static readonly IReadOnlyList<string> Help = ["HELP", "INFO"];

    public static bool IsReserved(string normalizedWord) =>
        OptOut.Contains(normalizedWord) || OptIn.Contains(normalizedWord) || Help.Contains(normalizedWord);

    /// <summary>Whether a keyword of <paramref name="kind"/> may use the reserved word (STOP for opt-out, …).</summary>
    public static bool AllowedFor(KeywordKind kind, string normalizedWord) => kind switch
    {
        KeywordKind.OptOut => OptOut.Contains(normalizedWord),
        KeywordKind.OptIn => OptIn.Contains(normalizedWord),
        KeywordKind.Help => Help.Contains(normalizedWord),
        _ => false,
    };
}
