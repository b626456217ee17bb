using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Gateway.Core.Text;

namespace ZawgyiModelBuilder;

/// <summary>Unicode Burmese text found on a Debian machine with .NET, ICU, GTK 2 and iso-codes installed.</summary>
internal static partial class Corpus
{
    private const string LocaleDirectory = "/usr/share/locale/my/LC_MESSAGES";
    private const string GlibcLocale = "/usr/share/i18n/locales/my_MM";

    /// <summary>Every source, by name, each a list of lines that contain Myanmar letters.</summary>
    public static IReadOnlyList<(string Source, IReadOnlyList<string> Lines)> Burmese()
    {
        var sources = new List<(string, IReadOnlyList<string>)>();
        if (Directory.Exists(LocaleDirectory))
        {
            foreach (var file in Directory.GetFiles(LocaleDirectory, "*.mo").Order(StringComparer.Ordinal))
            {
                sources.Add((Path.GetFileName(file), Keep(MoTranslations(file))));
            }
        }

        if (File.Exists(GlibcLocale))
        {
            sources.Add(("glibc my_MM", Keep(GlibcStrings(File.ReadAllText(GlibcLocale)))));
        }

        sources.Add(("ICU via .NET", Keep(DotNetStrings())));
        sources.Add(("written phrases", Keep(Samples.BurmesePhrases)));
        return sources;
    }

    /// <summary>Lines with at least one Myanmar letter or sign, without duplicates.</summary>
    private static string[] Keep(IEnumerable<string> lines) =>
        [.. lines
            .Select(l => l.Replace('\n', ' ').Trim())
            .Where(l => l.Any(ZawgyiModel.IsMyanmarNonDigit))
            .Distinct(StringComparer.Ordinal)];

    /// <summary>The translated strings of a GNU gettext catalogue.</summary>
    private static IEnumerable<string> MoTranslations(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var count = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        var translations = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(16));
        for (var i = 0; i < count; i++)
        {
            var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(translations + (8 * i)));
            var offset = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(translations + (8 * i) + 4));
            foreach (var form in Encoding.UTF8.GetString(bytes, offset, length).Split('\0'))
            {
                yield return form;
            }
        }
    }

    /// <summary>The quoted strings of a glibc locale source, where characters are written &lt;Uxxxx&gt;.</summary>
    private static IEnumerable<string> GlibcStrings(string source) =>
        QuotedUnicode().Matches(source).Select(m =>
            string.Concat(UnicodeEscape().Matches(m.Value).Select(u => (char)int.Parse(u.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture))));

    /// <summary>Names of languages, regions, time zones, months and days that ICU has in Burmese.</summary>
    private static List<string> DotNetStrings()
    {
        var previous = CultureInfo.CurrentUICulture;
        var lines = new List<string>();
        try
        {
            var burmese = new CultureInfo("my-MM");
            CultureInfo.CurrentUICulture = burmese;
            lines.AddRange(CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.DisplayName));
            lines.AddRange(TimeZoneInfo.GetSystemTimeZones().SelectMany(z => new[] { z.DisplayName, z.StandardName, z.DaylightName }));
            var format = burmese.DateTimeFormat;
            lines.AddRange(format.MonthNames.Concat(format.AbbreviatedMonthNames).Concat(format.DayNames).Concat(format.AbbreviatedDayNames));
            lines.Add(burmese.NativeName);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }

        return lines;
    }

    [GeneratedRegex("\"(?:<U[0-9A-F]{4}>)+\"")]
    private static partial Regex QuotedUnicode();

    [GeneratedRegex("<U([0-9A-F]{4})>")]
    private static partial Regex UnicodeEscape();
}
