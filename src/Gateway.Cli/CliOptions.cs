using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;

namespace Gateway.Cli;

/// <summary>The command words and <c>--name value</c> options of one call.</summary>
public sealed class CliOptions
{
    private static readonly string[] Known = ["--flows", "--localization", "--lang", "--channel", "--country", "--today", "--organisation", "--name", "--countries", "--redis", "--voice", "--espeak"];

    /// <summary>Options that take no value: present or not.</summary>
    private static readonly string[] Switches = ["--operator"];

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private readonly HashSet<string> _switches = new(StringComparer.Ordinal);

    public IReadOnlyList<string> Command { get; private init; } = [];

    public string? this[string name] => _values.GetValueOrDefault(name);

    /// <summary>True when the switch (an option without a value, such as --operator) was given.</summary>
    public bool Has(string name) => _switches.Contains(name);

    public static CliOptions Parse(string[] args)
    {
        var words = new List<string>();
        var options = new CliOptions { Command = words };
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal) || arg == "--help")
            {
                words.Add(arg);
                continue;
            }

            if (Switches.Contains(arg))
            {
                options._switches.Add(arg);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals > 0 ? arg[..equals] : arg;
            if (!Known.Contains(name))
            {
                throw new CliException($"unknown option {name}.");
            }

            string value;
            if (equals > 0)
            {
                value = arg[(equals + 1)..];
            }
            else if (i + 1 < args.Length)
            {
                value = args[++i];
            }
            else
            {
                throw new CliException($"{name} needs a value.");
            }

            options._values[name] = value;
        }

        return options;
    }

    /// <summary>The folders to read: as given, or flows/ and localization/ here or in the nearest folder above.</summary>
    public (string Flows, string Localization) Folders()
    {
        var flows = this["--flows"];
        var localization = this["--localization"];
        if (flows is not null && localization is not null)
        {
            return (flows, localization);
        }

        var root = FindRoot(Directory.GetCurrentDirectory());
        flows ??= Path.Combine(root ?? ".", "flows");
        localization ??= Path.Combine(root ?? Path.GetDirectoryName(Path.GetFullPath(flows)) ?? ".", "localization");
        return (flows, localization);
    }

    public DateOnly Today() =>
        this["--today"] is { } text && DateOnly.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var today)
            ? today
            : DateOnly.FromDateTime(DateTime.UtcNow);

    public LoadResult Load()
    {
        var (flows, localization) = Folders();
        return FlowLoader.Load(flows, localization, Today());
    }

    /// <summary>The bundle to run, or null after printing the errors that stop it from loading.</summary>
    public FlowBundle? LoadOrReport(TextWriter error)
    {
        var result = Load();
        if (result.Bundle is null)
        {
            foreach (var finding in result.Findings.Where(f => f.IsError))
            {
                error.WriteLine(finding);
            }

            error.WriteLine("The flows have errors; run \"gateway flows validate\" for the whole list.");
        }

        return result.Bundle;
    }

    private static string? FindRoot(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (Directory.Exists(Path.Combine(dir.FullName, "flows")) && Directory.Exists(Path.Combine(dir.FullName, "localization")))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
