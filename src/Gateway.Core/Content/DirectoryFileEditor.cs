using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Content;

/// <summary>
/// Changes one number of one contact in flows/directory.yaml, rewriting only that line so the rest of the file (its
/// comments and the notes on each contact) stays as it was. A number is written quoted ("1300", "+66…"); the word
/// placeholder is written bare, as the file writes a number nobody has confirmed.
/// </summary>
public static class DirectoryFileEditor
{
    /// <summary>The fields of a contact that hold a number: what the public dials, and what the gateway pages.</summary>
    public static IReadOnlyList<string> NumberFields { get; } = ["number", "page_number"];

    /// <summary>The word a number is written as until a partner confirms it.</summary>
    public const string Placeholder = "placeholder";

    /// <summary>The contact's current value of <paramref name="field"/>, or null when the contact or field is absent.</summary>
    public static string? Read(string fileText, string contactId, string field)
    {
        var file = new YamlText(fileText);
        return Find(file, contactId) is { } contact
            && contact.Children.FirstOrDefault(c => YamlText.Name(c.Key) == field).Value is YamlScalarNode value ? value.Value : null;
    }

    /// <summary>The ids of every contact in the file, in order.</summary>
    public static IReadOnlyList<string> ContactIds(string fileText)
    {
        var file = new YamlText(fileText);
        return Contacts(file).Select(c => c.Children.FirstOrDefault(f => YamlText.Name(f.Key) == "id").Value)
            .OfType<YamlScalarNode>().Select(v => v.Value ?? string.Empty).ToList();
    }

    /// <summary>The file with <paramref name="field"/> of contact <paramref name="contactId"/> set to <paramref name="value"/>.</summary>
    /// <exception cref="ArgumentException">The field is not a number field, or no contact has that id.</exception>
    public static string SetNumber(string fileText, string contactId, string field, string value)
    {
        ArgumentNullException.ThrowIfNull(fileText);
        ArgumentException.ThrowIfNullOrWhiteSpace(value);
        if (!NumberFields.Contains(field))
        {
            throw new ArgumentException($"\"{field}\" is not a number of a contact; the numbers are {string.Join(" and ", NumberFields)}.", nameof(field));
        }

        var file = new YamlText(fileText);
        var contact = Find(file, contactId) ?? throw new ArgumentException($"directory.yaml has no contact with id \"{contactId}\".", nameof(contactId));
        var written = value.Trim() == Placeholder ? Placeholder : YamlText.Quote(value.Trim());
        var children = contact.Children.ToList();
        var existing = children.FindIndex(c => YamlText.Name(c.Key) == field);
        if (existing >= 0)
        {
            var node = children[existing].Value;
            if (node is not YamlScalarNode || file.LineOf(node.Start.Index) != file.LastLine(node))
            {
                throw new InvalidOperationException($"The {field} of \"{contactId}\" is not written on one line; change it by hand.");
            }

            var line = file.LineOf(node.Start.Index);
            var column = (int)node.Start.Column - 1;
            var endColumn = column + (file.EndIndex(node) - (int)node.Start.Index);
            file.Lines[line] = file.Lines[line][..column] + written + file.Lines[line][endColumn..];
        }
        else
        {
            // After the number when adding page_number, else after the id.
            var anchor = children.FindIndex(c => YamlText.Name(c.Key) == (field == "page_number" ? "number" : "id"));
            var after = anchor >= 0 ? children[anchor] : children[0];
            var indent = (int)children[0].Key.Start.Column - 1;
            file.Lines.Insert(file.LastLine(after.Value) + 1, $"{new string(' ', indent)}{field}: {written}");
        }

        var result = file.Join();
        if (Read(result, contactId, field) != value.Trim())
        {
            throw new InvalidOperationException($"directory.yaml would not read back the {field} of \"{contactId}\" as written; nothing was written.");
        }

        return result;
    }

    private static YamlMappingNode? Find(YamlText file, string contactId) =>
        Contacts(file).FirstOrDefault(c => c.Children.Any(f => YamlText.Name(f.Key) == "id" && YamlText.Name(f.Value) == contactId));

    private static IEnumerable<YamlMappingNode> Contacts(YamlText file) =>
        file.Root?.Children.FirstOrDefault(c => YamlText.Name(c.Key) == "contacts").Value is YamlSequenceNode list
            ? list.Children.OfType<YamlMappingNode>()
            : [];
}
