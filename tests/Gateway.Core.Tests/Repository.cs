using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;

namespace Gateway.Core.Tests;

/// <summary>Paths inside the repository and the shipped flows, loaded once per test run.</summary>
public static class Repository
{
    private static readonly Lazy<FlowBundle> Shipped = new(LoadShipped);

    public static string Root { get; } = FindRoot();

    public static string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>The bundle read from flows/ and localization/; a test run fails here if they have errors.</summary>
    public static FlowBundle ShippedBundle => Shipped.Value;

    public static readonly DateOnly Today = new(2026, 11, 25);

    private static FlowBundle LoadShipped()
    {
        var result = FlowLoader.Load(PathOf("flows"), PathOf("localization"), Today);
        return result.Bundle ?? throw new InvalidOperationException(
            "The shipped flows have errors:\n" + string.Join('\n', result.Findings.Where(f => f.IsError)));
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

        throw new DirectoryNotFoundException($"No folder containing Gateway.sln was found above {AppContext.BaseDirectory}.");
    }
}
