using System.Text.RegularExpressions;
using Gateway.Tests.Support;

namespace Gateway.Core.Tests;

/// <summary>
/// docs/security.md names, for every control, the test that proves it. A renamed or deleted test would leave a
/// control listed with no proof, so every test the page names must exist under tests/.
/// </summary>
public sealed partial class ThreatModelFacts
{
    [Fact]
    public void EveryTestTheThreatModelNames_Exists()
    {
        var page = File.ReadAllText(Path.Combine(SharedData.RepositoryRoot, "docs", "security.md"));
        var sources = Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(File.ReadAllText)
            .ToList();

        var named = 0;
        var missing = new List<string>();
        string? lastClass = null;
        foreach (Match code in CodeSpan().Matches(page))
        {
            var token = code.Groups[1].Value;
            var match = TestName().Match(token);
            if (!match.Success)
            {
                continue;
            }

            var className = match.Groups["class"].Success ? match.Groups["class"].Value : lastClass;
            var method = match.Groups["method"].Success ? match.Groups["method"].Value : null;
            if (className is null)
            {
                missing.Add($"{token}: a method with no class before it");
                continue;
            }

            lastClass = className;
            named++;
            var files = sources.Where(s => Regex.IsMatch(s, $@"\bclass {Regex.Escape(className)}\b")).ToList();
            if (files.Count == 0)
            {
                missing.Add($"{token}: no test class {className}");
            }
            else if (method is not null && !files.Exists(s => Regex.IsMatch(s, $@"\b{Regex.Escape(method)}\b")))
            {
                missing.Add($"{token}: {className} has no {method}");
            }
        }

        Assert.True(named >= 40, $"docs/security.md names only {named} tests; has the page lost its controls?");
        Assert.True(missing.Count == 0, "docs/security.md names tests that do not exist:\n" + string.Join('\n', missing));
    }

    [GeneratedRegex("`([^`\n]+)`")]
    private static partial Regex CodeSpan();

    /// <summary>`Folder/ClassFacts.Method`, `ClassFacts`, or `…Method` (the class named just before).</summary>
    [GeneratedRegex(@"^(?:[\w.]+/)*(?:(?<class>\w+(?:Facts|Properties))(?:\.(?<method>\w+))?|…(?<method>\w+))(?:\s*\(.*\))?$")]
    private static partial Regex TestName();
}
