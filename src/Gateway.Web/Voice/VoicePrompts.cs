using System.Text;
using System.Text.RegularExpressions;
using Gateway.Channels.Twilio;
using Gateway.Core.Flows;
using Gateway.Core.Localization;
using Gateway.Core.Sessions;

namespace Gateway.Web.Voice;

/// <summary>
/// How one text is heard on a call. In order: the text's recording (a person read it); the language's speech voice
/// (<c>speech:</c> in its file: English, Thai, Vietnamese); a synthetic placeholder recording; else the same text in
/// the first language of the fallback chain that can be played or said (Lao callers hear Thai, Burmese callers
/// English). A recording cannot say a value that changes ({ref}, {hotline}): where no voice speaks the language,
/// the recording is played and the values are then said in English, a reference one character at a time.
/// </summary>
public sealed class VoicePrompts(FlowBundle bundle, VoiceAudio audio, Uri baseUrl)
{
    private const string LanguageKeyPrefix = "language.";

    /// <summary>A text the engine would say to <paramref name="session"/>, with its key and language, for <see cref="Speak"/>.</summary>
    public SaidText Said(string key, Session session)
    {
        var said = new Dictionary<string, SaidText>(StringComparer.Ordinal);
        var text = SpokenText.Say(bundle, key, session, Channel.Voice, borrowed: null, said);
        return said[text];
    }

    /// <summary>Adds what the caller hears for <paramref name="part"/> (inside a Gather too).</summary>
    public void Speak(VoiceTwiML twiml, SaidText part)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        ArgumentNullException.ThrowIfNull(part);
        var language = part.Language ?? TextCatalog.DefaultLanguage;
        if (part.Key is null)
        {
            // Lines made from data (contacts): names and numbers, said by the first voice along the chain.
            SayIn(twiml, part.Text, FirstVoice(language));
            return;
        }

        var values = part.HasPlaceholders ? Values(part.Template, part.Text) : [];
        if (TrySpeak(twiml, part.Key, language, part.Text, values))
        {
            return;
        }

        foreach (var other in bundle.Texts.Chain(language).Skip(1))
        {
            if (bundle.Texts.Language(other)?.Texts.GetValueOrDefault(part.Key) is { } entry
                && TrySpeak(twiml, part.Key, other, Fill(entry.For(Channel.Voice), values), values))
            {
                return;
            }
        }

        // Nothing can be played or said in any language of the chain: Twilio's own voice tries.
        twiml.Say(part.Text);
    }

    /// <summary>
    /// A menu option: its label, said in the language it names where that is a language option that can be heard
    /// in its own language ("ไทย" in Thai), then "Press 1.".
    /// </summary>
    public void SpeakOption(VoiceTwiML twiml, MenuItem item, Session session)
    {
        ArgumentNullException.ThrowIfNull(twiml);
        ArgumentNullException.ThrowIfNull(session);
        var spoken = false;
        if (item.TextKey is { } key && key.StartsWith(LanguageKeyPrefix, StringComparison.Ordinal)
            && bundle.Texts.Language(key[LanguageKeyPrefix.Length..]) is { } own && own.Code != item.Language
            && own.Texts.GetValueOrDefault(key) is { } entry)
        {
            spoken = TrySpeak(twiml, key, own.Code, entry.For(Channel.Voice), [], allowSynthetic: false);
        }

        if (!spoken)
        {
            Speak(twiml, new SaidText(item.TextKey, item.Language, item.Label, item.Label));
        }

        var press = Said(SystemTexts.VoicePress, session);
        var number = item.Key.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Speak(twiml, press with { Text = press.Text.Replace("{" + Placeholders.Key + "}", number, StringComparison.Ordinal) });
    }

    private bool TrySpeak(VoiceTwiML twiml, string key, string language, string text, IReadOnlyList<(string Name, string Value)> values, bool allowSynthetic = true)
    {
        var catalog = bundle.Texts.Language(language);
        var entry = catalog?.Texts.GetValueOrDefault(key);
        var recording = entry is null ? null : audio.UrlFor(entry, baseUrl);
        var recorded = recording is not null && entry!.AudioStatus == AudioStatus.Recorded;
        if (recorded && values.Count == 0)
        {
            twiml.Play(recording!);
            return true;
        }

        if (catalog?.Speech is { } speech)
        {
            SayIn(twiml, SpellReferences(text, values), speech);
            return true;
        }

        if (recording is not null && (recorded || allowSynthetic))
        {
            twiml.Play(recording);
            SayValues(twiml, values);
            return true;
        }

        return false;
    }

    /// <summary>The values filled into a text, e.g. the 1300 of "call {hotline}" and the reference of "{ref}", in order.</summary>
    public static IReadOnlyList<(string Name, string Value)> Values(string template, string filled)
    {
        ArgumentNullException.ThrowIfNull(template);
        ArgumentNullException.ThrowIfNull(filled);
        var names = Placeholders.Names(template).ToList();
        if (names.Count == 0)
        {
            return [];
        }

        var pattern = new StringBuilder("^");
        var position = 0;
        for (var i = 0; i < names.Count; i++)
        {
            var start = template.IndexOf("{" + names[i] + "}", position, StringComparison.Ordinal);
            pattern.Append(Regex.Escape(template[position..start])).Append("(?<v").Append(i).Append(">.*?)");
            position = start + names[i].Length + 2;
        }

        pattern.Append(Regex.Escape(template[position..])).Append('$');
        var match = Regex.Match(filled, pattern.ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50));
        return match.Success ? [.. names.Select((name, i) => (name, match.Groups["v" + i].Value))] : [];
    }

    private static string Fill(string template, IReadOnlyList<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    /// <summary>A reference said one character at a time ("K, 7, M, …"): read as a word it cannot be written down.</summary>
    private static string SpellReferences(string text, IReadOnlyList<(string Name, string Value)> values)
    {
        foreach (var (name, value) in values)
        {
            if (name == Placeholders.Reference && value.Length > 0 && !value.Contains('{', StringComparison.Ordinal))
            {
                text = text.Replace(value, Spell(value), StringComparison.Ordinal);
            }
        }

        return text;
    }

    private static string Spell(string value) => string.Join(", ", value.Select(c => c.ToString()));

    /// <summary>The values of a played recording, in English: digits and Latin letters only (a name in another script cannot be said).</summary>
    private void SayValues(VoiceTwiML twiml, IReadOnlyList<(string Name, string Value)> values)
    {
        var english = bundle.Texts.Language(TextCatalog.DefaultLanguage)?.Speech;
        foreach (var (name, value) in values)
        {
            if (value.Length == 0 || value.Contains('{', StringComparison.Ordinal) || !value.All(c => char.IsAscii(c)))
            {
                continue;
            }

            SayIn(twiml, name == Placeholders.Reference ? Spell(value) : value, english);
        }
    }

    private SpeechVoice? FirstVoice(string language) =>
        bundle.Texts.Chain(language).Select(c => bundle.Texts.Language(c)?.Speech).FirstOrDefault(s => s is not null);

    private static void SayIn(VoiceTwiML twiml, string text, SpeechVoice? speech) =>
        twiml.Say(text, speech?.Voice, speech?.Language);
}
