using System.Globalization;
using System.Text;

namespace Gateway.Core.Content;

/// <summary>One row of a language's spreadsheet as it was read.</summary>
/// <param name="Line">The line of the file the row starts on, counting the header as line 1.</param>
/// <param name="Key">The text key.</param>
/// <param name="English">The English text, as exported.</param>
/// <param name="Text">The translation; empty leaves the language's text as it is.</param>
/// <param name="Status">The status as exported; not read back (an imported text is a draft).</param>
/// <param name="Notes">The translator's or the export's notes; not read back.</param>
public sealed record CsvRow(int Line, string Key, string English, string Text, string Status, string Notes);

/// <summary>
/// One language's texts as a spreadsheet for translators: UTF-8 with a byte order mark (so spreadsheet programs read
/// Burmese or Khmer correctly), RFC 4180 quoting, and the columns key, english, text, status, notes. Only the text
/// column is read back in; status and notes are for the translator's information.
/// </summary>
/// <example>
/// <code>
/// key,english,text,status,notes
/// menu.report,Report a problem,ပြဿနာ တိုင်ကြားရန်,draft,
/// menu.checkin,Check-in timer,,missing,readers get en
/// </code>
/// </example>
public static class TranslationCsv
{
    public static IReadOnlyList<string> Columns { get; } = ["key", "english", "text", "status", "notes"];

    /// <summary>Signs that start a formula in a spreadsheet program, in their ASCII and full-width forms.</summary>
    private const string FormulaStart = "=+-@\uFF1D\uFF0B\uFF0D\uFF20";

    /// <summary>What spreadsheet programs skip before looking for a formula sign.</summary>
    private const string LeadingBlanks = " \t\r\n";

    /// <summary>One language's rows of the translation table as CSV text, header first, lines ended with CR LF.</summary>
    public static string Write(IEnumerable<TranslationRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        var builder = new StringBuilder();
        Line(builder, Columns);
        foreach (var row in rows)
        {
            Line(builder, [row.Key, row.English ?? string.Empty, row.Entry?.Text ?? string.Empty, row.Status.ToString().ToLowerInvariant(), Notes(row)]);
        }

        return builder.ToString();
    }

    /// <summary>The CSV as bytes for a download: UTF-8 with a byte order mark.</summary>
    public static byte[] Encode(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(csv)];
    }

    /// <summary>
    /// Reads a spreadsheet saved as CSV. Throws <see cref="FormatException"/> with a sentence for the editor (the line
    /// and what to do) when the columns are wrong, a quote is never closed or a row has too many or too few cells.
    /// </summary>
    public static IReadOnlyList<CsvRow> Read(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        if (csv.Length > 0 && csv[0] == '\uFEFF')
        {
            csv = csv[1..];
        }

        var records = Parse(csv);
        if (records.Count == 0)
        {
            throw new FormatException($"The file is empty; it should start with the line {string.Join(",", Columns)}.");
        }

        var header = records[0].Cells.Select(c => c.Trim().ToLowerInvariant()).ToList();
        if (header.Count == 1 && header[0].Contains(';', StringComparison.Ordinal))
        {
            throw new FormatException("The columns are separated by semicolons; save the spreadsheet as CSV with commas (in LibreOffice: field delimiter \",\"; in Excel: \"CSV UTF-8 (comma delimited)\").");
        }

        if (!header.SequenceEqual(Columns))
        {
            throw new FormatException($"The first line names the columns {string.Join(", ", header)}; it must be exactly {string.Join(",", Columns)}, as in the exported file.");
        }

        var rows = new List<CsvRow>();
        foreach (var (line, cells) in records.Skip(1))
        {
            if (cells.Count == 1 && cells[0].Length == 0)
            {
                continue;
            }

            if (cells.Count != Columns.Count)
            {
                throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {line} has {cells.Count} cells instead of {Columns.Count}; a text with a comma must be in quotes, which spreadsheet programs do when they save as CSV."));
            }

            rows.Add(new CsvRow(line, cells[0].Trim(), Uncell(cells[1]), Uncell(cells[2]), cells[3].Trim(), Uncell(cells[4])));
        }

        return rows;
    }

    private static string Notes(TranslationRow row)
    {
        var notes = new List<string>();
        if (row.Entry is null)
        {
            notes.Add($"missing: readers get {row.ServedFrom}");
        }
        else if (row.Entry.Status == Localization.TextStatus.Reviewed)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"reviewed by {row.Entry.Reviewer} on {row.Entry.ReviewedOn:yyyy-MM-dd}"));
        }

        if (row.Sms is { Segments: > 1 } sms)
        {
            notes.Add(string.Create(CultureInfo.InvariantCulture, $"{sms.Segments} SMS"));
        }

        if (row.Entry is not null && !row.UssdFits)
        {
            notes.Add("too long for one USSD screen");
        }

        if (row.Entry?.Fact is { } fact)
        {
            notes.Add(row.Entry.VerifiedOn is { } on
                ? string.Create(CultureInfo.InvariantCulture, $"fact: {fact}, verified {on:yyyy-MM-dd}")
                : $"fact: {fact}, not verified");
        }

        return string.Join("; ", notes);
    }

    private static void Line(StringBuilder builder, IEnumerable<string> cells)
    {
        builder.AppendJoin(',', cells.Select(Cell)).Append("\r\n");
    }

    private static string Cell(string value)
    {
        // A cell that a spreadsheet program would run as a formula (= + - @, or their full-width forms, perhaps after
        // spaces, tabs or line breaks) gets an apostrophe in front, which keeps it text there; Read takes it off again.
        if (NeedsGuard(value))
        {
            value = "'" + value;
        }

        var quote = value.AsSpan().IndexOfAny(",\"\r\n") >= 0 || value.StartsWith(' ') || value.EndsWith(' ');
        return quote ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>
    /// True for a text a spreadsheet could take for a formula, and for a text that already starts with the
    /// apostrophe of one (so that a translation which really starts with an apostrophe survives the round trip).
    /// </summary>
    internal static bool NeedsGuard(string value)
    {
        var start = value.AsSpan().TrimStart('\'').TrimStart(LeadingBlanks);
        return start.Length > 0 && FormulaStart.Contains(start[0]);
    }

    private static string Uncell(string value) =>
        value.Length > 1 && value[0] == '\'' && NeedsGuard(value[1..]) ? value[1..] : value;

    private static List<(int Line, List<string> Cells)> Parse(string csv)
    {
        var records = new List<(int, List<string>)>();
        var cells = new List<string>();
        var cell = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var i = 0;
        var quoted = false;
        var wasQuoted = false;
        var quoteLine = 0;
        while (i < csv.Length)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < csv.Length && csv[i + 1] == '"')
                    {
                        cell.Append('"');
                        i += 2;
                        continue;
                    }

                    quoted = false;
                    i++;
                    continue;
                }

                if (c == '\n')
                {
                    line++;
                }

                cell.Append(c);
                i++;
                continue;
            }

            switch (c)
            {
                case '"' when cell.Length == 0 && !wasQuoted:
                    quoted = true;
                    wasQuoted = true;
                    quoteLine = line;
                    break;
                case '"':
                    throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {line} has a quote (\") inside a cell that does not start with one; write a quote inside a text as two quotes (\"\") and put the whole cell in quotes."));
                case ',':
                    cells.Add(cell.ToString());
                    cell.Clear();
                    wasQuoted = false;
                    break;
                case '\r' when i + 1 < csv.Length && csv[i + 1] == '\n':
                    break;
                case '\r' or '\n':
                    cells.Add(cell.ToString());
                    records.Add((recordLine, cells));
                    cells = [];
                    cell.Clear();
                    wasQuoted = false;
                    line++;
                    recordLine = line;
                    break;
                default:
                    if (wasQuoted)
                    {
                        throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"Line {line} has text after a closing quote; a quote inside a text is written as two quotes (\"\")."));
                    }

                    cell.Append(c);
                    break;
            }

            i++;
        }

        if (quoted)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The quote opened on line {quoteLine} is never closed; check that text for a missing \"."));
        }

        if (cell.Length > 0 || cells.Count > 0 || wasQuoted)
        {
            cells.Add(cell.ToString());
            records.Add((recordLine, cells));
        }

        return records;
    }
}
