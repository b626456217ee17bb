using Gateway.Tests.Support;

namespace Gateway.Web.Tests;

/// <summary>
/// Copies of the shipped <c>flows/</c> and <c>localization/</c> folders, for tests that edit content, and a gateway
/// serving a copy; every copy is deleted on dispose.
/// </summary>
public sealed class ShippedCopies : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>A new copy in a temporary folder named with <paramref name="prefix"/>; returns its root.</summary>
    public string Make(string prefix)
    {
        var root = Directory.CreateTempSubdirectory(prefix).FullName;
        _folders.Add(root);
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(SharedData.RepositoryRoot, folder)))
            {
                File.Copy(file, Path.Combine(root, folder, Path.GetFileName(file)));
            }
        }

        return root;
    }

    /// <summary>A gateway serving the copy at <paramref name="root"/>.</summary>
    public static GatewayFactory Host(string root, bool redis = false) => new(redis, new Dictionary<string, string?>
    {
        ["Gateway:FlowsPath"] = Path.Combine(root, "flows"),
        ["Gateway:LocalizationPath"] = Path.Combine(root, "localization"),
    });

    public void Dispose()
    {
        foreach (var folder in _folders)
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
