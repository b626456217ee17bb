namespace Gateway.Core.Localization;

/// <summary>
/// Where recordings live and how they are named: <c>localization/audio/&lt;language&gt;/&lt;file&gt;</c>, a file of
/// letters, digits, '.', '_' or '-' ending in .mp3 or .wav, referenced from a text as <c>audio: audio/my/menu.intro.mp3</c>
/// and served at <c>/voice/audio/my/menu.intro.mp3</c>. Nothing else is ever served, so a name can never leave the folder.
/// </summary>
public static class AudioPaths
{
    /// <summary>The folder inside localization/ that holds one folder of recordings per language.</summary>
    public const string Folder = "audio";

    /// <summary>True for <c>audio/&lt;language&gt;/&lt;file&gt;</c> with a file name <see cref="IsAudioFileName"/> accepts.</summary>
    public static bool IsAudioPath(string path, string language)
    {
        ArgumentNullException.ThrowIfNull(path);
        var prefix = $"{Folder}/{language}/";
        return path.StartsWith(prefix, StringComparison.Ordinal) && IsAudioFileName(path[prefix.Length..]);
    }

    /// <summary>A recording's file name: letters, digits, '.', '_' or '-', not starting with '.', ending in .mp3 or .wav.</summary>
    public static bool IsAudioFileName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.Length is > 4 and <= 120 && name[0] != '.'
            && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-')
            && ContentType(name) is not null;
    }

    /// <summary>A language code as it names a folder: 2 to 8 lowercase ASCII letters (my, km, pwo).</summary>
    public static bool IsLanguageCode(string code) =>
        code is { Length: >= 2 and <= 8 } && code.All(char.IsAsciiLetterLower);

    /// <summary>audio/mpeg for .mp3, audio/wav for .wav, else null.</summary>
    public static string? ContentType(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.EndsWith(".mp3", StringComparison.OrdinalIgnoreCase))
        {
            return "audio/mpeg";
        }

        return name.EndsWith(".wav", StringComparison.OrdinalIgnoreCase) ? "audio/wav" : null;
    }

    /// <summary>The path a text's <c>audio</c> names, as a language and a file name; null when it is not of the served form.</summary>
    public static (string Language, string File)? Split(string? audio)
    {
        if (audio is null)
        {
            return null;
        }

        var parts = audio.Split('/');
        return parts.Length == 3 && parts[0] == Folder && IsLanguageCode(parts[1]) && IsAudioFileName(parts[2]) ? (parts[1], parts[2]) : null;
    }

    /// <summary>The conventional file of a text's recording: <c>audio/my/menu.intro.wav</c>.</summary>
    public static string For(string language, string key, string extension = ".wav") => $"{Folder}/{language}/{key}{extension}";
}
