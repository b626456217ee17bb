using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Content;

/// <summary>
/// Writes one changed text into a language file the way a careful person would: only the lines of that text change,
/// and every comment, blank line, order and layout of the rest of the file stays as it was, so the change reads as a
/// one-text diff in review. The text becomes a draft again (<c>status: draft</c>, reviewer and reviewed_on removed);
/// its recording (<c>audio</c>, <c>audio_status</c>) goes too, since a caller would hear the old words (an old number,
/// even); its source, fact and verified_on stay.
/// </summary>
/// <example>
/// <code>
/// before:   menu.report: { text: "Report a problem", status: reviewed, reviewer: "A. Reviewer", reviewed_on: 2026-11-01 }
/// after:    menu.report: { text: "Report something", status: draft }
/// </code>
/// A text written as a folded block (<c>text: &gt;-</c>) stays a folded block; a text the file does not have yet is
/// added as one line after the text that comes before it in English's order.
/// </example>
public static partial class LocalizationFileEditor
{
    /// <summary>How wide the lines of a folded text are written.</summary>
    public const int FoldWidth = 100;

    private static readonly string[] Removed = ["reviewer", "reviewed_on", "audio", "audio_status"];

    /// <summary>The file's text with <paramref name="change"/> applied; throws when the file has no texts: block.</summary>
    /// <exception cref="ArgumentException">The key is not a text key.</exception>
    /// <exception cref="InvalidOperationException">The file is not a language file the editor can change safely.</exception>
    public static string Apply(string fileText, TextChange change, IReadOnlyList<string>? keyOrder = null)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        ArgumentNullException.ThrowIfNull(change);
        if (!KeyPattern().IsMatch(change.Key))
        {
            throw new ArgumentException($"\"{change.Key}\" is not a text key: write it as section.what, e.g. menu.intro or work.wage@TH.", nameof(change));
        }

        if (string.IsNullOrWhiteSpace(change.Text))
        {
            throw new ArgumentException($"The text \"{change.Key}\" would have no words; write the text, or leave it out so readers get the fallback.", nameof(change));
        }

        var file = new YamlText(fileText);
        var texts = file.Root?.Children.FirstOrDefault(c => YamlText.Name(c.Key) == "texts");
        if (texts?.Value is not YamlMappingNode textMap || textMap.Style == YamlDotNet.Core.Events.MappingStyle.Flow)
        {
            throw new InvalidOperationException($"The {change.Language} language file has no \"texts:\" block with one text per line, so the console cannot add to it; add one text by hand first.");
        }

        var entries = textMap.Children.ToList();
        var index = entries.FindIndex(e => YamlText.Name(e.Key) == change.Key);
        if (index < 0)
        {
            Insert(file, texts.Value.Key, textMap, entries, change, keyOrder);
        }
        else
        {
            Replace(file, textMap, entries, index, change);
        }

        var result = file.Join();
        Check(fileText, result, change);
        return result;
    }

    private static void Replace(YamlText file, YamlMappingNode textMap, List<KeyValuePair<YamlNode, YamlNode>> entries, int index, TextChange change)
    {
        var (key, value) = (entries[index].Key, entries[index].Value);
        var variants = change.Variants ?? new Dictionary<string, string?>();
        switch (value)
        {
            case YamlScalarNode scalar when variants.Values.All(string.IsNullOrEmpty):
                ReplaceRange(file, (int)scalar.Start.Index, file.EndIndex(scalar), YamlText.Quote(change.Text));
                return;
            case YamlScalarNode scalar:
                var fields = Fields([], change).Select(f => $"{f.Name}: {f.Raw}");
                ReplaceRange(file, (int)scalar.Start.Index, file.EndIndex(scalar), "{ " + string.Join(", ", fields) + " }");
                return;
            case YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } flow:
                var existing = flow.Children.Select(c => (YamlText.Name(c.Key) ?? string.Empty, file.Slice(c.Value.Start.Index, file.EndIndex(c.Value)))).ToList();
                var flowFields = Fields(existing, change).Select(f => $"{f.Name}: {f.Raw}");
                ReplaceRange(file, (int)flow.Start.Index, file.EndIndex(flow), "{ " + string.Join(", ", flowFields) + " }");
                return;
            case YamlMappingNode block:
                ReplaceBlock(file, EntryEnd(file, textMap, entries, index, key), block, change);
                return;
            default:
                throw new InvalidOperationException($"The text \"{change.Key}\" in the {change.Language} file is written as a list; write it as text: … by hand first.");
        }
    }

    /// <summary>The fields of a one-line text after the change, in the file's order, values written as YAML.</summary>
    private static List<(string Name, string Raw)> Fields(List<(string Name, string Raw)> existing, TextChange change)
    {
        var variants = change.Variants ?? new Dictionary<string, string?>();
        var result = new List<(string Name, string Raw)>();
        var sawText = false;
        foreach (var (name, raw) in existing)
        {
            if (name == "text")
            {
                sawText = true;
                result.Add((name, YamlText.Quote(change.Text)));
            }
            else if (variants.TryGetValue(name, out var variant))
            {
                if (!string.IsNullOrEmpty(variant))
                {
                    result.Add((name, YamlText.Quote(variant)));
                }
            }
            else if (name == "status")
            {
                result.Add((name, "draft"));
            }
            else if (Array.IndexOf(Removed, name) < 0)
            {
                result.Add((name, raw));
            }
        }

        if (!sawText)
        {
            result.Insert(0, ("text", YamlText.Quote(change.Text)));
        }

        // New variants go after the text and the variants it has, as the files write them.
        var after = result.FindLastIndex(f => f.Name == "text" || TextChange.VariantChannels.Contains(f.Name)) + 1;
        foreach (var channel in TextChange.VariantChannels)
        {
            if (variants.GetValueOrDefault(channel) is { Length: > 0 } variant && !existing.Exists(f => f.Name == channel))
            {
                result.Insert(after++, (channel, YamlText.Quote(variant)));
            }
        }

        if (!result.Exists(f => f.Name == "status"))
        {
            result.Insert(after, ("status", "draft"));
        }

        return result;
    }

    private static void ReplaceBlock(YamlText file, int entryEnd, YamlMappingNode block, TextChange change)
    {
        var variants = change.Variants ?? new Dictionary<string, string?>();
        var children = block.Children.ToList();
        var edits = new List<(int From, int To, List<string> Lines)>();
        var indent = (int)children[0].Key.Start.Column - 1;
        var pad = new string(' ', indent);
        var insertAt = -1;
        for (var i = 0; i < children.Count; i++)
        {
            var (fieldKey, fieldValue) = (children[i].Key, children[i].Value);
            var name = YamlText.Name(fieldKey) ?? string.Empty;
            var from = YamlText.FirstLine(fieldKey);
            var to = Math.Max(file.LastLine(fieldValue), from) + 1;
            var comment = from + 1 == to ? file.CommentAfter(file.EndIndex(fieldValue)) : string.Empty;
            if (name == "text" || TextChange.VariantChannels.Contains(name))
            {
                insertAt = to;
            }

            if (name == "text")
            {
                if (!Same(fieldValue, change.Text))
                {
                    edits.Add((from, to, Written(file, fieldValue, pad, "text", change.Text, comment)));
                }
            }
            else if (variants.TryGetValue(name, out var variant))
            {
                if (string.IsNullOrEmpty(variant))
                {
                    edits.Add((from, to, []));
                }
                else if (!Same(fieldValue, variant))
                {
                    edits.Add((from, to, Written(file, fieldValue, pad, name, variant, comment)));
                }
            }
            else if (name == "status" && !Same(fieldValue, "draft"))
            {
                edits.Add((from, to, [$"{pad}status: draft{comment}"]));
            }
            else if (Array.IndexOf(Removed, name) >= 0)
            {
                edits.Add((from, to, []));
            }
        }

        var added = TextChange.VariantChannels
            .Where(c => variants.GetValueOrDefault(c) is { Length: > 0 } && !children.Exists(f => YamlText.Name(f.Key) == c))
            .Select(c => $"{pad}{c}: {YamlText.Quote(variants[c]!)}")
            .ToList();
        if (added.Count > 0)
        {
            edits.Add((insertAt < 0 ? entryEnd : insertAt, insertAt < 0 ? entryEnd : insertAt, added));
        }

        foreach (var (from, to, lines) in edits.OrderByDescending(e => e.From).ThenByDescending(e => e.To))
        {
            file.Lines.RemoveRange(from, to - from);
            file.Lines.InsertRange(from, lines);
        }
    }

    private static bool Same(YamlNode node, string value) => node is YamlScalarNode scalar && scalar.Value == value;

    /// <summary>A field's new lines: a folded block stays folded where the words allow it, anything else is quoted.</summary>
    private static List<string> Written(YamlText file, YamlNode old, string pad, string name, string value, string comment)
    {
        if (old is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Folded } && YamlText.Foldable(value))
        {
            var firstContent = YamlText.FirstLine(old) + 1;
            var contentPad = firstContent < file.Lines.Count && file.Lines[firstContent].Length > 0
                ? file.Lines[firstContent][..(file.Lines[firstContent].Length - file.Lines[firstContent].TrimStart(' ').Length)]
                : pad + "  ";
            if (contentPad.Length <= pad.Length)
            {
                contentPad = pad + "  ";
            }

            return [$"{pad}{name}: >-", .. YamlText.Wrap(value, FoldWidth).Select(l => contentPad + l)];
        }

        return [$"{pad}{name}: {YamlText.Quote(value)}{comment}"];
    }

    /// <summary>The line after a text's last line: before the next text, and before comments that head the next section.</summary>
    private static int EntryEnd(YamlText file, YamlMappingNode textMap, List<KeyValuePair<YamlNode, YamlNode>> entries, int index, YamlNode key)
    {
        var start = YamlText.FirstLine(key);
        var last = file.LastLine(entries[index].Value);
        var end = index + 1 < entries.Count ? YamlText.FirstLine(entries[index + 1].Key) : Math.Max(file.LastLine(textMap) + 1, last + 1);
        var indent = (int)key.Start.Column - 1;
        while (end > last + 1 && end > start + 1 && file.IsLooseLine(end - 1, indent))
        {
            end--;
        }

        return end;
    }

    private static void Insert(YamlText file, YamlNode textsKey, YamlMappingNode textMap, List<KeyValuePair<YamlNode, YamlNode>> entries, TextChange change, IReadOnlyList<string>? keyOrder)
    {
        var indent = entries.Count > 0 ? (int)entries[0].Key.Start.Column - 1 : (int)textsKey.Start.Column + 1;
        var line = new string(' ', indent) + change.Key + ": { " + string.Join(", ", Fields([], change).Select(f => $"{f.Name}: {f.Raw}")) + " }";
        var position = keyOrder?.ToList().IndexOf(change.Key) ?? -1;
        var names = entries.Select(e => YamlText.Name(e.Key)).ToList();
        var after = -1;
        for (var i = position - 1; i >= 0 && after < 0; i--)
        {
            after = names.IndexOf(keyOrder![i]);
        }

        int at;
        if (after >= 0)
        {
            at = EntryEnd(file, textMap, entries, after, entries[after].Key);
        }
        else if (position >= 0 || entries.Count == 0)
        {
            at = YamlText.FirstLine(textsKey) + 1;
        }
        else
        {
            at = EntryEnd(file, textMap, entries, entries.Count - 1, entries[^1].Key);
        }

        file.Lines.Insert(at, line);
    }

    private static void ReplaceRange(YamlText file, int from, int to, string replacement)
    {
        var first = file.LineOf(from);
        var last = file.LineOf(Math.Max(from, to - 1));
        var lineStart = from - (int)file.Text[..from].LastIndexOf('\n') - 1;
        var head = file.Lines[first][..lineStart];
        var lastStart = file.Text[..Math.Max(from, to - 1)].LastIndexOf('\n') + 1;
        var tail = file.Lines[last][(to - lastStart)..];
        file.Lines.RemoveRange(first, last - first + 1);
        file.Lines.Insert(first, head + replacement + tail);
    }

    /// <summary>
    /// Reads the edited file back: the changed text must say exactly the new words as a draft, and every other text
    /// and field must read as before. Anything else is a fault of this editor, never written to disk.
    /// </summary>
    private static void Check(string before, string after, TextChange change)
    {
        var old = TextsOf(new YamlText(before));
        var now = TextsOf(new YamlText(after));
        if (old.Count + (old.ContainsKey(change.Key) ? 0 : 1) != now.Count
            || old.Any(e => e.Key != change.Key && (!now.TryGetValue(e.Key, out var same) || YamlText.Flatten(same) != YamlText.Flatten(e.Value))))
        {
            throw new InvalidOperationException($"Changing \"{change.Key}\" would have changed other texts of the {change.Language} file; nothing was written.");
        }

        var entry = now.GetValueOrDefault(change.Key);
        var read = entry switch
        {
            YamlScalarNode scalar => new Dictionary<string, string?> { ["text"] = scalar.Value },
            YamlMappingNode map => map.Children.ToDictionary(c => YamlText.Name(c.Key) ?? string.Empty, c => (c.Value as YamlScalarNode)?.Value),
            _ => [],
        };
        var variants = change.Variants ?? new Dictionary<string, string?>();
        var previous = old.GetValueOrDefault(change.Key) as YamlMappingNode;
        var ok = read.GetValueOrDefault("text") == change.Text
            && read.GetValueOrDefault("status", "draft") == "draft"
            && !Removed.Any(read.ContainsKey)
            && TextChange.VariantChannels.All(c => variants.TryGetValue(c, out var v)
                ? read.GetValueOrDefault(c) == (string.IsNullOrEmpty(v) ? null : v)
                : read.GetValueOrDefault(c) == (previous?.Children.FirstOrDefault(p => YamlText.Name(p.Key) == c).Value as YamlScalarNode)?.Value);
        if (!ok)
        {
            throw new InvalidOperationException($"The {change.Language} file would not read back \"{change.Key}\" as written; nothing was written.");
        }
    }

    private static Dictionary<string, YamlNode> TextsOf(YamlText file) =>
        file.Root?.Children.FirstOrDefault(c => YamlText.Name(c.Key) == "texts").Value is YamlMappingNode map
            ? map.Children.ToDictionary(c => YamlText.Name(c.Key) ?? string.Empty, c => c.Value, StringComparer.Ordinal)
            : [];

    [GeneratedRegex(@"^[A-Za-z0-9_.\-]+(@[A-Z]{2})?$")]
    private static partial Regex KeyPattern();
}
