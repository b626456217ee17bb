using System.Globalization;

namespace Gateway.Core.Contacts;

/// <summary>
/// When a contact answers, read from the <c>hours</c> a directory entry writes. The forms are "unknown", "24/7",
/// and one or more ranges of days and times separated by ", " or ";": the days are a day or a span of days
/// (Mon, Mon-Fri, Fri-Mon) or "Daily", and may be left out to mean every day; the times are 24-hour
/// HH:MM-HH:MM, where an end at or before the start runs past midnight into the next day.
/// </summary>
/// <example><c>Mon-Fri 08:30-16:30; Sat 09:00-12:00</c>, <c>Daily 20:00-02:00</c>, <c>08:00-20:00</c>.</example>
public sealed class OpeningHours
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    private readonly IReadOnlyList<Range> _ranges;

    private OpeningHours(string text, bool always, IReadOnlyList<Range> ranges)
    {
        Text = text;
        IsAlways = always;
        _ranges = ranges;
    }

    /// <summary>The hours as the directory writes them.</summary>
    public string Text { get; }

    /// <summary>True for "24/7" and for "unknown": a contact whose hours nobody knows is never skipped for being closed.</summary>
    public bool IsAlways { get; }

    /// <summary>Reads <paramref name="text"/>; on failure <paramref name="problem"/> says what is wrong, for an editor.</summary>
    public static bool TryParse(string? text, out OpeningHours hours, out string? problem)
    {
        text = text?.Trim();
        problem = null;
        if (string.IsNullOrEmpty(text) || text.Equals("unknown", StringComparison.OrdinalIgnoreCase) || text == "24/7")
        {
            hours = new OpeningHours(string.IsNullOrEmpty(text) ? "unknown" : text, always: true, []);
            return true;
        }

        var ranges = new List<Range>();
        foreach (var part in text.Split([',', ';'], StringSplitOptions.TrimEntries))
        {
            if (!TryParseRange(part, out var range, out problem))
            {
                hours = new OpeningHours(text, always: true, []);
                return false;
            }

            ranges.Add(range);
        }

        hours = new OpeningHours(text, always: false, ranges);
        return true;
    }

    /// <summary>Whether the contact answers at <paramref name="localTime"/>, a time in the contact's own time zone.</summary>
    public bool IsOpenAt(DateTime localTime)
    {
        if (IsAlways)
        {
            return true;
        }

        var day = (int)localTime.DayOfWeek;
        var previous = (day + 6) % 7;
        var minute = (localTime.Hour * 60) + localTime.Minute;
        foreach (var range in _ranges)
        {
            if (range.End > range.Start)
            {
                if (range.Days[day] && minute >= range.Start && minute < range.End)
                {
                    return true;
                }
            }
            else if ((range.Days[day] && minute >= range.Start) || (range.Days[previous] && minute < range.End))
            {
                return true;
            }
        }

        return false;
    }

    public override string ToString() => Text;

    private static bool TryParseRange(string part, out Range range, out string? problem)
    {
        range = default;
        var pieces = part.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (pieces.Length is 0 or > 2)
        {
            problem = $"\"{part}\" should be days and times, like Mon-Fri 08:30-16:30";
            return false;
        }

        var days = new bool[7];
        if (pieces.Length == 1)
        {
            Array.Fill(days, true);
        }
        else if (!TryParseDays(pieces[0], days, out problem))
        {
            return false;
        }

        var times = pieces[^1].Split('-');
        if (times.Length != 2 || !TryParseTime(times[0], out var start) || !TryParseTime(times[1], out var end) || start == 24 * 60)
        {
            problem = $"\"{pieces[^1]}\" should be two 24-hour times, like 08:30-16:30";
            return false;
        }

        range = new Range(days, start, end);
        problem = null;
        return true;
    }

    private static bool TryParseDays(string text, bool[] days, out string? problem)
    {
        problem = null;
        if (text.Equals("Daily", StringComparison.OrdinalIgnoreCase))
        {
            Array.Fill(days, true);
            return true;
        }

        var ends = text.Split('-');
        var first = ends.Length is 1 or 2 ? DayIndex(ends[0]) : -1;
        var last = ends.Length == 2 ? DayIndex(ends[1]) : first;
        if (first < 0 || last < 0)
        {
            problem = $"\"{text}\" should be a day or days, like Mon, Mon-Fri or Daily (days are Mon, Tue, Wed, Thu, Fri, Sat, Sun)";
            return false;
        }

        for (var day = first; ; day = (day + 1) % 7)
        {
            days[day] = true;
            if (day == last)
            {
                return true;
            }
        }
    }

    private static int DayIndex(string name) =>
        Array.FindIndex(DayNames, d => d.Equals(name, StringComparison.OrdinalIgnoreCase));

    private static bool TryParseTime(string text, out int minutes)
    {
        minutes = 0;
        if (text.Length != 5 || text[2] != ':'
            || !int.TryParse(text.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(text.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || minute > 59 || hour > 24 || (hour == 24 && minute != 0))
        {
            return false;
        }

        minutes = (hour * 60) + minute;
        return true;
    }

    /// <summary>Days the range starts on (Sunday first) and its minutes after midnight; End ≤ Start runs past midnight.</summary>
    private readonly record struct Range(bool[] Days, int Start, int End);
}
