using Gateway.Core.Flows;

namespace Gateway.Core.Tests.Flows;

/// <summary>
/// Replays every transcript in Flows/Transcripts against the shipped flows. When a change is intended, run
/// with UPDATE_TRANSCRIPTS=1 to rewrite the files from what the engine does now, and read the diff.
/// </summary>
public class TranscriptFacts
{
    private static readonly string Folder = Repository.PathOf("tests/Gateway.Core.Tests/Flows/Transcripts");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.EnumerateFiles(Folder, "*.transcript").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Transcript_MatchesWhatTheEngineSays(string name)
    {
        var path = Path.Combine(Folder, name);
        var expected = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var (actual, _) = Transcript.Parse(expected).Run(Repository.ShippedBundle);
        if (Environment.GetEnvironmentVariable("UPDATE_TRANSCRIPTS") == "1" && actual != expected)
        {
            File.WriteAllText(path, actual + "\n");
            return;
        }

        Assert.True(actual == expected, FirstDifference(name, expected, actual));
    }

    [Fact]
    public void Transcripts_ExerciseEveryNodeType()
    {
        var exercised = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(Folder, "*.transcript"))
        {
            exercised.UnionWith(Transcript.Parse(File.ReadAllText(path)).Run(Repository.ShippedBundle).Exercised);
        }

        var missing = NodeTypes.All.Where(t => !exercised.Contains(t)).ToList();
        Assert.True(missing.Count == 0, $"No transcript exercises: {string.Join(", ", missing)}. Add a transcript that does.");
    }

    [Fact]
    public void Transcript_ChangedReply_IsReportedWithItsLine()
    {
        var text = File.ReadAllText(Path.Combine(Folder, "first-contact-en.transcript")).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n');
        var broken = text.Replace("< 1. English", "< 1. Anglais", StringComparison.Ordinal);
        var (actual, _) = Transcript.Parse(broken).Run(Repository.ShippedBundle);
        Assert.NotEqual(broken, actual);
        Assert.Contains("< 1. English", actual, StringComparison.Ordinal);
    }

    private static string FirstDifference(string name, string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        for (var i = 0; i < Math.Max(e.Length, a.Length); i++)
        {
            var left = i < e.Length ? e[i] : "(end of file)";
            var right = i < a.Length ? a[i] : "(end of file)";
            if (left != right)
            {
                return $"{name}:{i + 1}: the transcript says\n  {left}\nbut the engine now says\n  {right}\n(run with UPDATE_TRANSCRIPTS=1 if the change is intended)";
            }
        }

        return $"{name}: differs";
    }
}
