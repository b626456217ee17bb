using System.Globalization;
using System.Text;

namespace Gateway.Core.Sessions;

/// <summary>
/// Something a turn produced that the host must act on (store a report, start a timer …).
/// The engine does no I/O: it only says what happened.
/// </summary>
public abstract record FlowEvent
{
    /// <summary>The event's name as transcripts show it.</summary>
    public abstract string Name { get; }

    /// <summary>The event's fields in a stable order, for transcripts and logs (no phone numbers or free text).</summary>
    public abstract IEnumerable<KeyValuePair<string, string>> Fields();

    /// <summary>One line: <c>ReportRequested category=labour under18=yes</c>.</summary>
    public string Describe()
    {
        var text = new StringBuilder(Name);
        foreach (var (key, value) in Fields())
        {
            text.Append(' ').Append(key).Append('=').Append(value.Contains(' ', StringComparison.Ordinal) ? $"\"{value}\"" : value);
        }

        return text.ToString();
    }

    protected static KeyValuePair<string, string> Field(string key, string? value) => new(key, value ?? "-");

    protected static KeyValuePair<string, string> Field(string key, int value) => new(key, value.ToString(CultureInfo.InvariantCulture));
}

/// <summary>
/// A person asked for help. The host stores the report before telling them anything and fills <c>{ref}</c>.
/// </summary>
public sealed record ReportRequested(
    string Category,
    string? UnderEighteen,
    string? Place,
    bool ForSomeoneElse,
    bool MayText,
    bool MayCall,
    bool Urgent) : FlowEvent
{
    public override string Name => "ReportRequested";

    /// <summary>The province chosen by number (report flow), where a level serves some provinces only.</summary>
    public string? Province { get; init; }

    /// <summary>"ngo_only" when the person accepted only NGOs (<see cref="Cases.RecipientKinds.NgoOnly"/>); null: the policy as it stands.</summary>
    public string? Recipients { get; init; }

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("category", Category);
        yield return Field("under18", UnderEighteen);
        yield return Field("place", Place is null ? null : "given");
        yield return Field("for", ForSomeoneElse ? "someone_else" : "self");
        yield return Field("may_text", MayText ? "yes" : "no");
        yield return Field("may_call", MayCall ? "yes" : "no");
        if (Province is not null)
        {
            yield return Field("province", Province);
        }

        if (Urgent)
        {
            yield return Field("urgent", "yes");
        }

        if (Recipients is not null)
        {
            yield return Field("recipients", Recipients);
        }
    }
}

/// <summary>
/// After an SOS, the person asked that their report go only to NGOs from now on (<see cref="Cases.RecipientKinds.NgoOnly"/>):
/// the host records it on their open report, whose chain passes over the levels they refused.
/// </summary>
public sealed record RecipientsLimited(string Recipients) : FlowEvent
{
    public override string Name => "RecipientsLimited";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("recipients", Recipients);
    }
}

public sealed record CheckInStarted(int Minutes) : FlowEvent
{
    public override string Name => "CheckInStarted";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("minutes", Minutes);
    }
}

public sealed record CheckInCancelled : FlowEvent
{
    public override string Name => "CheckInCancelled";

    public override IEnumerable<KeyValuePair<string, string>> Fields() => [];
}

public sealed record LanguageChosen(string Language, bool Zawgyi) : FlowEvent
{
    public override string Name => "LanguageChosen";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("language", Language);
        if (Zawgyi)
        {
            yield return Field("zawgyi", "yes");
        }
    }
}

/// <summary>The person said which country they are in; the host keeps it with the contact.</summary>
public sealed record CountryChosen(string Country) : FlowEvent
{
    public override string Name => "CountryChosen";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("country", Country);
    }
}

/// <summary>The person turned discreet replies on or off; the host keeps it with the contact, sealed.</summary>
public sealed record DiscretionChosen(bool Discreet) : FlowEvent
{
    public override string Name => "DiscretionChosen";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("discreet", Discreet ? "on" : "off");
    }
}

/// <summary>Contacts were sent to the person; the ids say which, for follow-up statistics.</summary>
public sealed record ContactsSent(string Kind, IReadOnlyList<string> EntryIds) : FlowEvent
{
    public override string Name => "ContactsSent";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("kind", Kind);
        yield return Field("entries", string.Join(',', EntryIds));
    }
}

public sealed record FlowEnded(string State) : FlowEvent
{
    public override string Name => "FlowEnded";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("state", State);
    }
}

public sealed record OptedOut : FlowEvent
{
    public override string Name => "OptedOut";

    public override IEnumerable<KeyValuePair<string, string>> Fields() => [];
}

public sealed record OptedIn : FlowEvent
{
    public override string Name => "OptedIn";

    public override IEnumerable<KeyValuePair<string, string>> Fields() => [];
}

public sealed record HelpRequested : FlowEvent
{
    public override string Name => "HelpRequested";

    public override IEnumerable<KeyValuePair<string, string>> Fields() => [];
}

/// <summary>
/// The person asked to be called back (CALL): the host places a free call to their number, within the allowed
/// countries and the caps, and answers whether it will come.
/// </summary>
public sealed record CallBackRequested : FlowEvent
{
    public override string Name => "CallBackRequested";

    public override IEnumerable<KeyValuePair<string, string>> Fields() => [];
}

/// <summary>
/// "Talk to someone now": the contact of the directory who can take the call now (<see cref="EntryId"/>, null when
/// nobody can), and whether a call can be put through to them (<see cref="Dialable"/>) or the person must dial
/// the number themselves. On a call the host connects them.
/// </summary>
public sealed record ConnectRequested(string? EntryId, bool Dialable) : FlowEvent
{
    public override string Name => "ConnectRequested";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("contact", EntryId);
        yield return Field("dialable", Dialable ? "yes" : "no");
    }
}

/// <summary>A keyword with an argument the engine does not act on itself (STATUS ref, BUDDY number, ACK ref).</summary>
public sealed record KeywordReceived(string Keyword, string Argument) : FlowEvent
{
    public override string Name => "KeywordReceived";

    // The argument may be a phone number: transcripts and logs only say that one was given.
    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("keyword", Keyword);
        yield return Field("argument", Argument.Length == 0 ? "none" : "given");
    }
}

/// <summary>The session had been idle past the flow's expiry and was forgotten quietly.</summary>
public sealed record SessionExpired(string State) : FlowEvent
{
    public override string Name => "SessionExpired";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("state", State);
    }
}

/// <summary>The session was on a revision no longer served and moved to the same state, or the menu.</summary>
public sealed record SessionMoved(string From, string To) : FlowEvent
{
    public override string Name => "SessionMoved";

    public override IEnumerable<KeyValuePair<string, string>> Fields()
    {
        yield return Field("from", From);
        yield return Field("to", To);
    }
}
