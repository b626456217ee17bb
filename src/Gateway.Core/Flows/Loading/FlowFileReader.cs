using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Gateway.Core.Flows.Loading;

/// <summary>Reads a flow file (a file in flows/ with a top-level <c>flow:</c>) into a <see cref="FlowDefinition"/>.</summary>
internal static class FlowFileReader
{
    public static readonly string[] FlowFields = ["flow", "start", "idle_expiry", "states"];
    public static readonly string[] StateFields = ["say", "options", "input", "do", "go", "if_known", "end", "keywords"];
    public static readonly string[] OptionFields = ["key", "text", "go", "set", "also", "do"];
    public static readonly string[] InputFields = ["save_as", "go"];

    public static FlowDefinition? Read(YamlFile file, YamlFile.Map root)
    {
        root.AllowOnly("A flow", FlowFields);
        var id = root.RequiredText("flow", "The flow's name");
        var start = root.RequiredText("start", "The flow's first state");
        var expiry = ReadExpiry(file, root);
        var statesMap = file.AsMap(root["states"], "states");
        if (id is null || start is null || statesMap is null)
        {
            if (statesMap is null && !root.Has("states"))
            {
                file.Findings.Error("field.missing", root.Location, "The flow has no states: add \"states:\" with at least one state.");
            }

            return null;
        }

        var states = new Dictionary<string, StateDefinition>(StringComparer.Ordinal);
        foreach (var (name, key, value) in statesMap.Entries)
        {
            var state = ReadState(file, id, name, file.At(key), value);
            if (state is not null)
            {
                states[name] = state;
            }
        }

        return new FlowDefinition
        {
            Id = id,
            Start = start,
            IdleExpiry = expiry,
            States = states,
            Location = root.Location,
            StartLocation = file.At(root["start"]!),
        };
    }

    private static TimeSpan ReadExpiry(YamlFile file, YamlFile.Map root)
    {
        var text = root.Text("idle_expiry", "idle_expiry");
        if (text is null)
        {
            return TimeSpan.FromMinutes(30);
        }

        if (TryParseDuration(text, out var duration))
        {
            return duration;
        }

        file.Findings.Error("field.value", file.At(root["idle_expiry"]!), $"idle_expiry \"{text}\" is not a duration: write a number and a unit, like 15m, 2h or 1d.");
        return TimeSpan.FromMinutes(30);
    }

    public static bool TryParseDuration(string text, out TimeSpan duration)
    {
        duration = default;
        text = text.Trim();
        if (text.Length < 2 || !int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        duration = text[^1] switch
        {
            's' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMinutes(amount),
            'h' => TimeSpan.FromHours(amount),
            'd' => TimeSpan.FromDays(amount),
            _ => TimeSpan.Zero,
        };
        return duration > TimeSpan.Zero;
    }

    private static StateDefinition? ReadState(YamlFile file, string flow, string name, SourceLocation at, YamlNode node)
    {
        var map = file.AsMap(node, $"State \"{name}\"");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly($"State \"{name}\"", StateFields);
        var options = new List<OptionDefinition>();
        foreach (var item in file.AsList(map["options"], "options"))
        {
            if (ReadOption(file, item) is { } option)
            {
                options.Add(option);
            }
        }

        InputDefinition? input = null;
        if (file.AsMap(map["input"], "input") is { } inputMap)
        {
            inputMap.AllowOnly("input", InputFields);
            var saveAs = inputMap.RequiredText("save_as", "The name of the variable that keeps the answer (save_as)");
            var go = inputMap.RequiredText("go", "The state after the answer (go)");
            if (saveAs is not null && go is not null)
            {
                input = new InputDefinition { SaveAs = saveAs, Go = StateTarget.Parse(go, file.At(inputMap["go"]!)), Location = inputMap.Location };
            }
        }

        var goText = map.Text("go", "go");
        var endText = map.Text("end", "end");
        var end = false;
        if (endText is not null && !bool.TryParse(endText, out end))
        {
            file.Findings.Error("field.value", file.At(map["end"]!), $"end should be true or false, not \"{endText}\".");
        }

        var qualified = $"{flow}:{name}";
        return new StateDefinition
        {
            Flow = flow,
            Name = name,
            QualifiedName = qualified,
            Say = ReadTexts(file, map["say"]),
            Options = options,
            Input = input,
            Actions = ReadActions(file, map["do"]),
            Go = goText is null ? null : StateTarget.Parse(goText, file.At(map["go"]!)),
            IfKnown = ReadIfKnown(file, map["if_known"]),
            End = end,
            Keywords = KeywordFileReader.ReadList(file, map["keywords"], qualified),
            Location = at,
        };
    }

    /// <summary>Reads <c>if_known: { country: menu }</c>: a fact and the state to go to when it is known, in order.</summary>
    private static List<IfKnownDefinition> ReadIfKnown(YamlFile file, YamlNode? node)
    {
        var result = new List<IfKnownDefinition>();
        if (file.AsMap(node, "if_known", required: false) is not { } map)
        {
            return result;
        }

        foreach (var (fact, key, value) in map.Entries)
        {
            if (file.AsText(value, $"if_known {fact}") is { Length: > 0 } target)
            {
                result.Add(new IfKnownDefinition(fact, StateTarget.Parse(target, file.At(value)), file.At(key)));
            }
        }

        return result;
    }

    private static OptionDefinition? ReadOption(YamlFile file, YamlNode node)
    {
        var map = file.AsMap(node, "An option");
        if (map is null)
        {
            return null;
        }

        map.AllowOnly("An option", OptionFields);
        var keyText = map.RequiredText("key", "The option's number (key)");
        var text = map.RequiredText("text", "The option's text (text)");
        var go = map.RequiredText("go", "The state the option leads to (go)");
        if (keyText is null || text is null || go is null)
        {
            return null;
        }

        if (!int.TryParse(keyText, NumberStyles.None, CultureInfo.InvariantCulture, out var key))
        {
            file.Findings.Error("option.number", file.At(map["key"]!), $"an option's key must be a number like 1, 2 or 3, not \"{keyText}\".");
            return null;
        }

        var set = new Dictionary<string, string>(StringComparer.Ordinal);
        if (file.AsMap(map["set"], "set", required: false) is { } setMap)
        {
            foreach (var (name, _, value) in setMap.Entries)
            {
                set[name] = file.AsText(value, $"set {name}") ?? string.Empty;
            }
        }

        return new OptionDefinition
        {
            Key = key,
            Text = new TextRef(text, file.At(map["text"]!)),
            Go = StateTarget.Parse(go, file.At(map["go"]!)),
            Set = set,
            Also = KeywordFileReader.ReadWords(file, map["also"], "also"),
            Actions = ReadActions(file, map["do"]),
            Location = map.Location,
            KeyLocation = file.At(map["key"]!),
        };
    }

    public static IReadOnlyList<TextRef> ReadTexts(YamlFile file, YamlNode? node)
    {
        var result = new List<TextRef>();
        foreach (var item in file.AsList(node, "say"))
        {
            if (file.AsText(item, "a text key") is { Length: > 0 } key)
            {
                result.Add(new TextRef(key, file.At(item)));
            }
        }

        return result;
    }

    /// <summary>
    /// Reads <c>do:</c>: each item is an action name (<c>- end</c>) or one name with its arguments
    /// (<c>- open_report: { category: labour }</c>, <c>- set_language: my</c>).
    /// </summary>
    public static IReadOnlyList<ActionDefinition> ReadActions(YamlFile file, YamlNode? node)
    {
        var result = new List<ActionDefinition>();
        foreach (var item in file.AsList(node, "do"))
        {
            switch (item)
            {
                case YamlScalarNode scalar when !string.IsNullOrEmpty(scalar.Value):
                    result.Add(new ActionDefinition { Type = scalar.Value, Location = file.At(item) });
                    break;
                case YamlMappingNode { Children.Count: 1 } mapping:
                    var (key, value) = mapping.Children.First();
                    var args = new Dictionary<string, LocatedWord>(StringComparer.Ordinal);
                    if (value is YamlScalarNode { Value: { Length: > 0 } single })
                    {
                        args["value"] = new LocatedWord(single, file.At(value));
                    }
                    else if (file.AsMap(value, "the action's arguments", required: false) is { } argMap)
                    {
                        foreach (var (name, _, argValue) in argMap.Entries)
                        {
                            if (file.AsWord(argValue, name) is { } word)
                            {
                                args[name] = word;
                            }
                        }
                    }

                    result.Add(new ActionDefinition { Type = ((YamlScalarNode)key).Value ?? string.Empty, Args = args, Location = file.At(key) });
                    break;
                default:
                    file.Findings.Error("action.shape", file.At(item), "each action is written as \"- name\" or \"- name: value\" (one action per line).");
                    break;
            }
        }

        return result;
    }
}
