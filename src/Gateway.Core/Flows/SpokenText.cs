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
    /// <param name="bundle">The flows and texts.</param>
    /// <param name="key">The text's key, e.g. menu.intro.</param>
    /// <param name="session">The person's language, country and variables.</param>
    /// <param name="channel">The channel whose variant is said.</param>
    /// <param name="borrowed">Where a text borrowed from another language is recorded, or null.</param>
    /// <param name="said">Where every text said is recorded by its words (voice: which recording to play), or null.</param>
    public static string Say(FlowBundle bundle, string key, Session session, Channel channel, List<BorrowedText>? borrowed, IDictionary<string, SaidText>? said = null)
    {
        var resolved = bundle.Texts.Resolve(key, session.Language, channel, session.Country, session.Discreet);
        var text = Placeholders.Fill(resolved.Text, bundle, session);
        if (resolved.IsFallback && borrowed is not null)
        {
            borrowed.Add(new BorrowedText(resolved.Entry?.Key ?? key, resolved.Language, text));
        }

        if (said is not null)
        {
            said[text] = new SaidText(resolved.Entry?.Key ?? key, resolved.Language, text, resolved.Text);
        }

        return text;
    }
}
