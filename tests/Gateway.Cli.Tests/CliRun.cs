using System.Diagnostics;

namespace Gateway.Cli.Tests;

/// <summary>Runs the CLI in-process or as its own process, from the repository root.</summary>
internal static class CliRun
{
    public static string Root { get; } = FindRoot();

    public static (int Code, string Output, string Error) InProcess(string input, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = CliApp.Run(
            [.. args, .. args.Contains("--flows") ? Array.Empty<string>() : ["--flows", Path.Combine(Root, "flows"), "--localization", Path.Combine(Root, "localization")]],
            new StringReader(input), output, error);
        return (code, output.ToString(), error.ToString());
    }

    /// <summary>Starts gateway.dll with standard input and output as pipes, as a shell pipeline would.</summary>
    public static (int Code, string Output, string Error) Process(string input, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Root,
            StandardOutputEncoding = System.Text.Encoding.UTF8,
            StandardInputEncoding = new System.Text.UTF8Encoding(false),
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gateway.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardInput.Write(input);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("gateway did not finish within a minute.");
        }

        return (process.ExitCode, output.Result, error.Result);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Gateway.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("No folder containing Gateway.sln was found.");
    }
}
