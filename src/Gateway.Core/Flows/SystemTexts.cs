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
    /// Said once to a sender past the inbound rate limits: what the gateway does now (nothing for a few minutes) and
    /// that SOS is still answered, with the hotline. Their messages until then are not handled.
    /// </summary>
    public const string RateLimited = "system.rate_limited";

    /// <summary>
    /// What <c>{hotline}</c> says where the person's country has no hotline with a confirmed number:
    /// "your local emergency number".
    /// </summary>
    public const string NoHotline = "contacts.no_hotline";

    /// <summary>What "talk to someone now" says (<see cref="Actions.ConnectCallAction"/>).</summary>
    public static readonly IReadOnlyList<string> Connect = [Actions.ConnectCallAction.ConnectingKey, Actions.ConnectCallAction.CallNumberKey, Actions.ConnectCallAction.NoneKey];

    /// <summary>After each option on a call: "Press {key}."; the voice host fills the key.</summary>
    public const string VoicePress = "voice.press";

    /// <summary>Before a call waits for typed digits (a number of minutes): "Then press the hash key."</summary>
    public const string VoiceHash = "voice.hash";

    /// <summary>When a caller pressed nothing twice: goodbye, with the hotline.</summary>
    public const string VoiceGoodbye = "voice.goodbye";

    /// <summary>The SMS answer to CALL when the call is on its way.</summary>
    public const string CallBackPlaced = "callback.placed";

    /// <summary>The SMS answer to CALL when the gateway may not call the number, or the call failed; with the hotline.</summary>
    public const string CallBackRefused = "callback.refused";

    /// <summary>The SMS answer to CALL when the person had today's call-backs already; with the hotline.</summary>
    public const string CallBackLimit = "callback.limit";

    /// <summary>What the person hears when they answer the call-back: "This is the free call you asked for. Press 1 …".</summary>
    public const string CallBackConsent = "callback.consent";

    /// <summary>Texts the hosts say on calls and about call-backs.</summary>
    public static readonly IReadOnlyList<string> Voice = [VoicePress, VoiceHash, VoiceGoodbye, CallBackPlaced, CallBackRefused, CallBackLimit, CallBackConsent];

    public static readonly IReadOnlyList<string> All = [Invalid, TooManyTries, More, SessionMoved, ContactsNone, NoHotline, Unavailable, RateLimited, .. Connect, .. Voice];

    /// <summary>The option number that asks for the next page of a long text.</summary>
    public const int MoreKey = 0;
}
