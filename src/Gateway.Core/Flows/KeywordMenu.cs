using Gateway.Core.Localization;

namespace Gateway.Core.Flows;

/// <summary>
/// A keyword shown as one more numbered option on every menu of some channels, e.g. "99. SOS" on USSD, where
/// typing a word is slow. Choosing the number does what the keyword does. Written in flows/keywords.yaml:
/// <code>
/// - id: sos
///   menu: { key: 99, text: menu.sos, channels: [ussd, voice, chat] }
/// </code>
/// The option is said last, after the state's own options, and on a paged screen after the "more" line, so it
/// is on every screen of a menu; it counts in the screen's budget.
/// </summary>
public sealed class KeywordMenu
{
    /// <summary>The option's number. Never 0 (kept for "more") and never a number a menu uses for its own options.</summary>
    public required int Key { get; init; }

    /// <summary>The option's label, by text key.</summary>
    public required TextRef Text { get; init; }

    /// <summary>The channels that show it. SMS menus say how to send the keyword in their own texts instead.</summary>
    public required IReadOnlyList<Channel> Channels { get; init; }

    public required SourceLocation Location { get; init; }

    public SourceLocation KeyLocation { get; init; }

    public bool ShowsOn(Channel channel) => Channels.Contains(channel);
}
