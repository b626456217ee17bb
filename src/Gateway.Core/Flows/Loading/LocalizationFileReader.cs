using System.Globalization;
using Gateway.Core.Cases;
using Gateway.Core.Localization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Flows.Loading;

/// <summary>Reads localization/&lt;code&gt;.yaml.</summary>
internal static class LocalizationFileReader
{
    public static readonly string[] FileFields = ["language", "name", "script", "fallback", "max_fact_age_days", "speech", "discreet_words", "texts"];
    public static readonly string[] SpeechFields = ["language", "voice"];
    public static readonly string[] TextFields = ["text", "sms", "ussd", "chat", "voice", "status", "reviewer", "reviewed_on", "source", "fact", "verified_on", "audio", "audio_status", "purpose", "promise", "otherwise", "discreet"];

    public static LanguageCatalog? Read(YamlFile file, YamlFile.Map root, string expectedCode)
    {
        root.AllowOnly("A language file", FileFields);
        var code = root.RequiredText("language", "The language code (language)");
        var name = root.RequiredText("name", "The language's name in its own script (name)");
        if (code is null || name is null)
        {
            return null;
        }

        if (code != expectedCode)
        {
            file.Findings.Error("language.code", file.At(root["language"]!), $"this file is named {expectedCode}.yaml but says \"language: {code}\"; the two must match.");
        }

        var maxAge = 365;
        if (root.Text("max_fact_age_days", "max_fact_age_days") is { } ageText
            && !int.TryParse(ageText, NumberStyles.None, CultureInfo.InvariantCulture, out maxAge))
        {
            file.Findings.Error("field.value", file.At(root["max_fact_age_days"]!), $"max_fact_age_days should be a number of days, not \"{ageText}\".");
            maxAge = 365;
        }

        SpeechVoice? speech = null;
        if (root["speech"] is not null && file.AsMap(root["speech"], "speech") is { } speechMap)
        {
            speechMap.AllowOnly("The speech voice", SpeechFields);
            if (speechMap.RequiredText("language", "The voice's language tag (language, e.g. th-TH)") is { } tag)
            {
                speech = new SpeechVoice(tag, speechMap.Text("voice", "voice"));
            }
        }

        var texts = new Dictionary<string, TextEntry>(StringComparer.Ordinal);
        if (file.AsMap(root["texts"], "texts") is { } textMap)
        {
            foreach (var (key, keyNode, value) in textMap.Entries)
            {
                if (ReadText(file, code, key, keyNode, value) is { } entry)
                {
                    texts[key] = entry;
                }
            }
        }

        return new LanguageCatalog
        {
            Code = code,
            Name = name,
            Script = root.Text("script", "script"),
            Fallback = file.AsTextList(root["fallback"], "fallback"),
            MaxFactAgeDays = maxAge,
            Speech = speech,
            DiscreetWords = root["discreet_words"] is null ? [] : file.AsTextList(root["discreet_words"], "discreet_words"),
            Texts = texts,
            Location = root.Location,
        };
    }

    private static TextEntry? ReadText(YamlFile file, string language, string key, YamlNode keyNode, YamlNode value)
    {
        var at = file.At(keyNode);
        if (value is YamlScalarNode scalar)
        {
            // The short form `key: "text"` is a draft with no metadata.
            return new TextEntry { Key = key, Text = scalar.Value ?? string.Empty, Location = at };
        }

        var map = file.AsMap(value, $"Text \"{key}\"");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly($"Text \"{key}\"", TextFields);
        var text = map.RequiredText("text", $"Text \"{key}\" has no words: its \"text\"");
        if (text is null)
        {
            return null;
        }

        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var channel in (string[])["sms", "ussd", "chat", "voice"])
        {
            if (map.Text(channel, channel) is { } variant)
            {
                variants[channel] = variant;
            }
        }

        var statusText = map.Text("status", "status") ?? "draft";
        var status = TextStatus.Draft;
        if (statusText == "reviewed")
        {
            status = TextStatus.Reviewed;
        }
        else if (statusText != "draft")
        {
            file.Findings.Error("field.value", file.At(map["status"]!), $"status \"{statusText}\" is unknown: use draft or reviewed.");
        }

        var reviewer = map.Text("reviewer", "reviewer");
        var reviewedOn = DirectoryFileReader.ReadDate(file, map, "reviewed_on");
        if (status == TextStatus.Reviewed && (string.IsNullOrWhiteSpace(reviewer) || reviewedOn is null))
        {
            file.Findings.Error("text.review", file.At(map["status"]!), $"text \"{key}\" is marked reviewed, so it needs the reviewer's name (reviewer) and the date (reviewed_on).");
            status = TextStatus.Draft;
        }

        var audio = map.Text("audio", "audio");
        if (audio is not null && !AudioPaths.IsAudioPath(audio, language))
        {
            file.Findings.Error("text.audio", file.At(map["audio"]!), $"the recording of \"{key}\" must be a file in audio/{language}/ ending in .mp3 or .wav, e.g. audio/{language}/{key}.mp3, not \"{audio}\".");
            audio = null;
        }

        var audioStatus = AudioStatus.Recorded;
        if (map.Text("audio_status", "audio_status") is { } audioStatusText)
        {
            if (audioStatusText == "synthetic")
            {
                audioStatus = AudioStatus.Synthetic;
            }
            else if (audioStatusText != "recorded")
            {
                file.Findings.Error("field.value", file.At(map["audio_status"]!), $"audio_status \"{audioStatusText}\" is unknown: use recorded (a person read it) or synthetic (a placeholder made by gateway audio synth).");
            }

            if (audio is null && map["audio"] is null)
            {
                file.Findings.Error("field.missing", file.At(map["audio_status"]!), $"text \"{key}\" has audio_status but no recording (audio); add audio: audio/{language}/{key}.mp3 or remove audio_status.");
            }
        }

        TextPurpose? purpose = null;
        if (map.Text("purpose", "purpose") is { } purposeText)
        {
            if (language != TextCatalog.DefaultLanguage)
            {
                file.Findings.Error("text.purpose", file.At(map["purpose"]!), $"text \"{key}\" gives a purpose here, but purposes are written once, in localization/en.yaml, so that every language shares one; remove it from this file.");
            }
            else if (TextPurposes.TryParse(purposeText, out var parsed))
            {
                purpose = parsed;
            }
            else
            {
                file.Findings.Error("text.purpose", file.At(map["purpose"]!), $"purpose \"{purposeText}\" of text \"{key}\" is unknown: use one of {string.Join(", ", TextPurposes.All.Select(p => p.Name()))} (docs/content.md explains each).");
            }
        }

        var promise = map.Text("promise", "promise");
        var otherwise = map.Text("otherwise", "otherwise");
        if ((promise is not null || otherwise is not null) && language != TextCatalog.DefaultLanguage)
        {
            file.Findings.Error("text.promise", file.At(map[promise is not null ? "promise" : "otherwise"]!), $"text \"{key}\" gives a promise here, but promises are written once, in localization/en.yaml, so that every language keeps the same one; remove it from this file.");
            (promise, otherwise) = (null, null);
        }
        else if (promise is not null && !PagingOutlook.Promises.Contains(promise))
        {
            file.Findings.Error("text.promise", file.At(map["promise"]!), $"promise \"{promise}\" of text \"{key}\" is unknown: use page (someone is paged about the request) or ngo (an NGO that speaks the person's language is).");
            promise = null;
        }
        else if ((promise is null) != (otherwise is null))
        {
            file.Findings.Error("text.promise", file.At(map[promise is null ? "otherwise" : "promise"]!), $"text \"{key}\" needs both \"promise:\" and \"otherwise:\" (the key of the true sentence sent when nobody can be paged), or neither.");
            (promise, otherwise) = (null, null);
        }

        return new TextEntry
        {
            Key = key,
            Text = text,
            Variants = variants,
            Discreet = map.Text("discreet", "discreet"),
            Status = status,
            Reviewer = reviewer,
            ReviewedOn = reviewedOn,
            Source = map.Text("source", "source"),
            Fact = map.Text("fact", "fact"),
            VerifiedOn = DirectoryFileReader.ReadDate(file, map, "verified_on"),
            Audio = audio,
            AudioStatus = audioStatus,
            Purpose = purpose,
            Promise = promise,
            Otherwise = otherwise,
            Location = at,
        };
    }
}
