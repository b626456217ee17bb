using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Web.Messaging;

/// <summary>
/// What a person is told while the store cannot be reached: that the message is kept, and the hotline for their
/// country, in the language their message is most likely written in.
/// </summary>
public static class DegradedReply
{
    public static string For(FlowBundle bundle, string text, string? country) => For(bundle, text, country, Channel.Sms);

    /// <summary>
    /// The same on <paramref name="channel"/>: on USSD it is the one screen that ends the session, so it must fit;
    /// where the likely language's text does not (the validator warns of it: ussd.screen), the English one does.
    /// </summary>
    public static string For(FlowBundle bundle, string text, string? country, Channel channel)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        var language = LikelyLanguage(text ?? string.Empty);
        var session = new Session { Language = bundle.Texts.Has(language) ? language : TextCatalog.DefaultLanguage, Country = country };
        var said = SpokenText.Say(bundle, SystemTexts.Unavailable, session, channel, borrowed: null);
        if (channel == Channel.Ussd && !UssdScreen.Fits(said) && session.Language != TextCatalog.DefaultLanguage)
        {
            session.Language = TextCatalog.DefaultLanguage;
            said = SpokenText.Say(bundle, SystemTexts.Unavailable, session, channel, borrowed: null);
        }

        return said;
    }

    /// <summary>The language a message's script points to: Myanmar, Khmer, Lao, Thai, Vietnamese letters, else English.</summary>
    public static string LikelyLanguage(string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case >= '\u1000' and <= '\u109F':
                    return "my";
                case >= '\u1780' and <= '\u17FF':
                    return "km";
                case >= '\u0E80' and <= '\u0EFF':
                    return "lo";
                case >= '\u0E00' and <= '\u0E7F':
                    return "th";
                case 'ư' or 'ơ' or 'đ' or 'Ư' or 'Ơ' or 'Đ' or (>= '\u1EA0' and <= '\u1EF9'):
                    return "vi";
            }
        }

        return TextCatalog.DefaultLanguage;
    }
}
