using System.Globalization;
using Gateway.Channels.BotFramework;
using Gateway.Core.Sessions;

namespace Gateway.Web.Chat;

/// <summary>
/// The reply activities for one turn: one message activity per text, the last carrying the menu as buttons
/// ("1. Label", which sends "1") and an SOS button, so a person can ask for help from any menu with one tap.
/// </summary>
public static class ChatReplies
{
    /// <summary>What the SOS button sends: the SOS keyword, understood in every language.</summary>
    public const string SosValue = "SOS";

    public static IReadOnlyList<Activity> Build(Activity inbound, IReadOnlyList<string> texts, IReadOnlyList<MenuItem> menu, string sosLabel)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        ArgumentNullException.ThrowIfNull(texts);
        ArgumentNullException.ThrowIfNull(menu);
        var replies = texts.Select(inbound.CreateReply).ToList();
        if (replies.Count == 0 || menu.Count == 0)
        {
            return replies;
        }

        // The menu's own SOS option (99 on chat) becomes the one SOS button, last, sending the keyword itself.
        var actions = menu
            .Where(item => !IsSos(item.Label, sosLabel))
            .Select(item => new CardAction { Title = $"{item.Key}. {item.Label}", Value = item.Key.ToString(CultureInfo.InvariantCulture) })
            .ToList();
        actions.Add(new CardAction { Title = sosLabel, Value = SosValue });

        replies[^1].SuggestedActions = new SuggestedActions
        {
            To = inbound.From?.Id is { Length: > 0 } id ? [id] : null,
            Actions = actions,
        };
        return replies;
    }

    private static bool IsSos(string label, string sosLabel) =>
        string.Equals(label.Trim(), sosLabel.Trim(), StringComparison.OrdinalIgnoreCase)
        || label.Contains(SosValue, StringComparison.OrdinalIgnoreCase);
}
