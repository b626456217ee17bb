using System.Runtime;
using System.Runtime.InteropServices;

namespace Gateway.Bench;

/// <summary>What the figures were measured on; they only compare across runs on the same machine.</summary>
internal static class MachineInfo
{
    public static IEnumerable<string> Describe()
    {
        yield return $"cpu:     {CpuModel()}, {Environment.ProcessorCount} logical processors available";
        yield return $"runtime: {RuntimeInformation.FrameworkDescription} on {RuntimeInformation.OSDescription} {RuntimeInformation.ProcessArchitecture}";
        yield return $"gc:      {(GCSettings.IsServerGC ? "server" : "workstation")}, {GCSettings.LatencyMode}; build: {Configuration}";
    }

    public const string Configuration =
#if DEBUG
        "Debug (figures are not meaningful: run with -c Release)";
#else
        "Release";
#endif

    private static string CpuModel()
    {
        const string cpuinfo = "/proc/cpuinfo";
        if (!File.Exists(cpuinfo))
        {
            return RuntimeInformation.ProcessArchitecture.ToString();
        }

        foreach (var line in File.ReadLines(cpuinfo))
        {
            if (line.StartsWith("model name", StringComparison.Ordinal) && line.IndexOf(':', StringComparison.Ordinal) is var colon and > 0)
            {
                return line[(colon + 1)..].Trim();
            }
        }

        return RuntimeInformation.ProcessArchitecture.ToString();
    }
}
