namespace Gateway.Core.Sessions;

/// <summary>
/// A text a turn said in another language than the person's, because their language has no text for the key
/// yet: the fallback chain lent it (shn → my → en). The person's phone never shows this; transcripts and
/// <c>gateway try</c> mark the lines it produced so an editor sees what is still to translate.
/// </summary>
/// <param name="Key">The key the text was found under (with its country, e.g. <c>work.wage@TH</c>).</param>
/// <param name="Language">The language the text came from.</param>
/// <param name="Text">The text as said, placeholders filled.</param>
public sealed record BorrowedText(string Key, string Language, string Text)
{
    /// <summary>
    /// The language a line of a reply was borrowed from, or null when the line is the person's own language.
    /// A line is borrowed when it is a borrowed text (or one line of it), the same after an option number
    /// ("2. Back"), or a piece of one cut by paging.
    /// </summary>
    /// <example><c>BorrowedText.LanguageOf("1. Before you go", turn.Borrowed)</c> is "en" for a Thai person while th.yaml lacks the label.</example>
    public static string? LanguageOf(string line, IReadOnlyList<BorrowedText> borrowed)
    {
        if (borrowed.Count == 0 || line.Length == 0)
        {
            return null;
        }

        var withoutNumber = WithoutOptionNumber(line);
        foreach (var text in borrowed)
        {
            foreach (var piece in text.Text.Split('\n'))
            {
                if (piece.Length > 0 && (piece == line || piece == withoutNumber))
                {
                    return text.Language;
                }
            }
        }

        // A page boundary can fall inside a text: its pieces are still the borrowed words.
        const int ShortestPiece = 12;
        foreach (var text in borrowed)
        {
            if (line.Length >= ShortestPiece && text.Text.Contains(line, StringComparison.Ordinal))
            {
                return text.Language;
            }
        }

        return null;
    }

    /// <summary>
    /// The line for an editor: as sent, followed by "(fallback: en)" when it was borrowed. Never send this to a phone.
    /// </summary>
    /// <example><c>BorrowedText.Annotate("1. Back", turn.Borrowed)</c> gives <c>"1. Back  (fallback: en)"</c> for a Thai person without a Thai "Back".</example>
    public static string Annotate(string line, IReadOnlyList<BorrowedText> borrowed) =>
        LanguageOf(line, borrowed) is { } language ? $"{line}  (fallback: {language})" : line;

    private static string? WithoutOptionNumber(string line)
    {
        var dot = line.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 && dot <= 2 && line[..dot].All(char.IsAsciiDigit) ? line[(dot + 2)..] : null;
    }
}
