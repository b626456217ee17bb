using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// The JSON Schemas in flows/, built once. A schema may refer to another by its file name
/// (keywords.schema.json uses flow.schema.json's keyword), so all are built into one registry.
/// </summary>
internal static partial class FlowSchemas
{
    public const string Flow = "flows/flow.schema.json";
    public const string Keywords = "flows/keywords.schema.json";
    public const string Directory = "flows/directory.schema.json";
    public const string Localization = "flows/localization.schema.json";
    public const string Escalation = "flows/escalation.schema.json";

    /// <summary>In build order: a schema comes after the schemas it refers to.</summary>
    public static readonly IReadOnlyList<string> All = [Flow, Keywords, Directory, Localization, Escalation];

    private static readonly Lazy<Dictionary<string, JsonSchema>> Built = new(BuildAll);

    public static JsonSchema Get(string relativePath) =>
        Built.Value.TryGetValue(relativePath, out var schema)
            ? schema
            : throw new KeyNotFoundException($"{relativePath} is not one of the schemas in flows/ ({string.Join(", ", All)}).");

    /// <summary>The schema file's JSON, to read its properties and enums.</summary>
    public static JsonNode Json(string relativePath) =>
        JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf(relativePath)))
            ?? throw new InvalidDataException($"{relativePath} is empty.");

    /// <summary>
    /// The schema a YAML file names in its first line, <c># yaml-language-server: $schema=flow.schema.json</c>,
    /// as a repository path such as "flows/flow.schema.json"; null when the line is missing.
    /// </summary>
    public static string? NamedBy(string relativeYamlPath)
    {
        var firstLine = File.ReadLines(RepositoryFiles.PathOf(relativeYamlPath)).FirstOrDefault() ?? string.Empty;
        var match = SchemaLine().Match(firstLine);
        if (!match.Success)
        {
            return null;
        }

        var folder = Path.GetDirectoryName(RepositoryFiles.PathOf(relativeYamlPath))!;
        return RepositoryFiles.Relative(Path.GetFullPath(Path.Combine(folder, match.Groups["path"].Value)));
    }

    /// <summary>Evaluates <paramref name="instance"/>; on failure the result lists each error with where it is.</summary>
    public static SchemaCheck Check(string schemaPath, JsonElement instance)
    {
        var results = Get(schemaPath).Evaluate(instance, new EvaluationOptions { OutputFormat = OutputFormat.List });
        var errors = new List<SchemaError>();
        Collect(results, errors);
        return new SchemaCheck(results.IsValid, errors);
    }

    public static SchemaCheck CheckYaml(string schemaPath, string yaml, ScalarTyping typing) =>
        Check(schemaPath, YamlJson.ToElement(yaml, typing));

    private static void Collect(EvaluationResults results, List<SchemaError> errors)
    {
        if (!results.IsValid)
        {
            var location = results.InstanceLocation.ToString();
            var path = results.EvaluationPath.ToString();
            if (results.Errors is { Count: > 0 } found)
            {
                foreach (var (keyword, message) in found)
                {
                    errors.Add(new SchemaError(location, path, keyword, message));
                }
            }
            else
            {
                // Some keywords (propertyNames, not) fail without a message of their own.
                errors.Add(new SchemaError(location, path, path[(path.LastIndexOf('/') + 1)..], "does not match"));
            }
        }

        foreach (var detail in results.Details ?? [])
        {
            Collect(detail, errors);
        }
    }

    private static Dictionary<string, JsonSchema> BuildAll()
    {
        var options = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        var result = new Dictionary<string, JsonSchema>(StringComparer.Ordinal);
        foreach (var path in All)
        {
            var full = RepositoryFiles.PathOf(path);

            // A Uri made straight from a path keeps the path as its text, and the schema library then files
            // every schema under the folder; the file:// form keeps each schema under its own name.
            var id = new Uri(new Uri(full).AbsoluteUri);
            result[path] = JsonSchema.FromText(File.ReadAllText(full), options, id);
        }

        return result;
    }

    [GeneratedRegex(@"^#\s*yaml-language-server:\s*\$schema=(?<path>\S+)\s*$")]
    private static partial Regex SchemaLine();
}

/// <summary>
/// One failed check: where in the data (a JSON pointer such as /states/menu), where in the schema, which
/// keyword, what it says. Failures include the branches of an anyOf that did not match.
/// </summary>
internal sealed record SchemaError(string Location, string SchemaPath, string Keyword, string Message)
{
    public override string ToString() => $"{(Location.Length == 0 ? "/" : Location)}: {Keyword}: {Message}";
}

internal sealed record SchemaCheck(bool IsValid, IReadOnlyList<SchemaError> Errors)
{
    public override string ToString() => IsValid ? "valid" : string.Join(Environment.NewLine, Errors.Where(e => e.Message != "does not match" || e.Keyword is "propertyNames" or "not" or "false"));
}
