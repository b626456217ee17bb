namespace Gateway.Tests.Support;

/// <summary>
/// Finds the checkout's own files: the repository root, and the reference data the test projects share in
/// tests/data (copies of published vectors and texts, each folder with a README saying where it comes from and
/// under which licence). A test never reads outside the checkout, so a clone alone passes its tests.
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

            return directory?.FullName
                ?? throw new DirectoryNotFoundException($"No folder containing Gateway.sln was found above {AppContext.BaseDirectory}.");
        }
    }

    /// <summary>
    /// The full path of <paramref name="relativeToTests"/> inside the checkout's tests/ folder, for example
    /// <c>PathOf("data/vectors/sms-segments.jsonl")</c>. Throws when it is missing: a test that cannot read its
    /// reference data must fail, not pass silently.
    /// </summary>
    public static string PathOf(string relativeToTests)
    {
        ArgumentNullException.ThrowIfNull(relativeToTests);
        var tests = Path.Combine(RepositoryRoot, "tests");
        string path = Path.GetFullPath(Path.Combine(tests, relativeToTests));
        if (!path.StartsWith(tests + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Test data is read from inside tests/ only; {relativeToTests} points outside it.", nameof(relativeToTests));
        }

        if (!File.Exists(path) && !Directory.Exists(path))
        {
            throw new FileNotFoundException(
                $"Test data {relativeToTests} is missing: expected it at {path}. It is part of the repository (tests/data); "
                + "check out the whole repository.",
                path);
        }

        return path;
    }
}
