using System.Diagnostics;
using System.Globalization;
using System.Text;
using Gateway.Core.Flows.Validation;
using Gateway.Core.Localization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.RepresentationModel;

namespace Gateway.Cli;

/// <summary>
/// <c>gateway audio synth --lang LANG</c>: placeholder recordings for the texts a call says in a language, until a
/// speaker records them. Each text of the language's own file that the flows say and that has no recording is
/// spoken by espeak-ng into <c>localization/audio/LANG/KEY.wav</c>, and marked in the language file with
/// <c>audio:</c> and <c>audio_status: synthetic</c>, which the validator reports (<c>voice.synthetic</c>). A text a
/// person recorded is never touched; a synthetic one is made again. Placeholders ({ref}) are left out of the
/// recording: the call says their values after it.
/// </summary>
public static class AudioCommand
{
    public static int Synth(CliOptions options, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(options);
        var language = options["--lang"] ?? throw new CliException("audio synth needs --lang, e.g. --lang my.");
        var result = options.Load();
        if (result.Bundle is not { } bundle)
        {
            foreach (var finding in result.Findings.Where(f => f.IsError))
            {
                error.WriteLine(finding);
            }

            throw new CliException("the flows have errors; fix them first (gateway flows validate).");
        }

        if (bundle.Texts.Language(language) is not { } catalog)
        {
            throw new CliException($"there is no localization/{language}.yaml.");
        }

        var (_, localization) = options.Folders();
        var voice = options["--voice"] ?? (language == "en" ? "en-us" : language);
        var espeak = options["--espeak"] ?? "espeak-ng";
        var needed = FlowValidator.NeededKeys(bundle).ToHashSet(StringComparer.Ordinal);
        var made = new Dictionary<string, string>(StringComparer.Ordinal);
        var kept = 0;
        foreach (var entry in catalog.Texts.Values.OrderBy(e => e.Location.Line))
        {
            if (!needed.Contains(entry.Key) && !needed.Contains(TextCatalog.SplitCountry(entry.Key).Key))
            {
                continue;
            }

            if (entry.Audio is not null && entry.AudioStatus == AudioStatus.Recorded)
            {
                kept++;
                continue;
            }

            var relative = entry.AudioStatus == AudioStatus.Synthetic && entry.Audio is not null
                ? entry.Audio
                : AudioPaths.For(language, entry.Key.Replace(TextCatalog.CountrySeparator, '-'));
            var words = WithoutPlaceholders(entry.For(Channel.Voice));
            Speak(espeak, voice, words, Path.Combine(localization, relative.Replace('/', Path.DirectorySeparatorChar)));
            made[entry.Key] = relative;
        }

        var file = Path.Combine(localization, language + ".yaml");
        var marked = Mark(File.ReadAllText(file, Encoding.UTF8), made);
        File.WriteAllText(file, marked.Text, new UTF8Encoding(false));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"Made {made.Count} synthetic recording(s) with espeak-ng voice \"{voice}\" in {Path.Combine(localization, AudioPaths.Folder, language)}; marked {marked.Count} new text(s) audio_status: synthetic in {file}; left {kept} recorded text(s) alone."));
        foreach (var key in marked.Skipped)
        {
            output.WriteLine($"  {key}: written as a multi-line text without a block; add audio: {made[key]} and audio_status: synthetic by hand.");
        }

        output.WriteLine("A speaker should record them: docs/operations.md, Voice.");
        return 0;
    }

    /// <summary>The words without {placeholders}, which a call says after the recording.</summary>
    internal static string WithoutPlaceholders(string text)
    {
        var words = new StringBuilder(text.Length);
        var depth = 0;
        foreach (var c in text)
        {
            if (c == '{')
            {
                depth++;
            }
            else if (c == '}' && depth > 0)
            {
                depth--;
            }
            else if (depth == 0)
            {
                words.Append(c);
            }
        }

        return words.ToString();
    }

    /// <summary>
    /// Speaks <paramref name="words"/> into a WAV at <paramref name="path"/>, clause by clause: espeak-ng 1.51 fails on
    /// some long Burmese clauses, which are then spoken a word at a time. The pieces are joined into one file.
    /// </summary>
    private static void Speak(string espeak, string voice, string words, string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var pieces = new List<byte[]>();
        foreach (var clause in Clauses(words))
        {
            SpeakPiece(espeak, voice, clause, pieces);
        }

        File.WriteAllBytes(path, Wav.Join(pieces));
    }

    private static IEnumerable<string> Clauses(string words)
    {
        var clause = new StringBuilder();
        foreach (var c in words)
        {
            clause.Append(c);
            if (c is '\u104B' or '\u104A' or '.' or ',' or ';' or ':' or '!' or '?' or '\n' or '\u0E2F')
            {
                if (clause.ToString().Trim() is { Length: > 0 } text)
                {
                    yield return text;
                }

                clause.Clear();
            }
        }

        if (clause.ToString().Trim() is { Length: > 0 } last)
        {
            yield return last;
        }
    }

    private static void SpeakPiece(string espeak, string voice, string text, List<byte[]> pieces)
    {
        var file = Path.GetTempFileName();
        try
        {
            var (code, problem) = RunEspeak(espeak, voice, text, file);
            if (code == 0 && new FileInfo(file).Length > 44)
            {
                pieces.Add(File.ReadAllBytes(file));
                return;
            }

            if (problem.Contains("voice does not exist", StringComparison.OrdinalIgnoreCase))
            {
                throw new CliException($"espeak-ng has no voice \"{voice}\" (espeak-ng --voices lists them): this language needs recordings made by a speaker.");
            }

            var words = text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            if (words.Length < 2)
            {
                throw new CliException($"espeak-ng could not speak \"{text}\": {problem.Trim()}");
            }

            foreach (var word in words)
            {
                SpeakPiece(espeak, voice, word, pieces);
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static (int Code, string Problem) RunEspeak(string espeak, string voice, string text, string path)
    {
        var start = new ProcessStartInfo(espeak) { RedirectStandardError = true, RedirectStandardOutput = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var argument in (string[])["-v", voice, "-w", path, "--stdin"])
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new CliException($"{espeak} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new CliException($"{espeak} is not installed (Debian: apt-get install espeak-ng).");
        }

        using (process)
        {
            process.StandardInput.Write(text);
            process.StandardInput.Close();
            var problem = process.StandardError.ReadToEndAsync();
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, problem.Result);
        }
    }

    /// <summary>
    /// Adds <c>audio</c> and <c>audio_status: synthetic</c> to the texts in <paramref name="paths"/> that have no
    /// <c>audio</c> yet, editing the file's text in place so that comments and layout stay: a one-line block
    /// <c>{ text: …, status: draft }</c> gets them before its brace, a block of lines gets them as its first lines,
    /// and a text written as just its words becomes a one-line block.
    /// </summary>
    internal static (string Text, int Count, IReadOnlyList<string> Skipped) Mark(string yaml, IReadOnlyDictionary<string, string> paths)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        if (!root.Children.TryGetValue(new YamlScalarNode("texts"), out var textsNode) || textsNode is not YamlMappingNode texts)
        {
            return (yaml, 0, []);
        }

        var edits = new List<(int At, int Length, string Insert)>();
        var skipped = new List<string>();
        foreach (var (keyNode, value) in texts.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key } || !paths.TryGetValue(key, out var path))
            {
                continue;
            }

            var fields = $"audio: {path}, audio_status: synthetic";
            switch (value)
            {
                case YamlMappingNode map when map.Children.ContainsKey(new YamlScalarNode("audio")):
                    break;
                case YamlMappingNode { Style: MappingStyle.Flow, Children.Count: > 0 } map:
                    var at = yaml.IndexOf('}', (int)map.Children.Values.Last().End.Index);
                    while (at > 0 && yaml[at - 1] == ' ')
                    {
                        at--;
                    }

                    edits.Add((at, 0, ", " + fields));
                    break;
                case YamlMappingNode { Children.Count: > 0 } map:
                    var first = map.Children.Keys.First();
                    var indent = new string(' ', (int)first.Start.Column - 1);
                    edits.Add(((int)first.Start.Index, 0, $"audio: {path}\n{indent}audio_status: synthetic\n{indent}"));
                    break;
                case YamlScalarNode scalar:
                    var slice = yaml[(int)scalar.Start.Index..(int)scalar.End.Index];
                    if (slice.Contains('\n', StringComparison.Ordinal) || scalar.Style is ScalarStyle.Literal or ScalarStyle.Folded)
                    {
                        skipped.Add(key);
                        break;
                    }

                    edits.Add(((int)scalar.Start.Index, slice.Length, $"{{ text: {slice}, {fields} }}"));
                    break;
            }
        }

        var text = new StringBuilder(yaml);
        foreach (var (at, length, insert) in edits.OrderByDescending(e => e.At))
        {
            text.Remove(at, length).Insert(at, insert);
        }

        return (text.ToString(), edits.Count, skipped);
    }
}
