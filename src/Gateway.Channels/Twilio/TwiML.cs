using System.Text;

namespace Gateway.Channels.Twilio;

/// <summary>TwiML replies for the messaging webhook: one &lt;Message&gt; per text, &lt;Response/&gt; when there is nothing to say.</summary>
public static class TwiML
{
    public const string ContentType = "text/xml; charset=utf-8";
    public const string Empty = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    public static string Messages(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0)
        {
            return Empty;
        }

        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response>");
        foreach (var text in texts)
        {
            xml.Append("<Message>");
            AppendEscaped(xml, text);
            xml.Append("</Message>");
        }

        return xml.Append("</Response>").ToString();
    }

    /// <summary>Escapes XML's special characters and drops the control characters XML 1.0 cannot carry.</summary>
    internal static void AppendEscaped(StringBuilder xml, string text)
    {
        foreach (var c in text)
        {
            switch (c)
            {
                case '<': xml.Append("&lt;"); break;
                case '>': xml.Append("&gt;"); break;
                case '&': xml.Append("&amp;"); break;
                case '"': xml.Append("&quot;"); break;
                case '\'': xml.Append("&apos;"); break;
                case '\n' or '\r' or '\t': xml.Append(c); break;
                case < ' ' or '\uFFFE' or '\uFFFF': break;
                default: xml.Append(c); break;
            }
        }
    }
}
