using Gateway.Core.Cases;
using Gateway.Core.Contacts;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;

namespace Gateway.Core.Flows.Loading;

/// <summary>What loading produced: a bundle when there was no error, and every finding either way.</summary>
public sealed record LoadResult(FlowBundle? Bundle, IReadOnlyList<Finding> Findings)
{
    public bool Succeeded => Bundle is not null;
}

/// <summary>
/// Reads a <see cref="FlowSource"/> into a <see cref="FlowBundle"/> and validates it. An edit with errors
/// gives no bundle, so the last good revision keeps serving.
/// </summary>
public static class FlowLoader
{
    public const string KeywordsFile = "keywords.yaml";
    public const string DirectoryFile = "directory.yaml";
    public const string EscalationFile = "escalation.yaml";

    public static LoadResult Load(string flowsDirectory, string localizationDirectory, DateOnly today) =>
        Load(FlowSource.FromDirectories(flowsDirectory, localizationDirectory), today);

    public static LoadResult Load(FlowSource source, DateOnly today)
    {
        var findings = new FindingList();
        var flows = new Dictionary<string, FlowDefinition>(StringComparer.Ordinal);
        var flowFiles = new Dictionary<string, string>(StringComparer.Ordinal);
        RoutingDefinition? routing = null;
        IReadOnlyList<KeywordDefinition> keywords = [];
        IReadOnlyList<DirectoryEntry> directory = [];
        EscalationPolicies? escalation = null;
        bool sawKeywords = false, sawDirectory = false;

        foreach (var sourceFile in source.FlowFiles)
        {
            var file = new YamlFile(sourceFile.DisplayPath, findings);
            var root = file.AsMap(file.Parse(sourceFile.Text), "The file");
            if (root is null)
            {
                continue;
            }

            var name = Path.GetFileName(sourceFile.DisplayPath);
            if (name == KeywordsFile)
            {
                sawKeywords = true;
                (routing, keywords) = KeywordFileReader.Read(file, root);
            }
            else if (name == DirectoryFile)
            {
                sawDirectory = true;
                directory = DirectoryFileReader.Read(file, root);
            }
            else if (name == EscalationFile)
            {
                escalation = EscalationFileReader.Read(file, root);
            }
            else if (root.Has("flow"))
            {
                if (FlowFileReader.Read(file, root) is { } flow)
                {
                    if (flowFiles.TryGetValue(flow.Id, out var other))
                    {
                        findings.Error("flow.duplicate", flow.Location, $"a flow named \"{flow.Id}\" is already defined in {other}; flow names must be unique.");
                    }
                    else
                    {
                        flows[flow.Id] = flow;
                        flowFiles[flow.Id] = sourceFile.DisplayPath;
                    }
                }
            }
            else
            {
                findings.Warning("file.unknown", root.Location, "this file is neither a flow (no \"flow:\" line), keywords.yaml, directory.yaml nor escalation.yaml; it is ignored.");
            }
        }

        if (!sawKeywords)
        {
            findings.Error("file.missing", new SourceLocation($"flows/{KeywordsFile}", 0, 0), "keywords.yaml is missing: it names where conversations start and the keywords such as SOS.");
        }

        if (!sawDirectory)
        {
            findings.Error("file.missing", new SourceLocation($"flows/{DirectoryFile}", 0, 0), "directory.yaml is missing: it lists the hotlines and partners.");
        }

        if (!source.FlowFiles.Any(f => Path.GetFileName(f.DisplayPath) == EscalationFile))
        {
            findings.Warning("escalation.missing", new SourceLocation($"flows/{EscalationFile}", 0, 0), "escalation.yaml is missing: reports are stored and confirmed, but nobody is paged about any of them.");
        }

        var languages = new List<LanguageCatalog>();
        foreach (var sourceFile in source.LocalizationFiles)
        {
            var file = new YamlFile(sourceFile.DisplayPath, findings);
            var root = file.AsMap(file.Parse(sourceFile.Text), "The file");
            if (root is not null && LocalizationFileReader.Read(file, root, Path.GetFileNameWithoutExtension(sourceFile.DisplayPath)) is { } catalog)
            {
                languages.Add(catalog);
            }
        }

        if (!languages.Exists(l => l.Code == TextCatalog.DefaultLanguage))
        {
            findings.Error("file.missing", new SourceLocation("localization/en.yaml", 0, 0), "localization/en.yaml is missing: English is the language every other falls back to.");
        }

        if (findings.HasErrors || routing is null)
        {
            return new LoadResult(null, findings.Sorted());
        }

        var contacts = new ContactDirectory(directory);
        var policies = escalation is null ? EscalationPolicies.None : EscalationFileReader.Resolve(escalation, contacts);
        var bundle = new FlowBundle(flows, routing, keywords, contacts, new TextCatalog(languages), source.Revision, policies);
        findings.AddRange(FlowValidator.Validate(bundle, today));
        var sorted = findings.Sorted();
        return new LoadResult(findings.HasErrors ? null : bundle, sorted);
    }
}
