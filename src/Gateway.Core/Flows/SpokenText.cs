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
    /// <param name="promises">
    /// Decides whether a text that promises an action (<c>promise:</c> in en.yaml) is true now; without it such a
    /// text is never sent, and its <c>otherwise:</c> text is.
    /// </param>
    public static string Say(FlowBundle bundle, string key, Session session, Channel channel, List<BorrowedText>? borrowed, IDictionary<string, SaidText>? said = null, PromiseCheck? promises = null)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(session);
        var resolved = bundle.Texts.Resolve(key, session.Language, channel, session.Country, session.Discreet);
        for (var hops = 0; hops < 3 && bundle.Texts.PromiseOf(resolved.Entry?.Key ?? key) is { } promise; hops++)
        {
            if (promises is not null && promises.Keeps(promise.Promise, bundle, session))
            {
                break;
            }

            // A promise nobody could keep now: the true sentence instead (the validator refuses a chain of them).
            key = promise.Otherwise;
            resolved = bundle.Texts.Resolve(key, session.Language, channel, session.Country, session.Discreet);
        }

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
