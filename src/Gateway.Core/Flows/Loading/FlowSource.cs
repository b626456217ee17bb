using System.Security.Cryptography;
using System.Text;

namespace Gateway.Core.Flows.Loading;

/// <summary>A data file's text and the path findings name it by (e.g. "flows/main.yaml").</summary>
public sealed record SourceFile(string DisplayPath, string Text);

/// <summary>
/// The files of one revision: every *.yaml in flows/ and localization/. Reading them is the only I/O;
/// everything after works on the texts.
/// </summary>
public sealed class FlowSource
{
    public FlowSource(IEnumerable<SourceFile> flowFiles, IEnumerable<SourceFile> localizationFiles)
    {
        FlowFiles = [.. flowFiles.OrderBy(f => f.DisplayPath, StringComparer.Ordinal)];
        LocalizationFiles = [.. localizationFiles.OrderBy(f => f.DisplayPath, StringComparer.Ordinal)];
        Revision = Hash(FlowFiles.Concat(LocalizationFiles));
    }

    public IReadOnlyList<SourceFile> FlowFiles { get; }

    public IReadOnlyList<SourceFile> LocalizationFiles { get; }

    /// <summary>The first 12 hex digits of a SHA-256 over every file's path and content.</summary>
    public string Revision { get; }

    /// <summary>Reads flows/*.yaml and localization/*.yaml; paths in findings are "flows/x.yaml".</summary>
    public static FlowSource FromDirectories(string flowsDirectory, string localizationDirectory)
    {
        if (!Directory.Exists(flowsDirectory))
        {
            throw new DirectoryNotFoundException($"The flows folder \"{flowsDirectory}\" does not exist.");
        }

        if (!Directory.Exists(localizationDirectory))
        {
            throw new DirectoryNotFoundException($"The localization folder \"{localizationDirectory}\" does not exist.");
        }

        return new FlowSource(ReadAll(flowsDirectory), ReadAll(localizationDirectory));
    }

    private static IEnumerable<SourceFile> ReadAll(string directory)
    {
        var prefix = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        foreach (var path in Directory.EnumerateFiles(directory, "*.yaml").Concat(Directory.EnumerateFiles(directory, "*.yml")))
        {
            yield return new SourceFile($"{prefix}/{Path.GetFileName(path)}", File.ReadAllText(path, Encoding.UTF8));
        }
    }

    private static string Hash(IEnumerable<SourceFile> files)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var file in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(file.DisplayPath));
            sha.AppendData([0]);
            sha.AppendData(Encoding.UTF8.GetBytes(file.Text));
            sha.AppendData([0]);
        }

        return Convert.ToHexStringLower(sha.GetHashAndReset())[..12];
    }
}
