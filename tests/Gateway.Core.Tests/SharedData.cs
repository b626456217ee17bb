namespace Gateway.Core.Tests;

/// <summary>Finds test data in the shared folder that sits beside the repository checkout.</summary>
public static class SharedData
{
    /// <summary>
    /// The full path of <paramref name="relativeToShared"/> under ../shared/ next to the directory holding
    /// Gateway.sln; throws when the file is missing, so a test never passes without its data.
    /// </summary>
    public static string PathOf(string relativeToShared)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                var path = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", relativeToShared));
                if (!File.Exists(path))
                {
                    throw new FileNotFoundException(
                        $"Shared test data '{relativeToShared}' was not found at {path}: the shared folder must sit beside the repository checkout.",
                        path);
                }

                return path;
            }
        }

        throw new DirectoryNotFoundException(
            $"No directory containing Gateway.sln was found above {AppContext.BaseDirectory}, so shared test data '{relativeToShared}' cannot be located.");
    }
}
