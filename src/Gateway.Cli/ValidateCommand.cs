using System.Globalization;
using Gateway.Core.Localization;

namespace Gateway.Cli;

/// <summary><c>gateway flows validate</c>: every finding, a coverage table per language, a summary.</summary>
public static class ValidateCommand
{
    public static int Run(CliOptions options, TextWriter output)
    {
        var result = options.Load();
        foreach (var finding in result.Findings)
        {
            output.WriteLine(finding);
        }

        var errors = result.Findings.Count(f => f.IsError);
        var warnings = result.Findings.Count - errors;
        if (result.Bundle is { } bundle)
        {
            output.WriteLine();
            WriteCoverage(TextCoverage.Compute(bundle), output);
        }

        output.WriteLine();
        output.WriteLine(errors == 0
            ? $"OK: no errors, {warnings} warning(s). Revision {result.Bundle!.Revision}."
            : $"FAILED: {errors} error(s), {warnings} warning(s). Nothing is served until the errors are fixed.");
        return errors == 0 ? 0 : 1;
    }

    /// <summary>
    /// One line per language: needed texts, those in its own file (own), drafts, reviewed, those borrowed along
    /// its fallback chain, and the SMS segments of its own texts (average / most, and the longest text's key).
    /// The name in its own script comes last, where its width cannot shift the columns.
    /// </summary>
    public static void WriteCoverage(IReadOnlyList<LanguageCoverage> coverage, TextWriter output)
    {
        output.WriteLine("Text coverage: own = in the language's own file and script; draft = nobody has vouched for it yet;");
        output.WriteLine("fallback = borrowed along the chain; SMS = segments per own text, average / most, and the longest text.");
        output.WriteLine($"{"language",-8} {"needed",6} {"own",5} {"own %",6} {"draft",6} {"reviewed",8} {"fallback",8}  {"SMS",-9} {"longest",-24} {"chain",-14} name");
        foreach (var row in coverage)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Language,-8} {row.Needed,6} {row.Own,5} {row.OwnShare,6:P0} {row.Draft,6} {row.Reviewed,8} {row.Fallback,8}  {row.SmsText,-9} {row.Longest ?? "-",-24} {row.ChainText,-14} {row.Name}"));
        }
    }
}
