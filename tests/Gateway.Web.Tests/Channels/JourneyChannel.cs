using Gateway.Core.Localization;

namespace Gateway.Web.Tests.Channels;

/// <summary>
/// A person going through the flows on one channel, through the channel's real endpoint. Each call is one message
/// (or key press, or USSD answer) and returns what the person then sees or hears; each helper also checks that the
/// answer is in its channel's form (TwiML, one USSD screen, Bot Framework activities).
/// </summary>
public interface IJourneyChannel
{
    /// <summary>The channel's name as the gateway records it: sms, ussd, chat, voice.</summary>
    string Name { get; }

    /// <summary>The channel whose text variants and budget the gateway renders to.</summary>
    Channel Renders { get; }

    /// <summary>The contact's hashed id, as the gateway keys its session.</summary>
    string ContactId { get; }

    /// <summary>The first message: a text, a dial, a call, a chat.</summary>
    Task<ChannelAnswer> StartAsync();

    /// <summary>Chooses a numbered menu option the channel's way (a reply, a keypad answer, a button, a key).</summary>
    Task<ChannelAnswer> ChooseAsync(int number);

    /// <summary>Asks for help now the way the channel offers it: the SOS keyword, 99, the SOS button, 0.</summary>
    Task<ChannelAnswer> SosAsync();
}

/// <summary>What the person saw or heard after one message, text by text.</summary>
public sealed record ChannelAnswer(IReadOnlyList<ChannelText> Texts)
{
    public string All => string.Join('\n', Texts.Select(t => t.Text));
}

/// <summary>One text; on a call, with the speech language it was said in (null where played or not said).</summary>
public sealed record ChannelText(string Text, string? SpokenIn = null);
