using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows;

/// <summary>
/// Says one text to a person: in their language (or the first of its fallback chain that has it), the variant
/// for their country where there is one, with placeholders filled; a text borrowed from another language is
/// recorded for transcripts, never marked in what the person reads.
/// </summary>
public static class SpokenText
{
    public static string Say(FlowBundle bundle, string key, Session session, Channel channel, List<BorrowedText>? borrowed)
    {
        var resolved = bundle.Texts.Resolve(key, session.Language, channel, session.Country);
        var text = Placeholders.Fill(resolved.Text, bundle, session);
        if (resolved.IsFallback && borrowed is not null)
        {
            borrowed.Add(new BorrowedText(resolved.Entry?.Key ?? key, resolved.Language, text));
        }

        return text;
    }
}
