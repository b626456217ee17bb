namespace Gateway.Core.Flows;

/// <summary>
/// Text keys the engine itself says; every language file should have them and en must.
/// </summary>
public static class SystemTexts
{
    /// <summary>A wrong answer: "Sorry, please reply with one of the numbers."</summary>
    public const string Invalid = "system.invalid";

    /// <summary>After three wrong answers: back to the menu, with the hotline for the person's country.</summary>
    public const string TooManyTries = "system.too_many_tries";

    /// <summary>The label of option 0 on a paged text.</summary>
    public const string More = "system.more";

    /// <summary>Said when the flows changed under a conversation and it moved.</summary>
    public const string SessionMoved = "system.session_moved";

    public const string ContactsNone = Actions.SendContactsAction.NoneKey;

    /// <summary>
    /// Said when the gateway cannot reach its store: the message is kept and handled later, and the person is
    /// given the hotline for their country now.
    /// </summary>
    public const string Unavailable = "system.unavailable";

    /// <summary>
    /// What <c>{hotline}</c> says where the person's country has no hotline with a confirmed number:
    /// "your local emergency number".
    /// </summary>
    public const string NoHotline = "contacts.no_hotline";

    public static readonly IReadOnlyList<string> All = [Invalid, TooManyTries, More, SessionMoved, ContactsNone, NoHotline, Unavailable];

    /// <summary>The option number that asks for the next page of a long text.</summary>
    public const int MoreKey = 0;
}
