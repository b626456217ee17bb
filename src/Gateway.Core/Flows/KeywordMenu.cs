using Gateway.Core.Localization;

namespace Gateway.Core.Flows;

/// <summary>
/// A keyword shown as one more numbered option on every menu of some channels, e.g. "99. SOS" on USSD, where
/// typing a word is slow. Choosing the number does what the keyword does. Written in flows/keywords.yaml:
/// <code>
/// - id: sos
///   menu: { key: 99, text: menu.sos, channels: [ussd, voice, chat], keys: { voice: 0 } }
/// </code>
/// The option is said last, after the state's own options, and on a paged screen after the "more" line, so it
/// is on every screen of a menu; it counts in the screen's budget. <c>keys</c> gives a channel a number of its
/// own where the common one cannot be used: a voice menu takes one key press, so 99 cannot be typed there, and a
/// call never pages, so 0 is free on voice.
/// </summary>
public sealed class KeywordMenu
{
    /// <summary>The option's number. Never 0 (kept for "more") and never a number a menu uses for its own options.</summary>
    public required int Key { get; init; }

    /// <summary>Channel → the option's number on that channel, where it differs from <see cref="Key"/>.</summary>
    public IReadOnlyDictionary<Channel, int> Keys { get; init; } = new Dictionary<Channel, int>();

    /// <summary>Channel → where its number is written, for findings.</summary>
    public IReadOnlyDictionary<Channel, SourceLocation> KeyLocations { get; init; } = new Dictionary<Channel, SourceLocation>();

    /// <summary>The option's label, by text key.</summary>
    public required TextRef Text { get; init; }

    /// <summary>The channels that show it. SMS menus say how to send the keyword in their own texts instead.</summary>
    public required IReadOnlyList<Channel> Channels { get; init; }

    public required SourceLocation Location { get; init; }

    public SourceLocation KeyLocation { get; init; }

    public bool ShowsOn(Channel channel) => Channels.Contains(channel);

    /// <summary>The option's number on <paramref name="channel"/>.</summary>
    public int KeyFor(Channel channel) => Keys.TryGetValue(channel, out var key) ? key : Key;

    /// <summary>Where the number used on <paramref name="channel"/> is written.</summary>
    public SourceLocation KeyLocationFor(Channel channel) => KeyLocations.TryGetValue(channel, out var at) ? at : KeyLocation;
}
