using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Tests.Flows;

/// <summary>How YAML scalars become JSON values.</summary>
internal enum ScalarTyping
{
    /// <summary>
    /// As YAML editors see them (the YAML 1.2 core schema the VS Code YAML extension uses): an unquoted
    /// 30 is a number, true a boolean, an empty value null; anything quoted, and every other word, a string.
    /// </summary>
    Editor,

    /// <summary>As the gateway reads them: every scalar is text ("30", "true"), whatever its quoting.</summary>
    Gateway,
}

/// <summary>Converts a YAML data file to JSON so it can be checked against the JSON Schema it names.</summary>
internal static partial class YamlJson
{
    public static JsonNode? ToNode(string yaml, ScalarTyping typing)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode, typing);
    }

    public static JsonElement ToElement(string yaml, ScalarTyping typing) => ToElement(ToNode(yaml, typing));

    public static JsonElement ToElement(JsonNode? node)
    {
        using var document = JsonDocument.Parse(node?.ToJsonString() ?? "null");
        return document.RootElement.Clone();
    }

    private static JsonNode? Convert(YamlNode node, ScalarTyping typing) => node switch
    {
        YamlMappingNode mapping => Map(mapping, typing),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(child => Convert(child, typing))]),
        YamlScalarNode scalar => Scalar(scalar, typing),
        _ => throw new InvalidOperationException($"Unexpected YAML node {node.NodeType} at {node.Start}."),
    };

    private static JsonObject Map(YamlMappingNode mapping, ScalarTyping typing)
    {
        var result = new JsonObject();
        foreach (var (key, value) in mapping.Children)
        {
            var name = (key as YamlScalarNode)?.Value
                ?? throw new InvalidOperationException($"A key at {key.Start} is not a plain name.");
            result.Add(name, Convert(value, typing));
        }

        return result;
    }

    private static JsonValue? Scalar(YamlScalarNode scalar, ScalarTyping typing)
    {
        var text = scalar.Value ?? string.Empty;
        // Quoted, block and explicitly tagged scalars stay text in every typing.
        var plain = scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty;
        if (typing == ScalarTyping.Gateway || !plain)
        {
            return JsonValue.Create(text);
        }

        if (text is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (text is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (text is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(text) && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(text) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            return JsonValue.Create(number);
        }

        return JsonValue.Create(text);
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();
}
