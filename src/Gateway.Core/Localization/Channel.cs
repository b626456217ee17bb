namespace Gateway.Core.Localization;

/// <summary>The ways a person reaches the gateway; each has its own text budget.</summary>
public enum Channel
{
    Sms,
    Ussd,
    Chat,
    Voice,
}

public static class ChannelNames
{
    /// <summary>The lower-case name used in data files (sms, ussd, chat, voice).</summary>
    public static string Name(this Channel channel) => channel switch
    {
        Channel.Sms => "sms",
        Channel.Ussd => "ussd",
        Channel.Chat => "chat",
        Channel.Voice => "voice",
        _ => throw new ArgumentOutOfRangeException(nameof(channel)),
    };

    public static bool TryParse(string name, out Channel channel)
    {
        switch (name)
        {
            case "sms": channel = Channel.Sms; return true;
            case "ussd": channel = Channel.Ussd; return true;
            case "chat": channel = Channel.Chat; return true;
            case "voice": channel = Channel.Voice; return true;
            default: channel = default; return false;
        }
    }
}
