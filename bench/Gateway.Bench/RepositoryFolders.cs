namespace Gateway.Bench;

/// <summary>Finds flows/ and localization/ beside Gateway.sln, from where the benchmark runs or is built.</summary>
internal static class RepositoryFolders
{
    public const string SolutionFile = "Gateway.sln";

    public static (string Flows, string Localization) Resolve(string? flows, string? localization)
    {
        if (flows is not null && localization is not null)
        {
            return (flows, localization);
        }

        var root = FindRoot(Directory.GetCurrentDirectory()) ?? FindRoot(AppContext.BaseDirectory)
            ?? throw new DirectoryNotFoundException(
                $"no {SolutionFile} in the current folder, the benchmark's folder or any folder above them; give --flows and --localization.");
        return (flows ?? Path.Combine(root, "flows"), localization ?? Path.Combine(root, "localization"));
    }

    private static string? FindRoot(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, SolutionFile)))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
