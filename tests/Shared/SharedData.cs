namespace Gateway.Tests.Support;

/// <summary>
/// Finds files in the shared folder that sits beside the checkout (X/../shared when the
/// repository is cloned into X), so tests read the published vectors instead of copies.
/// </summary>
public static class SharedData
{
    /// <summary>The folder holding Gateway.sln.</summary>
    public static string RepositoryRoot
    {
        get
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
            {
                directory = directory.Parent;
            }

            return directory?.FullName ?? throw new DirectoryNotFoundException("No folder containing Gateway.sln was found.");
        }
    }

    /// <summary>
    /// The full path of <paramref name="relativeToShared"/> inside the shared folder, for
    /// example <c>PathOf("data/vectors/sms-segments.jsonl")</c>. Throws when it is missing:
    /// a test that cannot read its reference data must fail, not pass silently.
    /// </summary>
    public static string PathOf(string relativeToShared)
    {
        ArgumentNullException.ThrowIfNull(relativeToShared);

        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Gateway.sln")))
        {
            directory = directory.Parent;
        }

        if (directory is null)
        {
            throw new DirectoryNotFoundException(
                $"No folder containing Gateway.sln was found above {AppContext.BaseDirectory}, so the shared data folder cannot be located.");
        }

        string path = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", relativeToShared));
        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"Shared test data {relativeToShared} is missing: expected it at {path}. "
                + "The shared folder must sit beside the repository checkout (../shared).",
                path);
        }

        return path;
    }
}
