using System.Globalization;
using Gateway.Core.Contacts;

namespace Gateway.Core.Flows.Loading;

/// <summary>Reads flows/directory.yaml: hotlines, NGOs and operation centres.</summary>
internal static class DirectoryFileReader
{
    public static readonly string[] FileFields = ["contacts"];
    public static readonly string[] EntryFields = ["id", "name", "names", "kind", "country", "number", "page_number", "placeholder", "languages", "categories", "provinces", "hours", "source", "note", "verified_on"];
    public static readonly string[] Kinds = ["hotline", "ngo", "operation_centre", "police", "agency"];

    public static IReadOnlyList<DirectoryEntry> Read(YamlFile file, YamlFile.Map root)
    {
        root.AllowOnly("directory.yaml", FileFields);
        var result = new List<DirectoryEntry>();
        foreach (var item in file.AsList(root["contacts"], "contacts"))
        {
            var map = file.AsMap(item, "A contact");
            if (map is null)
            {
                continue;
            }

            map.AllowOnly("A contact", EntryFields);
            var id = map.RequiredText("id", "The contact's id");
            var name = map.RequiredText("name", "The contact's name");
            var kind = map.RequiredText("kind", "The kind of contact (hotline, ngo, operation_centre, police, agency)");
            var country = map.RequiredText("country", "The country the contact serves (TH, KH, LA, VN or MM)");
            if (id is null || name is null || kind is null || country is null)
            {
                continue;
            }

            if (Array.IndexOf(Kinds, kind) < 0)
            {
                file.Findings.Error("field.value", file.At(map["kind"]!), $"kind \"{kind}\" is unknown: use {string.Join(", ", Kinds)}.");
            }

            if (!CountryCodes.IsKnown(country))
            {
                file.Findings.Error("field.value", file.At(map["country"]!), $"country \"{country}\" is unknown: use one of {string.Join(", ", CountryCodes.Known)}.");
            }

            var number = map.Text("number", "number");
            if (string.Equals(number, "placeholder", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(number))
            {
                number = null;
            }

            var pageNumber = map.Text("page_number", "page_number");
            if (string.Equals(pageNumber, "placeholder", StringComparison.OrdinalIgnoreCase) || string.IsNullOrWhiteSpace(pageNumber))
            {
                pageNumber = null;
            }

            result.Add(new DirectoryEntry
            {
                Id = id,
                Name = name,
                Names = ReadNames(file, map),
                NamesLocation = map.Has("names") ? file.At(map["names"]!) : map.Location,
                Kind = kind,
                Country = country,
                Number = number,
                PageNumber = pageNumber,
                Placeholder = map.Text("placeholder", "placeholder"),
                Languages = file.AsTextList(map["languages"], "languages"),
                Categories = file.AsTextList(map["categories"], "categories"),
                Provinces = file.AsTextList(map["provinces"], "provinces"),
                Hours = map.Text("hours", "hours") ?? "unknown",
                Source = map.Text("source", "source"),
                Note = map.Text("note", "note"),
                VerifiedOn = ReadDate(file, map, "verified_on"),
                Location = map.Location,
                NumberLocation = map.Has("number") ? file.At(map["number"]!) : map.Location,
                PageNumberLocation = map.Has("page_number") ? file.At(map["page_number"]!) : map.Location,
                HoursLocation = map.Has("hours") ? file.At(map["hours"]!) : map.Location,
            });
        }

        return result;
    }

    /// <summary>The <c>names</c> map: a name per language code, each a non-empty text.</summary>
    private static Dictionary<string, string> ReadNames(YamlFile file, YamlFile.Map map)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!map.Has("names") || file.AsMap(map["names"], "names (a name per language, e.g. th: สายด่วน 1300)") is not { } languages)
        {
            return names;
        }

        foreach (var (language, _, value) in languages.Entries)
        {
            if (file.AsText(value, $"the {language} name") is { Length: > 0 } name)
            {
                names[language] = name.Trim();
            }
        }

        return names;
    }

    public static DateOnly? ReadDate(YamlFile file, YamlFile.Map map, string field)
    {
        var text = map.Text(field, field);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        file.Findings.Error("field.value", file.At(map[field]!), $"{field} \"{text}\" is not a date: write it as year-month-day, like 2026-11-25.");
        return null;
    }
}
