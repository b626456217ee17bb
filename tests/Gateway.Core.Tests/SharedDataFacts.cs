namespace Gateway.Core.Tests;

public class SharedDataFacts
{
    [Fact]
    public void PathOf_FindsVectors_WhenSharedFolderIsBesideCheckout() =>
        Assert.True(File.Exists(SharedData.PathOf("data/vectors/sms-segments.jsonl")));

    [Fact]
    public void PathOf_ThrowsWithPath_WhenFileIsMissing()
    {
        var error = Assert.Throws<FileNotFoundException>(() => SharedData.PathOf("data/vectors/no-such-file.jsonl"));

        Assert.Contains("no-such-file.jsonl", error.Message, StringComparison.Ordinal);
    }
}
