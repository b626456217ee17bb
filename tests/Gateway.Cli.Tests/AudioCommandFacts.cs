namespace Gateway.Cli.Tests;

/// <summary><c>gateway audio synth</c> against a copy of the validator's base fixture, with the real espeak-ng.</summary>
public sealed class AudioCommandFacts : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("gateway-audio-").FullName;

    public AudioCommandFacts()
    {
        var fixture = Path.Combine(CliRun.Root, "tests", "Gateway.Core.Tests", "Flows", "Fixtures", "base");
        foreach (var folder in new[] { "flows", "localization" })
        {
            Directory.CreateDirectory(Path.Combine(_root, folder));
            foreach (var file in Directory.EnumerateFiles(Path.Combine(fixture, folder)))
            {
                File.Copy(file, Path.Combine(_root, folder, Path.GetFileName(file)));
            }
        }
    }

    private string Flows => Path.Combine(_root, "flows");

    private string Localization => Path.Combine(_root, "localization");

    [Fact]
    public void Synth_MakesAWavPerSpokenText_AndMarksThemSynthetic_SoTheValidatorSaysSo()
    {
        var (code, output, error) = CliRun.InProcess(string.Empty, "audio", "synth", "--lang", "en", "--flows", Flows, "--localization", Localization);

        Assert.True(code == 0, error);
        Assert.Contains("synthetic recording(s)", output, StringComparison.Ordinal);
        var wav = File.ReadAllBytes(Path.Combine(Localization, "audio", "en", "menu.intro.wav"));
        Assert.Equal("RIFF"u8.ToArray(), wav[..4]);
        Assert.True(wav.Length > 4000, "a spoken text lasts more than a few milliseconds");
        var english = File.ReadAllText(Path.Combine(Localization, "en.yaml"));
        Assert.Contains("menu.intro: { text: \"Menu:\", purpose: sos, audio: audio/en/menu.intro.wav, audio_status: synthetic }", english, StringComparison.Ordinal);

        var (validCode, validation, _) = CliRun.InProcess(string.Empty, "flows", "validate", "--flows", Flows, "--localization", Localization);
        Assert.Equal(0, validCode);
        Assert.Contains("placeholders made by speech synthesis", validation, StringComparison.Ordinal);
    }

    [Fact]
    public void Synth_Refuses_ALanguageEspeakHasNoVoiceFor()
    {
        var (code, _, error) = CliRun.InProcess(string.Empty, "audio", "synth", "--lang", "km", "--flows", Flows, "--localization", Localization);

        Assert.Equal(2, code);
        Assert.Contains("espeak-ng has no voice \"km\"", error, StringComparison.Ordinal);
    }

    [Fact]
    public void Mark_KeepsCommentsAndLayout_AndLeavesRecordedTextsAlone()
    {
        const string yaml = """
            language: my
            texts:
              # a comment stays
              a.one: "Words"   # and this one
              a.two: { text: "More words", status: draft }
              a.three:
                text: >-
                  Long words
                status: draft
              a.four: { text: "Read by a person", audio: audio/my/a.four.mp3 }
            """;

        var (text, count, skipped) = AudioCommand.Mark(yaml, new Dictionary<string, string>
        {
            ["a.one"] = "audio/my/a.one.wav",
            ["a.two"] = "audio/my/a.two.wav",
            ["a.three"] = "audio/my/a.three.wav",
            ["a.four"] = "audio/my/a.four.wav",
        });

        Assert.Equal(3, count);
        Assert.Empty(skipped);
        Assert.Equal("""
            language: my
            texts:
              # a comment stays
              a.one: { text: "Words", audio: audio/my/a.one.wav, audio_status: synthetic }   # and this one
              a.two: { text: "More words", status: draft, audio: audio/my/a.two.wav, audio_status: synthetic }
              a.three:
                audio: audio/my/a.three.wav
                audio_status: synthetic
                text: >-
                  Long words
                status: draft
              a.four: { text: "Read by a person", audio: audio/my/a.four.mp3 }
            """, text);
    }

    [Fact]
    public void WithoutPlaceholders_LeavesOutWhatTheCallSaysAfterwards() =>
        Assert.Equal("Your report  is taken. Call  now.", AudioCommand.WithoutPlaceholders("Your report {ref} is taken. Call {hotline} now."));

    public void Dispose() => Directory.Delete(_root, recursive: true);
}
