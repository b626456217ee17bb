using System.Globalization;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Content;

/// <summary>
/// A YAML data file as lines, for edits that change only the lines of what changed, so that the file keeps its
/// comments, order and layout and a review shows a one-text diff.
/// </summary>
internal sealed class YamlText
{
    private readonly int[] _lineStarts;

    public YamlText(string text)
    {
        Text = text;
        Newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        Lines = [.. text.Split('\n').Select(l => l.TrimEnd('\r'))];
        var starts = new List<int> { 0 };
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\n')
            {
                starts.Add(i + 1);
            }
        }

        _lineStarts = [.. starts];
        var stream = new YamlStream();
        stream.Load(new StringReader(text));
        Root = stream.Documents.Count > 0 ? stream.Documents[0].RootNode as YamlMappingNode : null;
    }

    public string Text { get; }

    public string Newline { get; }

    /// <summary>The file's lines without their line ends; the last is empty when the file ends with one.</summary>
    public List<string> Lines { get; }

    public YamlMappingNode? Root { get; }

    /// <summary>The 0-based line holding the character at <paramref name="index"/>.</summary>
    public int LineOf(long index)
    {
        var found = Array.BinarySearch(_lineStarts, (int)index);
        return found >= 0 ? found : ~found - 1;
    }

    /// <summary>The 0-based line of a node's first character.</summary>
    public static int FirstLine(YamlNode node) => (int)node.Start.Line - 1;

    /// <summary>The 0-based line of a node's last non-blank character (a block scalar's end mark lies on the next line).</summary>
    public int LastLine(YamlNode node) => LineOf(Math.Max(EndIndex(node) - 1, node.Start.Index));

    /// <summary>
    /// The index just after a node's last non-blank character: after the closing brace of a flow mapping, after the
    /// last value of a block one (the parser gives mappings no end of their own).
    /// </summary>
    public int EndIndex(YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                return map.Children.Count == 0
                    ? Closing((int)map.Start.Index + 1, '}')
                    : map.Style == YamlDotNet.Core.Events.MappingStyle.Flow ? Closing(EndIndex(map.Children.Last().Value), '}') : EndIndex(map.Children.Last().Value);
            case YamlSequenceNode list:
                return list.Children.Count == 0
                    ? Closing((int)list.Start.Index + 1, ']')
                    : list.Style == YamlDotNet.Core.Events.SequenceStyle.Flow ? Closing(EndIndex(list.Children[^1]), ']') : EndIndex(list.Children[^1]);
            default:
                var index = (int)Math.Min(node.End.Index, Text.Length);
                while (index > node.Start.Index && char.IsWhiteSpace(Text[index - 1]))
                {
                    index--;
                }

                return index;
        }
    }

    private int Closing(int from, char bracket)
    {
        var index = Text.IndexOf(bracket, Math.Min(from, Text.Length));
        return index < 0 ? from : index + 1;
    }

    /// <summary>The characters of the file from one index to another, e.g. a value exactly as it is written.</summary>
    public string Slice(long from, long to) => Text[(int)from..(int)to];

    /// <summary>The text after index <paramref name="index"/> on its line, when it is only spaces and a comment.</summary>
    public string CommentAfter(int index)
    {
        var line = LineOf(index);
        var rest = Lines[line][(index - _lineStarts[line])..];
        return rest.TrimStart().StartsWith('#') ? rest : string.Empty;
    }

    /// <summary>True for a blank line, or a comment line indented no deeper than <paramref name="indent"/>.</summary>
    public bool IsLooseLine(int line, int indent)
    {
        var text = Lines[line];
        var trimmed = text.TrimStart();
        return trimmed.Length == 0 || (trimmed.StartsWith('#') && text.Length - trimmed.Length <= indent);
    }

    public string Join() => string.Join(Newline, Lines);

    /// <summary>
    /// A YAML double-quoted scalar for any text: quotes, backslashes, control characters, line and paragraph
    /// separators and the characters YAML does not print escaped.
    /// </summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\t': builder.Append("\\t"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    // Line and paragraph separators end a line for a YAML reader: inside quotes they would break the file.
                    if (char.IsControl(c) || c is '\uFEFF' or '\u2028' or '\u2029' or '\uFFFE' or '\uFFFF')
                    {
                        builder.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        builder.Append(c);
                    }

                    break;
            }
        }

        return builder.Append('"').ToString();
    }

    /// <summary>
    /// True when a text reads back unchanged from a folded block (<c>&gt;-</c>) broken at single spaces: one line of
    /// words with single spaces and nothing a folded block would read differently.
    /// </summary>
    public static bool Foldable(string value) =>
        value.Length > 0
        && value[0] != ' '
        && value[^1] != ' '
        && !value.Contains("  ", StringComparison.Ordinal)
        && !value.Any(c => char.IsControl(c) || c == '\uFEFF' || c == '\u2028' || c == '\u2029' || c == '\u0085');

    /// <summary>The lines of a folded block's content, at most about <paramref name="width"/> characters each.</summary>
    public static IEnumerable<string> Wrap(string value, int width)
    {
        var line = new StringBuilder();
        foreach (var word in value.Split(' '))
        {
            if (line.Length > 0 && line.Length + 1 + word.Length > width)
            {
                yield return line.ToString();
                line.Clear();
            }

            if (line.Length > 0)
            {
                line.Append(' ');
            }

            line.Append(word);
        }

        yield return line.ToString();
    }

    /// <summary>A node as one comparable string: the value of a scalar, or every field of a mapping in order.</summary>
    public static string Flatten(YamlNode node) => node switch
    {
        YamlScalarNode scalar => "=" + scalar.Value,
        YamlMappingNode map => "{" + string.Join(",", map.Children.Select(c => Flatten(c.Key) + ":" + Flatten(c.Value))) + "}",
        YamlSequenceNode list => "[" + string.Join(",", list.Children.Select(Flatten)) + "]",
        _ => "?",
    };

    public static string? Name(YamlNode node) => (node as YamlScalarNode)?.Value;
}
