using CsCheck;
using Gateway.Core.Content;
using Gateway.Core.Localization;

namespace Gateway.Core.Tests.Content;

/// <summary>
/// Generated spreadsheets (random text, and exported files mutated the way a spreadsheet program or a hurried edit
/// would): Read gives rows or a FormatException with a sentence, nothing else; any text exported reads back as it
/// was, and no exported cell starts a formula in a spreadsheet program.
/// </summary>
public sealed class TranslationCsvFuzzFacts
{
    private static readonly string[] CsvTokens = ["\"", "\"\"", ",", "\r\n", "\n", "\r", "'", "=", "+", "-", "@", "\t", " ", "\uff1d", "\ufeff", ";", "key,english,text,status,notes\r\n"];

    private static readonly IReadOnlyList<TranslationRow> Rows = TranslationTable.Build(Repository.ShippedBundle, "my");

    [Fact]
    public void Read_GivesRowsOrASentence_NeverAnotherException()
    {
        var exported = new[] { TranslationCsv.Write(Rows.Take(8)), TranslationCsv.Write(Rows.Skip(40).Take(5)) };
        var gen = Gen.OneOf(Fuzzing.Mutations(exported, CsvTokens), Fuzzing.Texts(200));
        Fuzzing.Check(gen, csv =>
        {
            try
            {
                var rows = TranslationCsv.Read(csv);
                Assert.All(rows, r => Assert.True(r.Line >= 2));
            }
            catch (FormatException e)
            {
                Assert.EndsWith(".", e.Message.TrimEnd(')'), StringComparison.Ordinal);
            }
        }, iterations: 10_000);
    }

    [Fact]
    public void AnyText_ReadsBackAsExported_AndNoCellStartsAFormula()
    {
        var template = Rows[0];
        var gen = Fuzzing.Texts(60).Select(t => Gen.OneOf(Gen.Const(t), Gen.Int[0, CsvTokens.Length - 1].Select(i => CsvTokens[i] + t))).SelectMany(g => g);
        Fuzzing.Check(gen, text =>
        {
            var entry = new TextEntry { Key = template.Key, Text = text, Location = template.Entry!.Location };
            var csv = TranslationCsv.Write([template with { English = text, Entry = entry }]);

            var back = Assert.Single(TranslationCsv.Read(csv));
            Assert.Equal(text, back.Text);
            Assert.Equal(text, back.English);
            foreach (var cell in Cells(csv.Split("\r\n", 2)[1]))
            {
                var start = cell.TrimStart(' ', '\t', '\r', '\n');
                Assert.False(start.Length > 0 && "=+-@\uff1d\uff0b\uff0d\uff20".Contains(start[0], StringComparison.Ordinal), $"the cell {Fuzzing.Show(cell)} starts a formula");
            }
        }, iterations: 10_000);
    }

    /// <summary>The cells of one exported record as a spreadsheet program sees them: quotes taken off.</summary>
    private static IEnumerable<string> Cells(string record)
    {
        var cell = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < record.Length; i++)
        {
            var c = record[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < record.Length && record[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',' || (c == '\r' && i + 1 < record.Length && record[i + 1] == '\n'))
            {
                yield return cell.ToString();
                cell.Clear();
                if (c == '\r')
                {
                    yield break;
                }
            }
            else
            {
                cell.Append(c);
            }
        }

        yield return cell.ToString();
    }
}
