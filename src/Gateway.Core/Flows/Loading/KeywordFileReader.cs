using System.Globalization;
using Gateway.Core.Localization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Flows.Loading;

/// <summary>Reads flows/keywords.yaml and the keywords scoped to a state.</summary>
internal static class KeywordFileReader
{
    public static readonly string[] FileFields = ["start", "keywords"];
    public static readonly string[] StartFields = ["first_contact", "returning", "menu"];
    public static readonly string[] KeywordFields = ["id", "kind", "argument", "words", "say", "do", "go", "menu"];
    public static readonly string[] MenuFields = ["key", "text", "channels", "keys"];

    public static (RoutingDefinition? Routing, IReadOnlyList<KeywordDefinition> Keywords) Read(YamlFile file, YamlFile.Map root)
    {
        root.AllowOnly("keywords.yaml", FileFields);
        RoutingDefinition? routing = null;
        if (file.AsMap(root["start"], "start") is { } start)
        {
            start.AllowOnly("start", StartFields);
            var first = start.RequiredText("first_contact", "Where a person never seen before starts (first_contact)");
            var returning = start.RequiredText("returning", "Where a person whose language is known starts (returning)");
            var menu = start.RequiredText("menu", "The main menu (menu)");
            if (first is not null && returning is not null && menu is not null)
            {
                routing = new RoutingDefinition(
                    StateTarget.Parse(first, file.At(start["first_contact"]!)),
                    StateTarget.Parse(returning, file.At(start["returning"]!)),
                    StateTarget.Parse(menu, file.At(start["menu"]!)));
            }
        }
        else
        {
            file.Findings.Error("field.missing", root.Location, "keywords.yaml needs a \"start:\" block naming first_contact, returning and menu.");
        }

        return (routing, ReadList(file, root["keywords"], scope: null));
    }

    public static IReadOnlyList<KeywordDefinition> ReadList(YamlFile file, YamlNode? node, string? scope)
    {
        var result = new List<KeywordDefinition>();
        foreach (var item in file.AsList(node, "keywords"))
        {
            var map = file.AsMap(item, "A keyword");
            if (map is null)
            {
                continue;
            }

            map.AllowOnly("A keyword", KeywordFields);
            var id = map.RequiredText("id", "The keyword's name (id)");
            if (id is null)
            {
                continue;
            }

            var kindText = map.Text("kind", "kind") ?? "flow";
            var kind = kindText switch
            {
                "flow" => KeywordKind.Flow,
                "opt_out" => KeywordKind.OptOut,
                "opt_in" => KeywordKind.OptIn,
                "help" => KeywordKind.Help,
                "call_back" => KeywordKind.CallBack,
                _ => Bad(file, map, "kind", $"kind \"{kindText}\" is unknown: use flow, opt_out, opt_in, help or call_back.", KeywordKind.Flow),
            };
            var argumentText = map.Text("argument", "argument") ?? "none";
            var argument = argumentText switch
            {
                "none" => KeywordArgument.None,
                "minutes" => KeywordArgument.Minutes,
                "reference" => KeywordArgument.Reference,
                "phone_number" => KeywordArgument.PhoneNumber,
                _ => Bad(file, map, "argument", $"argument \"{argumentText}\" is unknown: use none, minutes, reference or phone_number.", KeywordArgument.None),
            };
            var go = map.Text("go", "go");
            result.Add(new KeywordDefinition
            {
                Id = id,
                Kind = kind,
                Argument = argument,
                Words = ReadWords(file, map["words"], "words"),
                Say = FlowFileReader.ReadTexts(file, map["say"]),
                Actions = FlowFileReader.ReadActions(file, map["do"]),
                Go = go is null ? null : StateTarget.Parse(go, file.At(map["go"]!)),
                Menu = ReadMenu(file, map, id, scope),
                Scope = scope,
                Location = map.Location,
            });
        }

        return result;
    }

    /// <summary>Reads <c>en: [SOS, HELP ME]</c> style lists of words per language.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<LocatedWord>> ReadWords(YamlFile file, YamlNode? node, string what)
    {
        var result = new Dictionary<string, IReadOnlyList<LocatedWord>>(StringComparer.Ordinal);
        if (file.AsMap(node, what, required: false) is not { } map)
        {
            return result;
        }

        foreach (var (language, _, value) in map.Entries)
        {
            var words = new List<LocatedWord>();
            foreach (var item in file.AsList(value, $"{what} for {language}"))
            {
                if (file.AsWord(item, "a word") is { Text.Length: > 0 } word)
                {
                    words.Add(word);
                }
            }

            result[language] = words;
        }

        return result;
    }

    /// <summary>Reads <c>menu: { key: 99, text: menu.sos, channels: [ussd, voice, chat], keys: { voice: 0 } }</c>.</summary>
    private static KeywordMenu? ReadMenu(YamlFile file, YamlFile.Map keyword, string id, string? scope)
    {
        if (keyword["menu"] is null)
        {
            return null;
        }

        if (scope is not null)
        {
            file.Findings.Error("keyword.menu_key", file.At(keyword["menu"]!), $"keyword \"{id}\" is listed under one state, so it cannot be an option on every menu; move its \"menu:\" to flows/keywords.yaml.");
            return null;
        }

        if (file.AsMap(keyword["menu"], "menu") is not { } map)
        {
            return null;
        }

        map.AllowOnly("A keyword's menu", MenuFields);
        var keyText = map.RequiredText("key", "The option's number (key)");
        var text = map.RequiredText("text", "The option's text (text)");
        if (keyText is null || text is null)
        {
            return null;
        }

        if (!int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            file.Findings.Error("keyword.menu_key", file.At(map["key"]!), $"the menu key of keyword \"{id}\" must be a number like 99, not \"{keyText}\".");
            return null;
        }

        var channels = new List<Channel>();
        foreach (var item in file.AsList(map["channels"], "channels"))
        {
            if (file.AsText(item, "a channel") is not { } name)
            {
                continue;
            }

            if (ChannelNames.TryParse(name, out var channel))
            {
                channels.Add(channel);
            }
            else
            {
                file.Findings.Error("field.value", file.At(item), $"there is no channel \"{name}\"; use sms, ussd, voice or chat.");
            }
        }

        if (map["channels"] is null)
        {
            file.Findings.Error("field.missing", map.Location, $"the menu of keyword \"{id}\" needs \"channels:\", the channels whose menus show it, e.g. [ussd, voice, chat].");
        }

        var keys = new Dictionary<Channel, int>();
        var keyLocations = new Dictionary<Channel, SourceLocation>();
        if (map["keys"] is not null && file.AsMap(map["keys"], "keys") is { } perChannel)
        {
            foreach (var (name, nameNode, value) in perChannel.Entries)
            {
                if (!ChannelNames.TryParse(name, out var channel))
                {
                    file.Findings.Error("field.value", file.At(nameNode), $"there is no channel \"{name}\"; use sms, ussd, voice or chat.");
                }
                else if (file.AsText(value, "a key") is { } number && int.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var channelKey))
                {
                    keys[channel] = channelKey;
                    keyLocations[channel] = file.At(value);
                }
                else
                {
                    file.Findings.Error("keyword.menu_key", file.At(value), $"the {name} menu key of keyword \"{id}\" must be a number like 0.");
                }
            }
        }

        return new KeywordMenu
        {
            Key = key,
            Keys = keys,
            KeyLocations = keyLocations,
            Text = new TextRef(text, file.At(map["text"]!)),
            Channels = channels,
            Location = map.Location,
            KeyLocation = file.At(map["key"]!),
        };
    }

    private static T Bad<T>(YamlFile file, YamlFile.Map map, string field, string message, T fallback)
    {
        file.Findings.Error("field.value", file.At(map[field]!), message);
        return fallback;
    }
}
