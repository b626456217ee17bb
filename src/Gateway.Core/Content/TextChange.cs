namespace Gateway.Core.Content;

/// <summary>
/// A new wording for one text of one language: the words and, optionally, channel variants to set or remove.
/// Applying it always leaves the text a draft: a changed text has not been reviewed.
/// </summary>
/// <param name="Language">The language code, the file's name in localization/ without .yaml (my).</param>
/// <param name="Key">The text key (menu.intro, or work.wage@TH).</param>
/// <param name="Text">The words used on every channel without a variant of its own.</param>
/// <param name="Variants">
/// Channel (sms, ussd, chat, voice) → its new variant; a null or empty value removes the variant. Channels left out
/// keep what the file has.
/// </param>
/// <example><c>new TextChange("my", "menu.sos", "ယခု အကူအညီ တောင်းရန်", new Dictionary&lt;string, string?&gt; { ["ussd"] = "SOS" })</c></example>
public sealed record TextChange(string Language, string Key, string Text, IReadOnlyDictionary<string, string?>? Variants = null)
{
    /// <summary>The channels a text may have a variant for, in the order the files write them.</summary>
    public static IReadOnlyList<string> VariantChannels { get; } = ["sms", "ussd", "chat", "voice"];
}
