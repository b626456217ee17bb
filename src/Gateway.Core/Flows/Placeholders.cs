using System.Text;
using Gateway.Core.Sessions;

namespace Gateway.Core.Flows;

/// <summary>
/// Fills <c>{name}</c> placeholders in texts. Built-in names come from the directory and the session;
/// any other name is a session variable set by the flow. <c>{ref}</c> is left for the host, which
/// fills it once the report is stored.
/// </summary>
public static class Placeholders
{
    public const string Reference = "ref";

    /// <summary>Names every text may use without a flow setting them.</summary>
    public static readonly IReadOnlyList<string> BuiltIn =
        [Reference, "hotline", HotlineDanger, "hotline_trafficking", "hotline_labour", "minutes", "language_name", "contact_name", "contact_number", Key];

    /// <summary>
    /// The number to call in danger: always the country's anti-trafficking (emergency) line, whatever problem the
    /// person chose, so that a labour report never ends with the work-complaints line as the number to call in danger.
    /// Texts whose purpose is danger, sos or child use it (<c>text.danger_line</c>); <c>{hotline}</c> follows the
    /// problem chosen and belongs only where that is meant.
    /// </summary>
    public const string HotlineDanger = "hotline_danger";

    /// <summary>The placeholders that give the danger line.</summary>
    public static readonly IReadOnlyList<string> DangerLines = [HotlineDanger, "hotline_trafficking"];

    /// <summary>The key to press on a call (<c>voice.press</c>), filled by the voice host.</summary>
    public const string Key = "key";

    /// <summary>The placeholder names used in a text, in order.</summary>
    public static IEnumerable<string> Names(string text)
    {
        var start = text.IndexOf('{', StringComparison.Ordinal);
        while (start >= 0)
        {
            var end = text.IndexOf('}', start + 1);
            if (end < 0)
            {
                yield break;
            }

            yield return text[(start + 1)..end];
            start = text.IndexOf('{', end + 1);
        }
    }

    public static string Fill(string text, FlowBundle bundle, Session session)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
        {
            return text;
        }

        var result = new StringBuilder(text.Length + 16);
        var position = 0;
        foreach (var name in Names(text))
        {
            var start = text.IndexOf("{" + name + "}", position, StringComparison.Ordinal);
            result.Append(text, position, start - position);
            var value = Value(name, bundle, session);
            result.Append(value ?? "{" + name + "}");
            position = start + name.Length + 2;
        }

        result.Append(text, position, text.Length - position);
        return result.ToString();
    }

    private static string? Value(string name, FlowBundle bundle, Session session) => name switch
    {
        Reference or Key => null,
        "hotline" => HotlineNumber(bundle, session, session.Variables.GetValueOrDefault("category") ?? "trafficking"),
        HotlineDanger or "hotline_trafficking" => HotlineNumber(bundle, session, "trafficking"),
        "hotline_labour" => HotlineNumber(bundle, session, "labour"),
        "language_name" => bundle.Texts.Language(session.Language ?? "en")?.Name,
        _ => session.Variables.GetValueOrDefault(name),
    };

    /// <summary>
    /// The number to call. Where the person's country has no hotline with a confirmed number, the words of
    /// <see cref="SystemTexts.NoHotline"/> in their language ("your local emergency number"): a name without
    /// a number cannot be called, and a number is never made up.
    /// </summary>
    private static string HotlineNumber(FlowBundle bundle, Session session, string category) =>
        bundle.Directory.Hotline(session.Country, category) is { Number: { } number }
            ? number
            : bundle.Texts.Resolve(SystemTexts.NoHotline, session.Language, Localization.Channel.Sms, session.Country, session.Discreet).Text;
}
