using Gateway.Core.Flows.Validation;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Flows.Loading;

/// <summary>
/// Reads one YAML data file into nodes that keep their line and column, and reports problems
/// as sentences an NGO editor can act on.
/// </summary>
internal sealed class YamlFile
{
    private readonly FindingList _findings;

    public YamlFile(string displayPath, FindingList findings)
    {
        DisplayPath = displayPath;
        _findings = findings;
    }

    public string DisplayPath { get; }

    public FindingList Findings => _findings;

    public YamlNode? Parse(string text)
    {
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                _findings.Error("yaml.empty", new SourceLocation(DisplayPath, 1, 1), "the file is empty.");
                return null;
            }

            return stream.Documents[0].RootNode;
        }
        catch (Exception unplaced) when (unplaced is InvalidOperationException or ArgumentException)
        {
            // Some malformed input makes the YAML reader fail without a position (YamlDotNet throws these rather than
            // a YamlException, e.g. on ":\n  l:\n      - : c"); find it by scanning again.
            var at = new SourceLocation(DisplayPath, 1, 1);
            var scanner = new Scanner(new StringReader(text));

            // On some of these inputs the scanner never stops giving tokens: a file has fewer than two per character.
            var limit = (2L * text.Length) + 16;
            try
            {
                for (var read = 0L; read < limit && scanner.MoveNext(); read++)
                {
                    at = new SourceLocation(DisplayPath, (int)scanner.Current!.Start.Line, (int)scanner.Current.Start.Column);
                }
            }
            catch (Exception e) when (e is InvalidOperationException or YamlException)
            {
                if (e is YamlException yaml)
                {
                    at = new SourceLocation(DisplayPath, Math.Max(1, (int)yaml.Start.Line), Math.Max(1, (int)yaml.Start.Column));
                }
            }

            _findings.Error("yaml.syntax", at, "this is not valid YAML near here: check brackets [ ] and { } are closed, the indentation, and quote texts that contain a colon followed by a space.");
            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException?.Message ?? e.Message;
            var at = new SourceLocation(DisplayPath, Math.Max(1, (int)e.Start.Line), Math.Max(1, (int)e.Start.Column));
            _findings.Error("yaml.syntax", at, $"this is not valid YAML ({Clean(message)}). Check the indentation and that every \"key: value\" has a space after the colon; quote texts that contain a colon followed by a space.");
            return null;
        }
    }

    public SourceLocation At(YamlNode node) =>
        new(DisplayPath, (int)node.Start.Line, (int)node.Start.Column);

    public Map? AsMap(YamlNode? node, string what, bool required = true)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                return new Map(this, mapping);
            case null:
                return null;
            case YamlScalarNode { Value: null or "" } when !required:
                return null;
            default:
                _findings.Error("yaml.shape", At(node), $"{what} should be a set of \"name: value\" lines.");
                return null;
        }
    }

    public IReadOnlyList<YamlNode> AsList(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return [];
            case YamlSequenceNode sequence:
                return [.. sequence.Children];
            case YamlScalarNode { Value: null or "" }:
                return [];
            case YamlScalarNode:
                // A single value where a list is expected: `say: menu.intro` reads as `say: [menu.intro]`.
                return [node];
            default:
                _findings.Error("yaml.shape", At(node), $"{what} should be a list (lines starting with \"- \").");
                return [];
        }
    }

    public string? AsText(YamlNode? node, string what)
    {
        switch (node)
        {
            case null:
                return null;
            case YamlScalarNode scalar:
                return scalar.Value;
            default:
                _findings.Error("yaml.shape", At(node), $"{what} should be a single value, not a list or a block.");
                return null;
        }
    }

    public LocatedWord? AsWord(YamlNode? node, string what)
    {
        var text = AsText(node, what);
        return text is null || node is null ? null : new LocatedWord(text, At(node));
    }

    public IReadOnlyList<string> AsTextList(YamlNode? node, string what)
    {
        var result = new List<string>();
        foreach (var item in AsList(node, what))
        {
            if (AsText(item, what) is { } text)
            {
                result.Add(text);
            }
        }

        return result;
    }

    private static string Clean(string message)
    {
        // YamlDotNet prefixes messages with "(Line: 3, Col: 5, Idx: 40) - (Line: …): "; the location is given already.
        var cut = message.LastIndexOf("): ", StringComparison.Ordinal);
        var text = cut >= 0 ? message[(cut + 3)..] : message;
        return text.TrimEnd('.');
    }

    /// <summary>A mapping whose keys are checked against the names the format allows.</summary>
    internal sealed class Map
    {
        private readonly YamlFile _file;
        private readonly Dictionary<string, (YamlNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);

        public Map(YamlFile file, YamlMappingNode node)
        {
            _file = file;
            Node = node;
            foreach (var (key, value) in node.Children)
            {
                var name = (key as YamlScalarNode)?.Value ?? string.Empty;
                if (!_entries.TryAdd(name, (key, value)))
                {
                    file.Findings.Error("yaml.duplicate", file.At(key), $"\"{name}\" is written twice here; keep only one.");
                }
            }
        }

        public YamlMappingNode Node { get; }

        public SourceLocation Location => _file.At(Node);

        public IEnumerable<(string Name, YamlNode Key, YamlNode Value)> Entries =>
            _entries.Select(e => (e.Key, e.Value.Key, e.Value.Value));

        public YamlNode? this[string name] => _entries.TryGetValue(name, out var entry) ? entry.Value : null;

        public SourceLocation KeyLocation(string name) =>
            _entries.TryGetValue(name, out var entry) ? _file.At(entry.Key) : Location;

        public bool Has(string name) => _entries.ContainsKey(name);

        public string? Text(string name, string what) => _file.AsText(this[name], what);

        public string? RequiredText(string name, string what)
        {
            var value = Text(name, what);
            if (string.IsNullOrWhiteSpace(value))
            {
                _file.Findings.Error("field.missing", Location, $"{what} is missing: add a line \"{name}: …\".");
                return null;
            }

            return value;
        }

        /// <summary>Reports every key that the format does not know, suggesting the nearest known one.</summary>
        public void AllowOnly(string what, params string[] known)
        {
            foreach (var (name, (key, _)) in _entries)
            {
                if (Array.IndexOf(known, name) >= 0)
                {
                    continue;
                }

                var suggestion = Nearest(name, known);
                var hint = suggestion is null
                    ? $"the names allowed here are: {string.Join(", ", known)}."
                    : $"did you mean \"{suggestion}\"?";
                _file.Findings.Error("field.unknown", _file.At(key), $"{what} has no field \"{name}\"; {hint}");
            }
        }

        private static string? Nearest(string name, string[] known)
        {
            string? best = null;
            var bestDistance = int.MaxValue;
            foreach (var candidate in known)
            {
                var distance = Distance(name, candidate);
                if (distance < bestDistance)
                {
                    best = candidate;
                    bestDistance = distance;
                }
            }

            return bestDistance <= Math.Max(2, name.Length / 3) ? best : null;
        }

        private static int Distance(string a, string b)
        {
            var previous = new int[b.Length + 1];
            var current = new int[b.Length + 1];
            for (var j = 0; j <= b.Length; j++)
            {
                previous[j] = j;
            }

            for (var i = 1; i <= a.Length; i++)
            {
                current[0] = i;
                for (var j = 1; j <= b.Length; j++)
                {
                    var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                    current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
                }

                (previous, current) = (current, previous);
            }

            return previous[b.Length];
        }
    }
}
