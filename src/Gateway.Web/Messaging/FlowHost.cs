using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Messaging;

/// <summary>
/// Holds the engine for the flows being served. The flows are read and validated at start-up; a gateway whose
/// flows have errors does not start, and says which file, line and column to fix.
/// </summary>
public sealed partial class FlowHost
{
    public FlowHost(IOptions<GatewayOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<FlowHost> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        (FlowsPath, LocalizationPath) = Folders(options.Value, environment.ContentRootPath);
        var result = FlowLoader.Load(FlowsPath, LocalizationPath, DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        if (result.Bundle is null)
        {
            throw new InvalidOperationException(
                $"The flows in {FlowsPath} and {LocalizationPath} have errors, so the gateway cannot start:\n"
                + string.Join('\n', result.Findings.Where(f => f.IsError)));
        }

        Engine = new FlowEngine(result.Bundle);
        LogServing(logger, result.Bundle.Revision, FlowsPath, result.Findings.Count);
    }

    public FlowEngine Engine { get; }

    public string FlowsPath { get; }

    public string LocalizationPath { get; }

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving flows revision {Revision} from {FlowsPath} ({Warnings} warnings; run `gateway flows validate` to read them)")]
    private static partial void LogServing(ILogger logger, string revision, string flowsPath, int warnings);

    private static (string Flows, string Localization) Folders(GatewayOptions options, string contentRoot)
    {
        var flows = options.FlowsPath;
        if (flows is null)
        {
            for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            {
                if (Directory.Exists(Path.Combine(dir.FullName, "flows")) && Directory.Exists(Path.Combine(dir.FullName, "localization")))
                {
                    flows = Path.Combine(dir.FullName, "flows");
                    break;
                }
            }

            flows ??= Path.Combine(contentRoot, "flows");
        }

        var localization = options.LocalizationPath ?? Path.Combine(Path.GetDirectoryName(Path.GetFullPath(flows))!, "localization");
        return (flows, localization);
    }
}
