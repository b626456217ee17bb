namespace Gateway.Core.Tests;

public class SharedDataFacts
{
    [Theory]
    [InlineData("data/vectors/sms-segments.jsonl")]
    [InlineData("data/vectors/twilio-signatures.jsonl")]
    [InlineData("data/myanmar-tools/compatibility.tsv")]
    [InlineData("data/myanmar-tools/udhr_mya_unicode_src.txt")]
    [InlineData("data/myanmar-tools/udhr_mya_zawgyi_out.txt")]
    public void PathOf_FindsReferenceData_InsideTheCheckout(string file)
    {
        var path = SharedData.PathOf(file);

        Assert.True(File.Exists(path));
        Assert.StartsWith(Path.Combine(SharedData.RepositoryRoot, "tests", "data") + Path.DirectorySeparatorChar, path, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("data/vectors")]
    [InlineData("data/myanmar-tools")]
    public void ReferenceData_CarriesItsProvenanceAndLicence(string folder)
    {
        var readme = File.ReadAllText(Path.Combine(SharedData.PathOf(folder), "README.md"));

        Assert.Contains("Source:", readme, StringComparison.Ordinal);
        Assert.Contains("Licence:", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void MyanmarToolsCopy_KeepsApacheLicence() =>
        Assert.Contains("Apache License, Version 2.0", File.ReadAllText(SharedData.PathOf("data/myanmar-tools/LICENSE")), StringComparison.Ordinal);

    [Fact]
    public void PathOf_ThrowsWithPath_WhenFileIsMissing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SharedData.PathOf("data/vectors/no-such-file.jsonl"));

        Assert.Contains("no-such-file.jsonl", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void PathOf_Refuses_APathOutsideTheCheckout() =>
        Assert.Throws<ArgumentException>(() => SharedData.PathOf("../../outside/sms-segments.jsonl"));

    /// <summary>
    /// No project file (tests, scripts, sources) reads the shared folder beside the checkout that the data came
    /// from. The patterns are built from pieces so that this file does not match them itself.
    /// </summary>
    [Fact]
    public void NoProjectFile_ReadsOutsideTheCheckout()
    {
        var root = SharedData.RepositoryRoot;
        var outside = new[] { "../" + "shared", "..\\" + "shared", "shared" + "/data" };
        var found = new[] { "tests", "scripts", "src" }
            .SelectMany(folder => Directory.EnumerateFiles(Path.Combine(root, folder), "*", SearchOption.AllDirectories))
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}node_modules{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !path.Contains($"{Path.DirectorySeparatorChar}wwwroot{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
)
            .Where(path => File.ReadAllText(path) is var text && outside.Any(o => text.Contains(o, StringComparison.Ordinal)))
            .Select(path => Path.GetRelativePath(root, path))
            .ToList();

        Assert.True(found.Count == 0, $"These files read outside the checkout: {string.Join(", ", found)}");
    }
}
