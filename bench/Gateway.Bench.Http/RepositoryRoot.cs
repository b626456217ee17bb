namespace Gateway.Bench.Http;

/// <summary>The folder of Gateway.sln, from where the benchmark runs or is built.</summary>
internal static class RepositoryRoot
{
    public static string? Find() => Find(Directory.GetCurrentDirectory()) ?? Find(AppContext.BaseDirectory);

    private static string? Find(string start)
    {
        for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Gateway.sln")))
            {
                return folder.FullName;
            }
        }

        return null;
    }
}
