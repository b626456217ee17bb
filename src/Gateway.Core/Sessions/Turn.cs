using Gateway.Core.Flows;

namespace Gateway.Core.Sessions;

/// <summary>
/// What one inbound message produced: the session to store, the messages to send (already paged to
/// the channel's budget), the current menu for channels that draw buttons, the events for the host, the states entered and the
/// node types exercised (<see cref="NodeTypes"/>).
/// Texts may still hold <c>{ref}</c>, which the host fills once the report is stored.
/// </summary>
public sealed record Turn(
    Session Session,
    IReadOnlyList<string> Messages,
    IReadOnlyList<MenuItem> Menu,
    IReadOnlyList<FlowEvent> Events,
    IReadOnlyList<string> Visited,
    IReadOnlyList<string> Trace)
{
    /// <summary>Texts said in another language than the person's because theirs has none yet (for editors, not the phone).</summary>
    public IReadOnlyList<BorrowedText> Borrowed { get; init; } = [];

    /// <summary>
    /// On voice only: the texts of <see cref="Messages"/> one by one, in order, each with the key and language it was
    /// said from, so that a call can play a text's recording or pick a voice for its language. The menu's lines are
    /// not among them: <see cref="Menu"/> has them.
    /// </summary>
    public IReadOnlyList<SaidText> Said { get; init; } = [];
}

/// <summary>An option of the state the person is now in: its number and its label in their language.</summary>
public readonly record struct MenuItem(int Key, string Label)
{
    /// <summary>The label's text key (e.g. menu.report), for a call to play its recording.</summary>
    public string? TextKey { get; init; }

    /// <summary>The language the label was taken from (the person's, or one along its fallback chain).</summary>
    public string? Language { get; init; }
}

/// <summary>
/// One text as the engine said it: its key (null for lines made from data, such as a list of contacts), the
/// language it was taken from, the words with placeholders filled (<c>{ref}</c> is filled by the host) and the
/// words as written in the file, placeholders and all.
/// </summary>
public sealed record SaidText(string? Key, string? Language, string Text, string Template)
{
    /// <summary>True when the words carry a value that a recording of the written text cannot say.</summary>
    public bool HasPlaceholders => Template.Contains('{', StringComparison.Ordinal);
}
