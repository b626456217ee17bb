using Gateway.Core.Flows;
using Gateway.Core.Flows.Loading;
using Gateway.Web.Configuration;
using Microsoft.Extensions.Options;

namespace Gateway.Web.Messaging;

/// <summary>
/// Holds the engine for the flows being served. The flows are read and validated at start-up (a gateway whose
/// flows have errors does not start, and says which file, line and column to fix); later edits replace the
/// engine only when they pass the validator, so the last good revision keeps serving.
/// </summary>
public sealed partial class FlowHost
{
    private readonly TimeProvider _clock;
    private readonly ILogger<FlowHost> _logger;
    private readonly Lock _swap = new();
    private volatile FlowEngine _engine;
    private volatile FlowSource _source;

    private readonly EngineOptions _engineOptions;

    /// <param name="options">Where the flows and texts are.</param>
    /// <param name="environment">The content root the folders are relative to.</param>
    /// <param name="clock">The clock.</param>
    /// <param name="logger">The log.</param>
    /// <param name="escalation">
    /// The webhooks configured here: a text that promises a page, and the sentence that tells a person who receives
    /// their report, count a webhook only once it is configured (<see cref="Reports.EscalationHealth.CanReach"/>).
    /// </param>
    public FlowHost(IOptions<GatewayOptions> options, IHostEnvironment environment, TimeProvider clock, ILogger<FlowHost> logger, IOptionsMonitor<Reports.EscalationOptions>? escalation = null)
    {
        _engineOptions = new EngineOptions { CanReach = escalation is null ? null : Reports.EscalationHealth.CanReach(escalation) };
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _clock = clock;
        _logger = logger;
        (FlowsPath, LocalizationPath) = Folders(options.Value, environment.ContentRootPath);
        _source = ReadDisk();
        var result = FlowLoader.Load(_source, Today());
        if (result.Bundle is null)
        {
            throw new InvalidOperationException(
                $"The flows in {FlowsPath} and {LocalizationPath} have errors, so the gateway cannot start:\n"
                + string.Join('\n', result.Findings.Where(f => f.IsError)));
        }

        _engine = new FlowEngine(result.Bundle, _engineOptions);
        LogServing(logger, result.Bundle.Revision, "disk", result.Findings.Count);
    }

    /// <summary>Raised after a new revision started serving, with the files it was read from.</summary>
    public event Action<FlowSource>? Served;

    public FlowEngine Engine => _engine;

    public string Revision => _engine.Bundle.Revision;

    /// <summary>The files of the revision being served (from disk, the console or another process).</summary>
    public FlowSource Source => _source;

    public string FlowsPath { get; }

    public string LocalizationPath { get; }

    public FlowSource ReadDisk() => FlowSource.FromDirectories(FlowsPath, LocalizationPath);

    /// <summary>
    /// Serves <paramref name="source"/> if it passes the validator and is not already served. A refused edit is
    /// logged with every error, and the current revision goes on serving.
    /// </summary>
    public bool TryServe(FlowSource source, string origin)
    {
        ArgumentNullException.ThrowIfNull(source);
        if (source.Revision == Revision)
        {
            return false;
        }

        var result = FlowLoader.Load(source, Today());
        if (result.Bundle is null)
        {
            LogRefused(_logger, source.Revision, origin, Revision, string.Join('\n', result.Findings.Where(f => f.IsError)));
            return false;
        }

        lock (_swap)
        {
            if (result.Bundle.Revision == Revision)
            {
                return false;
            }

            _engine = new FlowEngine(result.Bundle, _engineOptions);
            _source = source;
        }

        LogServing(_logger, result.Bundle.Revision, origin, result.Findings.Count);
        Served?.Invoke(source);
        return true;
    }

    private DateOnly Today() => DateOnly.FromDateTime(_clock.GetUtcNow().UtcDateTime);

    [LoggerMessage(Level = LogLevel.Information, Message = "Serving flows revision {Revision} from {Origin} ({Findings} warnings; run `gateway flows validate` to read them)")]
    private static partial void LogServing(ILogger logger, string revision, string origin, int findings);

    [LoggerMessage(Level = LogLevel.Error, Message = "Flows revision {Revision} from {Origin} is refused and {Serving} keeps serving. Fix these errors:\n{Errors}")]
    private static partial void LogRefused(ILogger logger, string revision, string origin, string serving, string errors);

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
