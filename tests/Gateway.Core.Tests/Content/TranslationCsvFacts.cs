using System.Text;
using Gateway.Core.Content;

namespace Gateway.Core.Tests.Content;

public class TranslationCsvFacts
{
    [Theory]
    [InlineData("my")]
    [InlineData("km")]
    public void WriteThenRead_GivesBackEveryTextOfTheLanguage(string language)
    {
        var rows = TranslationTable.Build(Repository.ShippedBundle, language);
        var bytes = TranslationCsv.Encode(TranslationCsv.Write(rows));

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        var read = TranslationCsv.Read(new UTF8Encoding(false).GetString(bytes));

        Assert.Equal(rows.Count, read.Count);
        foreach (var (row, back) in rows.Zip(read))
        {
            Assert.Equal(row.Key, back.Key);
            Assert.Equal(row.Entry?.Text ?? string.Empty, back.Text);
            Assert.Equal(row.English ?? string.Empty, back.English);
        }
    }

    [Fact]
    public void Read_TakesQuotedCommasQuotesAndLineBreaks_AndFormulaGuards()
    {
        var rows = TranslationTable.Build(Repository.ShippedBundle, "km").Take(1).ToList();
        var csv = TranslationCsv.Write(rows).Split("\r\n")[0] + "\r\n"
            + "menu.report,\"Report, \"\"now\"\"\",\"ប្រាប់, \"\"ឥឡូវ\"\"\r\nបន្ទាត់ថ្មី\",draft,\r\n"
            + "menu.sos,SOS,'=1+1,draft,\r\n";

        var read = TranslationCsv.Read(csv);

        Assert.Equal("ប្រាប់, \"ឥឡូវ\"\r\nបន្ទាត់ថ្មី", read[0].Text);
        Assert.Equal("Report, \"now\"", read[0].English);
        Assert.Equal("=1+1", read[1].Text);
        Assert.Equal(4, read[1].Line);
    }

    [Fact]
    public void Write_GuardsACellThatASpreadsheetWouldRunAsAFormula()
    {
        var row = TranslationTable.Build(Repository.ShippedBundle, "en")[0];
        var entry = new Gateway.Core.Localization.TextEntry { Key = row.Key, Text = "=HYPERLINK(\"x\")", Location = row.Entry!.Location };
        var csv = TranslationCsv.Write([row with { Entry = entry }]);

        Assert.Contains(",\"'=HYPERLINK(\"\"x\"\")\",", csv, StringComparison.Ordinal);
        Assert.Equal("=HYPERLINK(\"x\")", TranslationCsv.Read(csv)[0].Text);
    }

    [Theory]
    [InlineData("\t=HYPERLINK(\"x\")")]
    [InlineData(" =1+1")]
    [InlineData("\r\n@SUM(A1)")]
    [InlineData("\uFF1DHYPERLINK(\"x\")")]
    [InlineData("\uFF0B1")]
    [InlineData("\uFF0D1")]
    [InlineData("\uFF20SUM(A1)")]
    [InlineData(" \t\uFF1D1")]
    public void Write_GuardsAFormula_BehindBlanksOrInFullWidth(string text)
    {
        var row = TranslationTable.Build(Repository.ShippedBundle, "en")[0];
        var entry = new Gateway.Core.Localization.TextEntry { Key = row.Key, Text = text, Location = row.Entry!.Location };
        var csv = TranslationCsv.Write([row with { Entry = entry }]);

        var guarded = "'" + text;
        Assert.True(csv.Contains("," + guarded + ",", StringComparison.Ordinal) || csv.Contains(",\"" + guarded.Replace("\"", "\"\"", StringComparison.Ordinal) + "\",", StringComparison.Ordinal), csv);
        Assert.Equal(text, TranslationCsv.Read(csv)[0].Text);
    }

    [Theory]
    [InlineData("'=1+1")]
    [InlineData("''+1")]
    [InlineData("'plain")]
    [InlineData("'")]
    public void WriteThenRead_KeepsATextThatStartsWithAnApostrophe(string text)
    {
        var row = TranslationTable.Build(Repository.ShippedBundle, "en")[0];
        var entry = new Gateway.Core.Localization.TextEntry { Key = row.Key, Text = text, Location = row.Entry!.Location };

        Assert.Equal(text, TranslationCsv.Read(TranslationCsv.Write([row with { Entry = entry }]))[0].Text);
    }

    [Theory]
    [InlineData("key,text\r\nmenu.report,x\r\n", "must be exactly key,english,text,status,notes")]
    [InlineData("key;english;text;status;notes\r\n", "semicolons")]
    [InlineData("key,english,text,status,notes\r\nmenu.report,x,\"never closed,draft,\r\n", "opened on line 2 is never closed")]
    [InlineData("key,english,text,status,notes\r\nmenu.report,x,y,draft\r\n", "Line 2 has 4 cells instead of 5")]
    [InlineData("key,english,text,status,notes\r\nmenu.report,x,\"y\"z,draft,\r\n", "Line 2 has text after a closing quote")]
    [InlineData("", "empty")]
    public void Read_ExplainsABrokenFile(string csv, string expected)
    {
        var error = Assert.Throws<FormatException>(() => TranslationCsv.Read(csv));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
