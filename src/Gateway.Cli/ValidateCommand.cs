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

    public static void WriteCoverage(IReadOnlyList<LanguageCoverage> coverage, TextWriter output)
    {
        output.WriteLine("Text coverage (texts the flows use; draft = nobody has vouched for it yet):");
        output.WriteLine($"{"language",-10} {"needed",6} {"present",8} {"reviewed",9} {"draft",6} {"fallback",9}");
        foreach (var row in coverage)
        {
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{row.Language,-10} {row.Needed,6} {row.PresentShare,8:P0} {row.Reviewed,9} {row.Draft,6} {row.Fallback,9}"));
        }
    }
}
