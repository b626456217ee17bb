using Gateway.Core.Localization;
using Gateway.Web.Messaging;

namespace Gateway.Web.Voice;

/// <summary>
/// The recordings under localization/audio/: which exist, and the URL a call plays them from
/// (<c>/voice/audio/&lt;language&gt;/&lt;file&gt;</c>). Only names of the form <see cref="AudioPaths"/> allows are ever
/// looked up, so no request can reach a file outside the folder.
/// </summary>
public sealed class VoiceAudio(FlowHost flows)
{
    public const string PathPrefix = "/voice/audio";

    /// <summary>localization/audio.</summary>
    public string Folder => Path.Combine(flows.LocalizationPath, AudioPaths.Folder);

    /// <summary>The full path of a recording that exists, or null for a name not of the served form or a missing file.</summary>
    public string? Find(string language, string file)
    {
        if (!AudioPaths.IsLanguageCode(language) || !AudioPaths.IsAudioFileName(file))
        {
            return null;
        }

        var folder = Path.GetFullPath(Folder);
        var path = Path.GetFullPath(Path.Combine(folder, language, file));

        // The name's form already rules this out; checked again because it is what keeps the rest of the disk private.
        return path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal) && File.Exists(path) ? path : null;
    }

    /// <summary>Where a call plays the recording of <paramref name="entry"/>, or null when it has none on disk.</summary>
    public Uri? UrlFor(TextEntry entry, Uri baseUrl)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return AudioPaths.Split(entry.Audio) is { } split && Find(split.Language, split.File) is not null
            ? new Uri(baseUrl, $"{PathPrefix}/{split.Language}/{split.File}")
            : null;
    }
}
