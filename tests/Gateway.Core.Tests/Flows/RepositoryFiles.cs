namespace Gateway.Core.Tests.Flows;

/// <summary>Paths inside the repository checkout the tests run from (the folder holding Gateway.sln).</summary>
internal static class RepositoryFiles
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    /// <summary>The full path of <paramref name="relative"/>, e.g. <c>PathOf("flows/flow.schema.json")</c>.</summary>
    public static string PathOf(string relative) =>
        Path.GetFullPath(Path.Combine(Root, relative.Replace('/', Path.DirectorySeparatorChar)));

    /// <summary>"flows/main.yaml" for a full path inside the repository.</summary>
    public static string Relative(string fullPath) =>
        Path.GetRelativePath(Root, fullPath).Replace(Path.DirectorySeparatorChar, '/');

    /// <summary>Every YAML data file the gateway reads: flows/*.yaml and localization/*.yaml (and .yml).</summary>
    public static IReadOnlyList<string> DataFiles() =>
        [.. new[] { "flows", "localization" }
            .SelectMany(folder => Directory.EnumerateFiles(PathOf(folder), "*.yaml").Concat(Directory.EnumerateFiles(PathOf(folder), "*.yml")))
            .Select(Relative)
            .Order(StringComparer.Ordinal)];

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"No folder containing Gateway.sln was found above {AppContext.BaseDirectory}.");
    }
}
